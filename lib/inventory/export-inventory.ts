import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { recordAudit } from "@/lib/audit/record";
import { db } from "@/lib/db/client";
import { toCsv, type CsvColumn } from "./csv";
import type { InventoryFilters } from "./inventory-filters";
import { searchInventory, type InventoryRow } from "./search-inventory";

// The inventory as CSV: the same rows as /inventory with the same filters, one column set for
// every type (a column that does not apply to a type is left empty).

export const INVENTORY_CSV_COLUMNS: CsvColumn<InventoryRow>[] = [
  { header: "type", value: (r) => r.type },
  { header: "id", value: (r) => r.id },
  { header: "name", value: (r) => r.name },
  { header: "kind", value: (r) => r.kind },
  { header: "summary", value: (r) => r.summary },
  { header: "system", value: (r) => r.system },
  { header: "team", value: (r) => r.team },
  { header: "environment", value: (r) => r.environment },
  { header: "status", value: (r) => r.status },
  { header: "owner", value: (r) => r.owner?.name },
  { header: "owner_email", value: (r) => r.owner?.email },
  { header: "orphaned", value: (r) => (r.type === "connector" ? null : r.orphaned ? "yes" : "no") },
  { header: "sensitivity", value: (r) => r.sensitivity },
  { header: "data_classification", value: (r) => r.classification },
  { header: "models", value: (r) => r.models },
  { header: "providers", value: (r) => r.providers },
  { header: "actions", value: (r) => r.actions },
  { header: "resource_pattern", value: (r) => r.resourcePattern },
  { header: "identifier", value: (r) => r.identifier },
  { header: "issued_at", value: (r) => r.issuedAt },
  { header: "last_rotated_at", value: (r) => r.lastRotatedAt },
  { header: "expires_at", value: (r) => r.expiresAt },
  { header: "rotation_due_at", value: (r) => r.rotationDueAt },
  { header: "updated_at", value: (r) => r.updatedAt },
];

/** The CSV for these filters. Recorded in the audit trail: an export is data leaving Warden. */
export async function exportInventoryCsv(actor: Actor, filters: InventoryFilters, requestId: string): Promise<{ csv: string; rows: number }> {
  const rows = await searchInventory(filters);
  await db.$transaction((tx) =>
    recordAudit(tx, { actor, action: "inventory.export", target: { type: "inventory" }, after: { filters, rows: rows.length }, requestId }),
  );
  return { csv: toCsv(INVENTORY_CSV_COLUMNS, rows), rows: rows.length };
}
