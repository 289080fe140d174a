import "server-only";
import { z } from "zod";
import { db } from "@/lib/db/client";
import { env } from "@/lib/env";
import { expireDueGrants } from "@/lib/grants/expire-grants";
import { FINDING_RULE_IDS, SEVERITIES, type Finding } from "./catalog";
import { computeFindings, type InventorySnapshot } from "./rules";

/** Filters from the query string; anything malformed is ignored. */
export const findingFilters = z.object({
  workflowId: z.guid().optional().catch(undefined),
  severity: z.enum(SEVERITIES).optional().catch(undefined),
  rule: z.enum(FINDING_RULE_IDS as [string, ...string[]]).optional().catch(undefined),
});
export type FindingFilters = z.infer<typeof findingFilters>;

/** Everything the rules look at, in one read. Grants that can no longer grant anything are left out. */
export async function loadInventorySnapshot(now = new Date()): Promise<InventorySnapshot> {
  await expireDueGrants(now);
  const [workflows, credentials, grants] = await Promise.all([
    db.workflow.findMany({ select: { id: true, name: true, status: true, environment: true, ownerId: true, owner: { select: { active: true } } } }),
    db.credential.findMany({
      select: { id: true, name: true, environment: true, issuedAt: true, lastRotatedAt: true, expiresAt: true, rotationPolicyDays: true, workflows: { select: { workflowId: true } } },
    }),
    db.grant.findMany({
      where: { status: { in: ["requested", "approved"] } },
      select: { id: true, workflowId: true, status: true, resources: true, actions: true, mode: true, expiresAt: true, createdAt: true, decidedAt: true, connector: { select: { name: true } } },
    }),
  ]);
  return {
    now,
    grantMaxDays: env().GRANT_MAX_DAYS,
    workflows: workflows.map(({ owner, ...w }) => ({ ...w, ownerActive: owner?.active ?? false })),
    credentials: credentials.map(({ workflows: links, ...c }) => ({ ...c, workflowIds: links.map((l) => l.workflowId) })),
    grants: grants.map(({ connector, ...g }) => ({ ...g, connectorName: connector.name })),
  };
}

/** Least-privilege findings, recomputed from the inventory; optionally for one workflow only. */
export async function getFindings(filters: FindingFilters = {}): Promise<Finding[]> {
  const findings = computeFindings(await loadInventorySnapshot());
  return findings.filter(
    (f) =>
      (!filters.workflowId || f.workflowIds.includes(filters.workflowId)) &&
      (!filters.severity || f.severity === filters.severity) &&
      (!filters.rule || f.rule === filters.rule),
  );
}

/** How many findings are open right now (all of them: a finding exists only while its cause does). */
export async function countOpenFindings(): Promise<number> {
  return (await getFindings()).length;
}
