import "server-only";
import { z } from "zod";
import type { Actor } from "@/lib/auth/actor";
import { recordAudit } from "@/lib/audit/record";
import { db } from "@/lib/db/client";
import { ConflictError } from "@/lib/errors";
import { assertCanManageUsers, lockUserForChange, userIdField } from "./managed-user";

export const reactivateUserInput = z.object({ userId: userIdField });

export type ReactivateUserInput = z.infer<typeof reactivateUserInput>;

/** Lets a deactivated person sign in again, with the role they had. */
export async function reactivateUser(actor: Actor, input: ReactivateUserInput, requestId: string) {
  assertCanManageUsers(actor);
  return db.$transaction(async (tx) => {
    const { user } = await lockUserForChange(tx, input.userId);
    if (user.active) throw new ConflictError("This user is already active.");
    const updated = await tx.user.update({ where: { id: user.id }, data: { active: true } });
    await recordAudit(tx, {
      actor,
      action: "user.reactivate",
      target: { type: "user", id: user.id },
      before: { email: user.email, role: user.role, active: user.active },
      after: { email: updated.email, role: updated.role, active: updated.active },
      requestId,
    });
    return { id: updated.id, active: updated.active };
  });
}
