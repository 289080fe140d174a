import type { Actor } from "@/lib/auth/actor";
import type { WorkflowStatus } from "@/lib/generated/prisma/enums";

// Who answers for a workflow. A workflow whose accountable owner has left (deactivated, or removed
// from the database) is "orphaned": it keeps running with nobody to approve or review its access.

export type OwnerState = "assigned" | "orphaned" | "unassigned";

export interface OwnerFacts {
  status: WorkflowStatus;
  owner: { active: boolean } | null;
}

export function ownerState({ status, owner }: OwnerFacts): OwnerState {
  // A retired workflow no longer runs, so nobody needs to answer for it.
  if (status === "retired") return owner ? "assigned" : "unassigned";
  if (owner) return owner.active ? "assigned" : "orphaned";
  // Drafts may be registered before an owner is named; anything past draft must have one.
  return status === "draft" ? "unassigned" : "orphaned";
}

export function isOrphaned(facts: OwnerFacts): boolean {
  return ownerState(facts) === "orphaned";
}

/**
 * Whether a person may change a workflow: admins any, product owners only the ones they own.
 * The server enforces the same rule in lib/inventory/access.ts; this copy only hides buttons.
 */
export function canEditWorkflow(actor: Actor, workflow: { ownerId: string | null; status: WorkflowStatus }): boolean {
  if (workflow.status === "retired" || actor.type !== "user") return false;
  if (actor.role === "admin") return true;
  return actor.role === "owner" && workflow.ownerId !== null && workflow.ownerId === actor.id;
}

/** Credentials follow the workflow rule: admins any, product owners the ones they own. */
export function canEditCredential(actor: Actor, credential: { ownerId: string | null }): boolean {
  if (actor.type !== "user") return false;
  if (actor.role === "admin") return true;
  return actor.role === "owner" && credential.ownerId !== null && credential.ownerId === actor.id;
}
