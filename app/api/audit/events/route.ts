import { auditFilterInput, listAuditEvents } from "@/lib/audit/list-events";
import { defineRoute } from "@/lib/http/route";

// GET /api/audit/events?after=<seq>… — the audit trail as JSON, with the same filters as /audit,
// so a SIEM can pull it with an API token holding the audit:read scope: poll with `after` set to
// the newest event number already stored, and follow `newer` until it is null.
export const GET = defineRoute({
  route: "/api/audit/events",
  auth: "session-or-token",
  query: auditFilterInput,
  handler: async ({ query, requestId }) => {
    const page = await listAuditEvents(query);
    return Response.json(page, { headers: { "cache-control": "no-store", "x-request-id": requestId } });
  },
});
