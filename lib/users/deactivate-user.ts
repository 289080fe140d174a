import "server-only";
import { z } from "zod";
import type { Actor } from "@/lib/auth/actor";
import { recordAudit } from "@/lib/audit/record";
import { db } from "@/lib/db/client";
import { ConflictError } from "@/lib/errors";
import { assertAnotherActiveAdmin, assertCanManageUsers, lockUserForChange, userIdField } from "./managed-user";

export const deactivateUserInput = z.object({ userId: userIdField });

export type DeactivateUserInput = z.infer<typeof deactivateUserInput>;

/**
 * Stops a person signing in. Their open sessions end on the next request, because every request
 * reads the user afresh (lib/auth/session.ts). Nothing they own is deleted: that stays as evidence.
 */
export async function deactivateUser(actor: Actor, input: DeactivateUserInput, requestId: string) {
  assertCanManageUsers(actor);
  if (actor.type === "user" && actor.id === input.userId) {
    throw new ConflictError("You cannot deactivate your own account. Ask another admin to do it.");
  }
  return db.$transaction(async (tx) => {
    const { user, activeAdminIds } = await lockUserForChange(tx, input.userId);
    if (!user.active) throw new ConflictError("This user is already deactivated.");
    if (user.role === "admin") assertAnotherActiveAdmin(activeAdminIds, user.id, "deactivated");
    const updated = await tx.user.update({ where: { id: user.id }, data: { active: false } });
    await recordAudit(tx, {
      actor,
      action: "user.deactivate",
      target: { type: "user", id: user.id },
      before: { email: user.email, role: user.role, active: user.active },
      after: { email: updated.email, role: updated.role, active: updated.active },
      requestId,
    });
    return { id: updated.id, active: updated.active };
  });
}
