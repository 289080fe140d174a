import { defineRoute } from "@/lib/http/route";
import { receiveBatch } from "@/lib/ingest/http";

// POST /api/ingest/generic — Warden's generic JSON event (lib/ingest/formats/generic.ts): one object, a JSON array, or NDJSON.
// API tokens with the interactions:ingest scope only (no role has it, so a signed-in person gets 403).
// Answered after the batch is committed: per-record outcomes, 400 when nothing could be read, 503 +
// Retry-After when the database could not commit (a retry stores each event once).
export const POST = defineRoute({
  route: "/api/ingest/generic",
  auth: "session-or-token",
  handler: (ctx) => receiveBatch("generic", ctx),
});
