import "server-only";
import { z } from "zod";
import type { Actor } from "@/lib/auth/actor";
import { hashPassword } from "@/lib/auth/password";
import { recordAudit } from "@/lib/audit/record";
import { db } from "@/lib/db/client";
import { passwordField } from "./create-user";
import { assertCanManageUsers, lockUserForChange, userIdField } from "./managed-user";

export const resetUserPasswordInput = z.object({ userId: userIdField, password: passwordField });

export type ResetUserPasswordInput = z.infer<typeof resetUserPasswordInput>;

/**
 * Sets a new local password chosen by an admin. It also lifts any lockout: the lockout guards
 * against guessing the old password, which no longer works.
 */
export async function resetUserPassword(actor: Actor, input: ResetUserPasswordInput, requestId: string) {
  assertCanManageUsers(actor);
  // Hash outside the transaction: argon2 is deliberately slow and the row locks should be short.
  const passwordHash = await hashPassword(input.password);
  return db.$transaction(async (tx) => {
    const { user } = await lockUserForChange(tx, input.userId);
    const updated = await tx.user.update({ where: { id: user.id }, data: { passwordHash, lockedUntil: null, failedLoginCount: 0 } });
    // The audit shows that the password changed, never the hash itself.
    await recordAudit(tx, {
      actor,
      action: "user.password_reset",
      target: { type: "user", id: user.id },
      before: { email: user.email, localPassword: user.passwordHash !== null, lockedUntil: user.lockedUntil, failedLoginCount: user.failedLoginCount },
      after: { email: updated.email, localPassword: true, passwordChanged: true, lockedUntil: updated.lockedUntil, failedLoginCount: updated.failedLoginCount },
      requestId,
    });
    return { id: updated.id };
  });
}
