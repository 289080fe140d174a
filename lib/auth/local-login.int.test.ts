import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { env } from "@/lib/env";
import { createTestUser, testRequestId } from "@/lib/testing/factories";
import { unlockUser } from "@/lib/users/unlock-user";
import { loginWithPassword } from "./local-login";
import { hashPassword } from "./password";

const PASSWORD = "the-right-password";
const WRONG = "a-wrong-password";

let passwordHash: string;
beforeAll(async () => {
  passwordHash = await hashPassword(PASSWORD);
});

const userWithPassword = (overrides: { active?: boolean } = {}) => createTestUser("owner", { passwordHash, ...overrides });
const loginState = (id: string) => db.user.findUniqueOrThrow({ where: { id }, select: { failedLoginCount: true, lockedUntil: true, lastLoginAt: true } });
const auditActions = async (userId: string) =>
  (await db.auditEvent.findMany({ where: { targetType: "user", targetId: userId }, orderBy: { seq: "asc" } })).map((event) => event.action);

async function failTimes(email: string, times: number) {
  const results = [];
  for (let i = 0; i < times; i++) results.push(await loginWithPassword(email, WRONG));
  return results;
}

describe("loginWithPassword: lockout", () => {
  const { LOGIN_MAX_FAILURES: maxFailures, LOGIN_LOCKOUT_MINUTES: lockoutMinutes } = env();

  it("signs in with the right password, records the sign-in, and matches the email however it is typed", async () => {
    const user = await userWithPassword();
    expect(await loginWithPassword(`  ${user.email.toUpperCase()} `, PASSWORD)).toEqual({ ok: true, userId: user.id });
    expect((await loginState(user.id)).lastLoginAt).toBeInstanceOf(Date);
    const event = await db.auditEvent.findFirstOrThrow({ where: { action: "auth.sign_in", targetId: user.id } });
    expect(event).toMatchObject({ actorId: user.id, actorLabel: user.email, after: { method: "password" } });
  });

  it(`locks the account after LOGIN_MAX_FAILURES wrong passwords in a row, for LOGIN_LOCKOUT_MINUTES`, async () => {
    const user = await userWithPassword();
    const started = Date.now();

    const results = await failTimes(user.email, maxFailures);

    expect(results.slice(0, -1).every((r) => r.ok === false && r.reason === "invalid")).toBe(true);
    expect(results.at(-1)).toEqual({ ok: false, reason: "locked" });
    const { lockedUntil } = await loginState(user.id);
    expect(lockedUntil!.getTime()).toBeGreaterThanOrEqual(started + lockoutMinutes * 60_000);
    expect(lockedUntil!.getTime()).toBeLessThanOrEqual(Date.now() + lockoutMinutes * 60_000);
    expect(await auditActions(user.id)).toEqual([...Array(maxFailures - 1).fill("auth.sign_in_failed"), "auth.account_locked"]);
    const locked = await db.auditEvent.findFirstOrThrow({ where: { action: "auth.account_locked", targetId: user.id } });
    expect(locked).toMatchObject({ actorType: "system", after: { failures: maxFailures, lockedUntil: lockedUntil!.toISOString() } });
  });

  it("refuses the right password while locked, without extending the lock, and audits each refusal", async () => {
    const user = await userWithPassword();
    await failTimes(user.email, maxFailures);
    const { lockedUntil } = await loginState(user.id);

    expect(await loginWithPassword(user.email, PASSWORD)).toEqual({ ok: false, reason: "locked" });
    expect(await loginWithPassword(user.email, WRONG)).toEqual({ ok: false, reason: "locked" });

    expect((await loginState(user.id)).lockedUntil).toEqual(lockedUntil);
    expect((await auditActions(user.id)).slice(-2)).toEqual(["auth.sign_in_refused_locked", "auth.sign_in_refused_locked"]);
  });

  it("lets the person in again once the lockout has run out", async () => {
    const user = await userWithPassword();
    await failTimes(user.email, maxFailures);
    await db.user.update({ where: { id: user.id }, data: { lockedUntil: new Date(Date.now() - 1000) } });
    expect(await loginWithPassword(user.email, PASSWORD)).toEqual({ ok: true, userId: user.id });
  });

  it("lets the person in at once after an admin unlocks the account", async () => {
    const admin = await createTestUser("admin");
    const user = await userWithPassword();
    await failTimes(user.email, maxFailures);

    await unlockUser(admin, { userId: user.id }, testRequestId());

    expect(await loginWithPassword(user.email, PASSWORD)).toEqual({ ok: true, userId: user.id });
    expect((await auditActions(user.id)).slice(-2)).toEqual(["user.unlock", "auth.sign_in"]);
  });

  it("resets the failure count on a successful sign-in, so failures must be in a row", async () => {
    const user = await userWithPassword();
    await failTimes(user.email, maxFailures - 1);
    expect((await loginState(user.id)).failedLoginCount).toBe(maxFailures - 1);

    expect(await loginWithPassword(user.email, PASSWORD)).toMatchObject({ ok: true });
    expect(await loginState(user.id)).toMatchObject({ failedLoginCount: 0, lockedUntil: null });

    const again = await failTimes(user.email, maxFailures - 1);
    expect(again.every((r) => r.ok === false && r.reason === "invalid")).toBe(true);
    expect((await loginState(user.id)).lockedUntil).toBeNull();
  });

  it("answers an unknown email exactly as a wrong password, and records nothing", async () => {
    const user = await userWithPassword();
    const mark = (await db.auditEvent.findFirst({ orderBy: { seq: "desc" }, select: { seq: true } }))?.seq ?? BigInt(0);
    const unknown = await loginWithPassword(`nobody-${user.id}@test.example`, PASSWORD);
    expect(unknown).toEqual(await loginWithPassword(user.email, WRONG));
    expect(unknown).toEqual({ ok: false, reason: "invalid" });
    // Test files run one at a time, so everything since the mark is ours: only the wrong-password
    // attempt on the real account was recorded.
    const since = await db.auditEvent.findMany({ where: { seq: { gt: mark } } });
    expect(since.map((event) => [event.action, event.targetId])).toEqual([["auth.sign_in_failed", user.id]]);
  });

  it("answers an account without a local password (SSO only) as a wrong password", async () => {
    const ssoOnly = await createTestUser("analyst");
    expect(await loginWithPassword(ssoOnly.email, "any-password-at-all")).toEqual({ ok: false, reason: "invalid" });
    expect(await auditActions(ssoOnly.id)).toEqual([]);
  });

  it("refuses a deactivated user even with the right password", async () => {
    const user = await userWithPassword({ active: false });
    expect(await loginWithPassword(user.email, PASSWORD)).toEqual({ ok: false, reason: "inactive" });
    expect((await loginState(user.id)).lastLoginAt).toBeNull();
    expect(await auditActions(user.id)).not.toContain("auth.sign_in");
  });

  it("does not reveal a deactivated account to someone who does not know its password", async () => {
    const user = await userWithPassword({ active: false });
    expect(await loginWithPassword(user.email, WRONG)).toEqual({ ok: false, reason: "invalid" });
  });

  // Guards against a read-then-write failure counter: a burst of parallel guesses used to
  // overwrite one another's count and never lock the account.
  it("locks the account when many wrong passwords arrive at once", async () => {
    const user = await userWithPassword();
    await Promise.all(Array.from({ length: maxFailures * 3 }, () => loginWithPassword(user.email, WRONG)));
    expect((await loginState(user.id)).lockedUntil).toBeInstanceOf(Date);
  });
});
