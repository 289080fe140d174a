import { z } from "zod";
import { ValidationError } from "@/lib/errors";
import { SEVERITIES } from "./labels";
import type { QueueSort } from "./queue-filters";

// A keyset page position: the sort key of the row the page starts after (or ends before). Opaque
// in the URL (base64url JSON) and checked on the way back in, so a hand-edited cursor is refused
// with a message rather than reaching SQL.

export interface QueueCursor {
  /** Only for the severity sort. */
  severity?: (typeof SEVERITIES)[number];
  occurredAt: Date;
  id: string;
}

const payload = z.object({
  s: z.enum(SEVERITIES).optional(),
  t: z.number().int().nonnegative(),
  i: z.guid(),
});

export function encodeCursor(cursor: QueueCursor): string {
  const json = JSON.stringify({ ...(cursor.severity ? { s: cursor.severity } : {}), t: cursor.occurredAt.getTime(), i: cursor.id });
  return Buffer.from(json, "utf8").toString("base64url");
}

/** The cursor for this sort, or a ValidationError on `field` when it is not one of ours. */
export function decodeCursor(value: string, sort: QueueSort, field: "after" | "before"): QueueCursor {
  let parsed: z.infer<typeof payload> | null = null;
  try {
    const result = payload.safeParse(JSON.parse(Buffer.from(value, "base64url").toString("utf8")));
    if (result.success) parsed = result.data;
  } catch {
    parsed = null;
  }
  if (!parsed || (sort === "severity") !== (parsed.s !== undefined)) {
    throw new ValidationError("This page position is not valid for this view; start again from the first page.", { [field]: "Page position is not valid." });
  }
  return { severity: parsed.s, occurredAt: new Date(parsed.t), id: parsed.i };
}
