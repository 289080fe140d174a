import "server-only";
import { z } from "zod";
import { can, type Actor } from "@/lib/auth/actor";
import type { Tx } from "@/lib/db/client";
import { ConflictError, ForbiddenError, NotFoundError } from "@/lib/errors";

// Shared by the user-management verbs (change role, deactivate, reactivate, unlock, reset
// password): who may call them, how the target is loaded, and the rule that keeps an admin in charge.

export const userIdField = z.uuid({ message: "Choose a user from the list." });

export function assertCanManageUsers(actor: Actor): void {
  if (!can(actor, "user:manage")) throw new ForbiddenError();
}

/**
 * Loads the user being changed, with row locks held until the transaction ends: first every
 * active admin (in id order), then the user. Two admins demoting or deactivating each other at the
 * same moment are thereby serialised, and the second sees the first's change. Every verb locks in
 * this same order, so they cannot deadlock one another.
 */
export async function lockUserForChange(tx: Tx, userId: string) {
  const admins = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM users WHERE role = 'admin' AND active ORDER BY id FOR UPDATE`;
  const locked = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM users WHERE id = ${userId}::uuid FOR UPDATE`;
  if (locked.length === 0) throw new NotFoundError("That user");
  const user = await tx.user.findUniqueOrThrow({ where: { id: userId } });
  return { user, activeAdminIds: admins.map((admin) => admin.id) };
}

/** Refuses a change that would leave no active admin: nobody could then manage users or tokens. */
export function assertAnotherActiveAdmin(activeAdminIds: string[], userId: string, consequence: string): void {
  if (!activeAdminIds.some((id) => id !== userId)) {
    throw new ConflictError(`This is the last active admin, so they cannot be ${consequence}. Make another user an admin first.`);
  }
}
