import "server-only";
import { randomUUID } from "node:crypto";
import { recordAudit } from "@/lib/audit/record";
import { db } from "@/lib/db/client";
import { env } from "@/lib/env";
import { SYSTEM_ACTOR, type Actor } from "./actor";
import { decoyPasswordHash, verifyPassword } from "./password";

export type LoginResult =
  | { ok: true; userId: string }
  | { ok: false; reason: "invalid" | "locked" | "inactive" };

export const LOGIN_MESSAGES: Record<"invalid" | "locked" | "inactive", string> = {
  invalid: "Email or password is not right.",
  locked: "Too many failed attempts: this account is locked for a while. Try again later or ask an admin.",
  inactive: "This account is deactivated.",
};

/**
 * Email + password sign-in with lockout: after LOGIN_MAX_FAILURES wrong passwords in a row the
 * account refuses every password (right ones too) for LOGIN_LOCKOUT_MINUTES.
 */
export async function loginWithPassword(emailInput: string, password: string): Promise<LoginResult> {
  const email = emailInput.trim().toLowerCase();
  const user = await db.user.findUnique({ where: { email } });
  if (!user || !user.passwordHash) {
    await verifyPassword(await decoyPasswordHash(), password);
    return { ok: false, reason: "invalid" };
  }
  const requestId = randomUUID();
  const asUser: Actor = { type: "user", id: user.id, email: user.email, name: user.name, role: user.role };
  if (user.lockedUntil && user.lockedUntil > new Date()) {
    await db.$transaction((tx) =>
      recordAudit(tx, { actor: asUser, action: "auth.sign_in_refused_locked", target: { type: "user", id: user.id }, requestId }),
    );
    return { ok: false, reason: "locked" };
  }

  if (await verifyPassword(user.passwordHash, password)) {
    // Said only to someone who knows the password, so it does not reveal which emails exist.
    if (!user.active) return { ok: false, reason: "inactive" };
    await db.$transaction(async (tx) => {
      await tx.user.update({
        where: { id: user.id },
        data: { failedLoginCount: 0, lockedUntil: null, lastLoginAt: new Date() },
      });
      await recordAudit(tx, { actor: asUser, action: "auth.sign_in", target: { type: "user", id: user.id }, after: { method: "password" }, requestId });
    });
    return { ok: true, userId: user.id };
  }

  const { LOGIN_MAX_FAILURES, LOGIN_LOCKOUT_MINUTES } = env();
  const lock = await db.$transaction(async (tx) => {
    // Counted in the database: parallel wrong guesses must each count, or a burst of them would
    // overwrite one another's count and never reach the lockout.
    const [counted] = await tx.$queryRaw<[{ failed_login_count: number }]>`
      UPDATE users SET failed_login_count = failed_login_count + 1 WHERE id = ${user.id}::uuid RETURNING failed_login_count`;
    const failures = counted.failed_login_count;
    const locking = failures >= LOGIN_MAX_FAILURES;
    const lockedUntil = locking ? new Date(Date.now() + LOGIN_LOCKOUT_MINUTES * 60_000) : null;
    if (locking) await tx.user.update({ where: { id: user.id }, data: { failedLoginCount: 0, lockedUntil } });
    await recordAudit(tx, {
      actor: SYSTEM_ACTOR,
      action: locking ? "auth.account_locked" : "auth.sign_in_failed",
      target: { type: "user", id: user.id },
      after: locking ? { lockedUntil, failures } : { failures },
      requestId,
    });
    return locking;
  });
  return { ok: false, reason: lock ? "locked" : "invalid" };
}
