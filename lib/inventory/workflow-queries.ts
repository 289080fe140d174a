import "server-only";
import { db } from "@/lib/db/client";
import { isOrphaned } from "./ownership";
import { isUuid } from "./uuid";
import { ownerSummary } from "./people";

// Reads for the workflow pages. Every role may read the whole inventory (inventory:read), so
// these take no actor; what a person may change is decided by access.ts.

export async function listWorkflows() {
  const workflows = await db.workflow.findMany({
    include: { owner: ownerSummary, team: { select: { id: true, name: true } }, _count: { select: { credentials: true, grants: true } } },
    orderBy: { name: "asc" },
  });
  return workflows.map((workflow) => ({ ...workflow, orphaned: isOrphaned(workflow) }));
}

export type WorkflowListItem = Awaited<ReturnType<typeof listWorkflows>>[number];

/** The workflow page's data, or null for an unknown id. */
export async function findWorkflowDetail(id: string) {
  if (!isUuid(id)) return null;
  const workflow = await db.workflow.findUnique({
    where: { id },
    include: {
      owner: ownerSummary,
      createdBy: ownerSummary,
      team: { select: { id: true, name: true } },
      approvers: { include: { user: ownerSummary }, orderBy: { user: { name: "asc" } } },
      credentials: {
        include: { credential: { include: { connector: { select: { id: true, name: true } }, owner: ownerSummary } } },
        orderBy: { credential: { name: "asc" } },
      },
      grants: {
        include: {
          connector: { select: { id: true, name: true } },
          credential: { select: { id: true, name: true } },
          requestedBy: ownerSummary,
          decidedBy: ownerSummary,
        },
        orderBy: [{ status: "asc" }, { createdAt: "desc" }],
      },
    },
  });
  return workflow && { ...workflow, orphaned: isOrphaned(workflow) };
}

export type WorkflowDetail = NonNullable<Awaited<ReturnType<typeof findWorkflowDetail>>>;

/** Workflows a credential could be attached to, for the credential page's picker. */
export async function listWorkflowOptions() {
  return db.workflow.findMany({
    where: { status: { not: "retired" } },
    select: { id: true, name: true, ownerId: true, status: true, environment: true },
    orderBy: { name: "asc" },
  });
}
