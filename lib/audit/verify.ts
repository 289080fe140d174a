import type { PrismaClient } from "@/lib/db/client";
import { auditHash, GENESIS_HASH } from "./hash";

export interface ChainReport {
  intact: boolean;
  checked: number;
  /** The first event whose stored hash or link does not match, when the chain is broken. */
  brokenAt?: { seq: string; reason: string };
}

const PAGE = 1000;

/** Walks the whole trail in order and recomputes every hash. */
export async function verifyAuditChain(client: PrismaClient): Promise<ChainReport> {
  let prevHash = GENESIS_HASH;
  let checked = 0;
  let cursor: bigint | undefined;
  for (;;) {
    const rows = await client.auditEvent.findMany({
      where: cursor === undefined ? {} : { seq: { gt: cursor } },
      orderBy: { seq: "asc" },
      take: PAGE,
    });
    for (const row of rows) {
      if (row.prevHash !== prevHash) {
        return { intact: false, checked, brokenAt: { seq: row.seq.toString(), reason: "link to the previous event does not match" } };
      }
      const expected = auditHash(prevHash, {
        at: row.at,
        actorType: row.actorType,
        actorId: row.actorId,
        actorLabel: row.actorLabel,
        action: row.action,
        targetType: row.targetType,
        targetId: row.targetId,
        before: row.before ?? null,
        after: row.after ?? null,
        requestId: row.requestId,
      });
      if (expected !== row.hash) {
        return { intact: false, checked, brokenAt: { seq: row.seq.toString(), reason: "content does not match its hash" } };
      }
      prevHash = row.hash;
      checked += 1;
    }
    if (rows.length < PAGE) return { intact: true, checked };
    cursor = rows[rows.length - 1]!.seq;
  }
}
