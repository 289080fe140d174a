import { defineRoute } from "@/lib/http/route";
import { exportInventoryCsv } from "@/lib/inventory/export-inventory";
import { inventoryFilters } from "@/lib/inventory/inventory-filters";

// GET /api/inventory/export?type=workflow&owner=orphaned… — the inventory as CSV, with the same
// filters as /inventory. Signed-in people use their session; scripts use an API token with the
// inventory:export scope.
export const GET = defineRoute({
  route: "/api/inventory/export",
  auth: "session-or-token",
  query: inventoryFilters,
  handler: async ({ actor, query, requestId }) => {
    const { csv } = await exportInventoryCsv(actor, query, requestId);
    const filename = `warden-inventory-${new Date().toISOString().slice(0, 10)}.csv`;
    return new Response(csv, {
      headers: {
        "content-type": "text/csv; charset=utf-8",
        "content-disposition": `attachment; filename="${filename}"`,
        "cache-control": "no-store",
        "x-request-id": requestId,
      },
    });
  },
});
