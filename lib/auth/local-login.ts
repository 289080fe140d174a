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
  if (!user.active) return { ok: false, reason: "inactive" };
  if (user.lockedUntil && user.lockedUntil > new Date()) {
    await db.$transaction((tx) =>
      recordAudit(tx, { actor: asUser, action: "auth.sign_in_refused_locked", target: { type: "user", id: user.id }, requestId }),
    );
    return { ok: false, reason: "locked" };
  }

  if (await verifyPassword(user.passwordHash, password)) {
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
  const failures = user.failedLoginCount + 1;
  const lock = failures >= LOGIN_MAX_FAILURES;
  const lockedUntil = lock ? new Date(Date.now() + LOGIN_LOCKOUT_MINUTES * 60_000) : null;
  await db.$transaction(async (tx) => {
    await tx.user.update({
      where: { id: user.id },
      data: { failedLoginCount: lock ? 0 : failures, lockedUntil },
    });
    await recordAudit(tx, {
      actor: SYSTEM_ACTOR,
      action: lock ? "auth.account_locked" : "auth.sign_in_failed",
      target: { type: "user", id: user.id },
      after: lock ? { lockedUntil, failures } : { failures },
      requestId,
    });
  });
  return { ok: false, reason: lock ? "locked" : "invalid" };
}
