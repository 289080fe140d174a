import "server-only";
import type { Actor } from "@/lib/auth/actor";
import type { Tx } from "@/lib/db/client";
import { db } from "@/lib/db/client";
import type { Role } from "@/lib/generated/prisma/enums";

// Who may be named where. An accountable owner must be able to manage what they answer for
// (workflow:write), and approvers must be able to decide grants (grant:decide).

export const ACCOUNTABLE_ROLES = ["admin", "owner"] as const satisfies readonly Role[];
export const APPROVER_ROLES = ["admin", "owner", "reviewer"] as const satisfies readonly Role[];

export const OWNER_REQUIREMENT = "The owner must be an active person with the owner or admin role.";

/** A message for the owner field, or null when this user may be named the accountable owner. */
export async function accountableOwnerProblem(tx: Tx, userId: string): Promise<string | null> {
  const user = await tx.user.findUnique({ where: { id: userId }, select: { active: true, role: true } });
  if (!user) return "That person does not exist. Choose the owner from the list.";
  if (!user.active || !(ACCOUNTABLE_ROLES as readonly Role[]).includes(user.role)) return OWNER_REQUIREMENT;
  return null;
}

/** Who a new workflow or credential belongs to when the form leaves the owner empty. */
export function defaultOwnerId(actor: Actor): string | null {
  return actor.type === "user" && actor.role === "owner" ? actor.id : null;
}

export interface PersonOption {
  id: string;
  name: string;
  email: string;
  role: Role;
  active: boolean;
}

const personFields = { id: true, name: true, email: true, role: true, active: true } as const;

/** How an owner is loaded alongside a workflow or credential: enough to name them and see if they left. */
export const ownerSummary = { select: { id: true, name: true, email: true, active: true } } as const;

/** Active admins and owners, plus whoever is named now (so an edit form can show a deactivated owner). */
export async function listOwnerOptions(currentOwnerId?: string | null): Promise<PersonOption[]> {
  return db.user.findMany({
    where: { OR: [{ active: true, role: { in: [...ACCOUNTABLE_ROLES] } }, ...(currentOwnerId ? [{ id: currentOwnerId }] : [])] },
    select: personFields,
    orderBy: { name: "asc" },
  });
}

export async function listApproverOptions(): Promise<PersonOption[]> {
  return db.user.findMany({ where: { active: true, role: { in: [...APPROVER_ROLES] } }, select: personFields, orderBy: { name: "asc" } });
}

/** Everyone who owns a workflow or credential, for the inventory's owner filter. */
export async function listInventoryOwners(): Promise<PersonOption[]> {
  return db.user.findMany({
    where: { OR: [{ ownedWorkflows: { some: {} } }, { ownedCredentials: { some: {} } }] },
    select: personFields,
    orderBy: { name: "asc" },
  });
}

export async function listTeams(): Promise<{ id: string; name: string }[]> {
  return db.team.findMany({ select: { id: true, name: true }, orderBy: { name: "asc" } });
}
