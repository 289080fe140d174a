import "server-only";
import { z } from "zod";
import type { Actor } from "@/lib/auth/actor";
import { ROLES } from "@/lib/auth/permissions";
import { recordAudit } from "@/lib/audit/record";
import { db } from "@/lib/db/client";
import { assertAnotherActiveAdmin, assertCanManageUsers, lockUserForChange, userIdField } from "./managed-user";

export const changeUserRoleInput = z.object({
  userId: userIdField,
  role: z.enum(ROLES, { message: `Role must be one of: ${ROLES.join(", ")}.` }),
});

export type ChangeUserRoleInput = z.infer<typeof changeUserRoleInput>;

/** Gives a user another role. Takes effect on their next request (sessions read the role fresh). */
export async function changeUserRole(actor: Actor, input: ChangeUserRoleInput, requestId: string) {
  assertCanManageUsers(actor);
  return db.$transaction(async (tx) => {
    const { user, activeAdminIds } = await lockUserForChange(tx, input.userId);
    if (user.role === input.role) return { id: user.id, role: user.role, changed: false };
    if (user.role === "admin" && user.active) assertAnotherActiveAdmin(activeAdminIds, user.id, "given another role");
    const updated = await tx.user.update({ where: { id: user.id }, data: { role: input.role } });
    await recordAudit(tx, {
      actor,
      action: "user.role_change",
      target: { type: "user", id: user.id },
      before: { email: user.email, role: user.role },
      after: { email: updated.email, role: updated.role },
      requestId,
    });
    return { id: updated.id, role: updated.role, changed: true };
  });
}
