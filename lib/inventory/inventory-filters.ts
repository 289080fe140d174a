import { z } from "zod";
import { DATA_CLASSIFICATIONS, ENVIRONMENTS, SENSITIVITIES, WORKFLOW_STATUSES } from "./vocabulary";

// The org-wide inventory's filters. They live in the URL, so the page, its export link and the
// export route (/api/inventory/export) all read the same query string with this one schema.

export const INVENTORY_TYPES = ["workflow", "connector", "credential"] as const;
export type InventoryType = (typeof INVENTORY_TYPES)[number];

/** Workflow lifecycle statuses, plus "expired" for credentials past their expiry. */
export const INVENTORY_STATUSES = [...WORKFLOW_STATUSES, "expired"] as const;

/** In the owner filter: workflows and credentials whose owner is gone. */
export const ORPHANED = "orphaned";

const OWNER_FILTER_MESSAGE = 'Owner must be a person\'s id or "orphaned".';

const emptyToUndefined = (value: unknown) => (value === "" || value === null ? undefined : value);
const optionalChoice = <const T extends readonly [string, ...string[]]>(field: string, values: T) =>
  z.preprocess(emptyToUndefined, z.enum(values, { error: `${field} must be one of: ${values.join(", ")}.` }).optional());

export const inventoryFilters = z.object({
  q: z.preprocess(emptyToUndefined, z.string().trim().max(200, "Search is too long (200 characters at most).").optional()),
  type: optionalChoice("Type", INVENTORY_TYPES),
  environment: optionalChoice("Environment", ENVIRONMENTS),
  status: optionalChoice("Status", INVENTORY_STATUSES),
  owner: z.preprocess(emptyToUndefined, z.union([z.literal(ORPHANED), z.uuid({ error: OWNER_FILTER_MESSAGE })], { error: OWNER_FILTER_MESSAGE }).optional()),
  sensitivity: optionalChoice("Sensitivity", SENSITIVITIES),
  classification: optionalChoice("Classification", DATA_CLASSIFICATIONS),
});

export type InventoryFilters = z.infer<typeof inventoryFilters>;
export const FILTER_KEYS = Object.keys(inventoryFilters.shape) as (keyof InventoryFilters)[];

/** The query string for a set of filters, empty ones left out: "?type=workflow&status=active". */
export function filtersToQuery(filters: Partial<Record<keyof InventoryFilters, string | undefined>>): string {
  const params = new URLSearchParams();
  for (const key of FILTER_KEYS) {
    const value = filters[key];
    if (value) params.set(key, value);
  }
  const query = params.toString();
  return query ? `?${query}` : "";
}

/** Page searchParams ({ a: "1" } or { a: ["1", "2"] }) → the first value of each key. */
export function firstValues(searchParams: Record<string, string | string[] | undefined>): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [key, value] of Object.entries(searchParams)) {
    const first = Array.isArray(value) ? value[0] : value;
    if (first !== undefined) values[key] = first;
  }
  return values;
}
