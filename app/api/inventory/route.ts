import { defineRoute } from "@/lib/http/route";
import { inventoryFilters } from "@/lib/inventory/inventory-filters";
import { searchInventory } from "@/lib/inventory/search-inventory";

// GET /api/inventory?type=credential&status=expired… — the org-wide inventory as JSON, with the
// same filters as /inventory, for automation holding an API token with the inventory:read scope.
export const GET = defineRoute({
  route: "/api/inventory",
  auth: "session-or-token",
  query: inventoryFilters,
  handler: async ({ query, requestId }) => {
    const items = await searchInventory(query);
    return Response.json({ items }, { headers: { "cache-control": "no-store", "x-request-id": requestId } });
  },
});
