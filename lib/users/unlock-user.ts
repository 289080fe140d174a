import "server-only";
import { z } from "zod";
import type { Actor } from "@/lib/auth/actor";
import { recordAudit } from "@/lib/audit/record";
import { db } from "@/lib/db/client";
import { ConflictError } from "@/lib/errors";
import { assertCanManageUsers, lockUserForChange, userIdField } from "./managed-user";

export const unlockUserInput = z.object({ userId: userIdField });

export type UnlockUserInput = z.infer<typeof unlockUserInput>;

/** Lifts a sign-in lockout early and clears the count of failed attempts. */
export async function unlockUser(actor: Actor, input: UnlockUserInput, requestId: string) {
  assertCanManageUsers(actor);
  return db.$transaction(async (tx) => {
    const { user } = await lockUserForChange(tx, input.userId);
    const locked = user.lockedUntil !== null && user.lockedUntil > new Date();
    if (!locked && user.failedLoginCount === 0) throw new ConflictError("This account is not locked.");
    const updated = await tx.user.update({ where: { id: user.id }, data: { lockedUntil: null, failedLoginCount: 0 } });
    await recordAudit(tx, {
      actor,
      action: "user.unlock",
      target: { type: "user", id: user.id },
      before: { email: user.email, lockedUntil: user.lockedUntil, failedLoginCount: user.failedLoginCount },
      after: { email: updated.email, lockedUntil: updated.lockedUntil, failedLoginCount: updated.failedLoginCount },
      requestId,
    });
    return { id: updated.id };
  });
}
