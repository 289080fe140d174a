import "server-only";
import { z } from "zod";
import { db } from "@/lib/db/client";
import type { ExecutionMode } from "./scope";
import { expireDueGrants } from "./expire-grants";

export const GRANT_STATUSES = ["requested", "approved", "rejected", "expired", "revoked"] as const;
export type GrantStatus = (typeof GRANT_STATUSES)[number];

/** Filters from the query string; anything malformed is ignored rather than an error page. */
export const grantListFilters = z.object({
  status: z.enum(GRANT_STATUSES).optional().catch(undefined),
  workflowId: z.guid().optional().catch(undefined),
});
export type GrantListFilters = z.infer<typeof grantListFilters>;

export const GRANT_LIST_LIMIT = 500;

export interface GrantRow {
  id: string;
  workflow: { id: string; name: string };
  connector: { id: string; name: string };
  resources: string[];
  actions: string[];
  mode: ExecutionMode;
  status: GrantStatus;
  expiresAt: Date | null;
  createdAt: Date;
  requestedBy: string | null;
}

/** Grants, newest first; every role that may see the inventory sees all of them. */
export async function listGrants(filters: GrantListFilters = {}): Promise<{ rows: GrantRow[]; truncated: boolean }> {
  await expireDueGrants();
  const grants = await db.grant.findMany({
    where: { status: filters.status, workflowId: filters.workflowId },
    orderBy: [{ createdAt: "desc" }, { id: "asc" }],
    take: GRANT_LIST_LIMIT + 1,
    select: {
      id: true,
      resources: true,
      actions: true,
      mode: true,
      status: true,
      expiresAt: true,
      createdAt: true,
      workflow: { select: { id: true, name: true } },
      connector: { select: { id: true, name: true } },
      requestedBy: { select: { name: true } },
    },
  });
  return {
    rows: grants.slice(0, GRANT_LIST_LIMIT).map((g) => ({ ...g, requestedBy: g.requestedBy?.name ?? null })),
    truncated: grants.length > GRANT_LIST_LIMIT,
  };
}

/** Workflow names for the filter menu. */
export async function listWorkflowChoices(): Promise<{ id: string; name: string }[]> {
  return db.workflow.findMany({ orderBy: { name: "asc" }, select: { id: true, name: true } });
}
