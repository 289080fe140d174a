import { z } from "zod";
import { defineRoute } from "@/lib/http/route";
import { INGEST_SOURCES } from "@/lib/ingest/event";
import { receiveUpload } from "@/lib/ingest/http";

// POST /api/ingest/upload?format=litellm&label=export.jsonl — a person (interactions:upload) streams a
// JSONL / NDJSON log export from the browser; the body is the file, ingested in batches as it
// arrives, and the answer summarises the whole file.
const uploadQuery = z.object({
  format: z.enum(INGEST_SOURCES, { error: `Format must be one of: ${INGEST_SOURCES.join(", ")}.` }),
  label: z.string().trim().min(1).max(255, "The file name is too long (255 characters at most).").optional(),
});

export const POST = defineRoute({
  route: "/api/ingest/upload",
  auth: "session",
  query: uploadQuery,
  handler: ({ query, ...ctx }) => {
    const header = ctx.request.headers.get("x-file-name");
    const fromHeader = header ? safeDecode(header).trim().slice(0, 255) : undefined;
    return receiveUpload(query.format, query.label ?? (fromHeader || undefined), ctx);
  },
});

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}
