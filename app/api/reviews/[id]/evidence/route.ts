import { z } from "zod";
import { defineRoute } from "@/lib/http/route";
import { getEvidence } from "@/lib/reviews/get-evidence";

// GET /api/reviews/:id/evidence?format=json|csv — a completed campaign's evidence, exactly as
// written on completion, with its SHA-256 (also in the audit trail) in X-Evidence-SHA256.
export const GET = defineRoute({
  route: "/api/reviews/[id]/evidence",
  auth: "session",
  query: z.object({ format: z.enum(["json", "csv"], { message: "Format must be json or csv." }).default("json") }),
  handler: async ({ actor, params, query, requestId }) => {
    const evidence = await getEvidence(actor, String(params.id), query.format, requestId);
    return new Response(evidence.body, {
      headers: {
        "content-type": query.format === "json" ? "application/json; charset=utf-8" : "text/csv; charset=utf-8",
        "content-disposition": `attachment; filename="${evidence.filename}"`,
        "x-evidence-sha256": evidence.sha256,
        "x-evidence-verified": String(evidence.verified),
        "cache-control": "no-store",
      },
    });
  },
});
