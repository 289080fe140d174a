import { z } from "zod";
import { defineRoute } from "@/lib/http/route";
import { EXPORT_FORMATS, exportQueue } from "@/lib/triage/export";
import { queueFilters } from "@/lib/triage/queue-filters";

// GET /api/interactions/export?format=csv&category=secret… — the queue's view (same filters as
// /interactions) as CSV or JSON, streamed. People use their session (auditors included); scripts
// use an API token with the triage:export scope.
const exportQuery = queueFilters.and(
  z.object({ format: z.preprocess((v) => (v === "" ? undefined : v), z.enum(EXPORT_FORMATS, { error: "Format must be csv or json." }).default("csv")) }),
);

export const GET = defineRoute({
  route: "/api/interactions/export",
  auth: "session-or-token",
  query: exportQuery,
  handler: async ({ actor, query, requestId }) => {
    const { format, ...filters } = query;
    const { stream, filename, contentType } = await exportQueue(actor, filters, format, requestId);
    return new Response(stream, {
      headers: {
        "content-type": contentType,
        "content-disposition": `attachment; filename="${filename}"`,
        "cache-control": "no-store",
        "x-request-id": requestId,
      },
    });
  },
});
