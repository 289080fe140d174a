import { can, type Actor } from "@/lib/auth/actor";

// Who may decide or revoke a particular grant. The permission table says which roles may ever do
// it; these rules narrow that to people accountable for the workflow, and keep separation of
// duties: nobody decides their own request, whatever their role.

export interface GrantAuthorityContext {
  requestedById: string | null;
  workflow: { ownerId: string | null; approverIds: string[] };
}

/** Null when the actor may decide this request; otherwise the reason they may not. */
export function decideRefusal(actor: Actor, context: GrantAuthorityContext): string | null {
  if (actor.type !== "user" || !can(actor, "grant:decide")) return "Your role does not allow deciding grant requests.";
  if (context.requestedById === actor.id) {
    return "You requested this grant, so someone else must decide it (separation of duties).";
  }
  // Admins may decide any request, so a workflow whose owner has left is never stuck.
  const accountable = actor.role === "admin" || context.workflow.ownerId === actor.id || context.workflow.approverIds.includes(actor.id);
  if (!accountable) return "Only the workflow's owner, a designated approver or an admin can decide this request.";
  return null;
}

export function canDecideGrant(actor: Actor, context: GrantAuthorityContext): boolean {
  return decideRefusal(actor, context) === null;
}

/** Null when the actor may revoke grants on this workflow; otherwise the reason they may not. */
export function revokeRefusal(actor: Actor, context: GrantAuthorityContext): string | null {
  if (!can(actor, "grant:revoke")) return "Your role does not allow revoking grants.";
  if (actor.type === "system") return null;
  if (actor.type !== "user") return "Only people can revoke grants.";
  // Reviewers and admins govern every workflow; a product owner only the workflows they own.
  if (actor.role === "admin" || actor.role === "reviewer") return null;
  if (context.workflow.ownerId === actor.id) return null;
  return "Only the workflow's owner, a reviewer or an admin can revoke this grant.";
}

export function canRevokeGrant(actor: Actor, context: GrantAuthorityContext): boolean {
  return revokeRefusal(actor, context) === null;
}
