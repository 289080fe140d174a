import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { ConflictError } from "@/lib/errors";
import { createTestUser, testRequestId } from "@/lib/testing/factories";
import { latestAuditEvent } from "@/lib/testing/user-fixtures";
import { unlockUser } from "./unlock-user";

describe("unlockUser", () => {
  it("lifts a running lockout and clears the failure count, auditing before and after", async () => {
    const admin = await createTestUser("admin");
    const user = await createTestUser("owner");
    const lockedUntil = new Date(Date.now() + 10 * 60_000);
    await db.user.update({ where: { id: user.id }, data: { lockedUntil, failedLoginCount: 0 } });

    await unlockUser(admin, { userId: user.id }, testRequestId());

    expect(await db.user.findUniqueOrThrow({ where: { id: user.id } })).toMatchObject({ lockedUntil: null, failedLoginCount: 0 });
    expect(await latestAuditEvent("user.unlock", user.id)).toMatchObject({
      actorId: admin.id,
      before: { email: user.email, lockedUntil: lockedUntil.toISOString(), failedLoginCount: 0 },
      after: { email: user.email, lockedUntil: null, failedLoginCount: 0 },
    });
  });

  it("clears failed attempts that have not yet locked the account", async () => {
    const admin = await createTestUser("admin");
    const user = await createTestUser("owner");
    await db.user.update({ where: { id: user.id }, data: { failedLoginCount: 3 } });
    await unlockUser(admin, { userId: user.id }, testRequestId());
    expect((await db.user.findUniqueOrThrow({ where: { id: user.id } })).failedLoginCount).toBe(0);
  });

  it("says so when there is nothing to unlock (an expired lockout included)", async () => {
    const admin = await createTestUser("admin");
    const user = await createTestUser("owner");
    await db.user.update({ where: { id: user.id }, data: { lockedUntil: new Date(Date.now() - 60_000) } });
    await expect(unlockUser(admin, { userId: user.id }, testRequestId())).rejects.toThrow(new ConflictError("This account is not locked."));
    expect(await latestAuditEvent("user.unlock", user.id)).toBeNull();
  });
});
