import { describe, expect, it } from "vitest";
import { loginWithPassword } from "@/lib/auth/local-login";
import { hashPassword } from "@/lib/auth/password";
import { db } from "@/lib/db/client";
import { ForbiddenError } from "@/lib/errors";
import { createTestUser, testRequestId } from "@/lib/testing/factories";
import { resetUserPassword, resetUserPasswordInput } from "./reset-user-password";
import { latestAuditEvent } from "@/lib/testing/user-fixtures";

describe("resetUserPassword", () => {
  it("replaces the password, lifts a lockout, and audits that it changed but never the hash", async () => {
    const admin = await createTestUser("admin");
    const user = await createTestUser("owner", { passwordHash: await hashPassword("the-old-password") });
    await db.user.update({ where: { id: user.id }, data: { lockedUntil: new Date(Date.now() + 600_000) } });

    await resetUserPassword(admin, { userId: user.id, password: "a-brand-new-password" }, testRequestId());

    expect(await loginWithPassword(user.email, "the-old-password")).toEqual({ ok: false, reason: "invalid" });
    expect(await loginWithPassword(user.email, "a-brand-new-password")).toEqual({ ok: true, userId: user.id });

    const event = await latestAuditEvent("user.password_reset", user.id);
    expect(event).toMatchObject({ actorId: admin.id, before: { localPassword: true }, after: { localPassword: true, passwordChanged: true, lockedUntil: null, failedLoginCount: 0 } });
    const row = await db.user.findUniqueOrThrow({ where: { id: user.id } });
    const recorded = JSON.stringify([event!.before, event!.after]);
    expect(recorded).not.toContain(row.passwordHash);
    expect(recorded).not.toContain("argon2");
    expect(recorded).not.toContain("a-brand-new-password");
  });

  it("gives an SSO-only account a local password", async () => {
    const admin = await createTestUser("admin");
    const user = await createTestUser("reviewer");
    await resetUserPassword(admin, { userId: user.id, password: "first-local-password" }, testRequestId());
    expect(await latestAuditEvent("user.password_reset", user.id)).toMatchObject({ before: { localPassword: false }, after: { localPassword: true } });
    expect(await loginWithPassword(user.email, "first-local-password")).toMatchObject({ ok: true });
  });

  it("refuses a short password with a message naming the field, and non-admin callers", async () => {
    const result = resetUserPasswordInput.safeParse({ userId: "00000000-0000-4000-8000-000000000000", password: "short" });
    expect(result.error?.issues.map((i) => [i.path.join("."), i.message])).toEqual([["password", "Password must be at least 12 characters."]]);
    const owner = await createTestUser("owner");
    await expect(resetUserPassword(owner, { userId: owner.id, password: "long-enough-password" }, testRequestId())).rejects.toBeInstanceOf(ForbiddenError);
  });
});
