import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { ConflictError, ForbiddenError } from "@/lib/errors";
import { createTestUser, testRequestId } from "@/lib/testing/factories";
import { deactivateUser } from "./deactivate-user";
import { reactivateUser } from "./reactivate-user";
import { latestAuditEvent, withOnlyActiveAdmins } from "@/lib/testing/user-fixtures";

const isActive = async (id: string) => (await db.user.findUniqueOrThrow({ where: { id } })).active;

describe("deactivateUser and reactivateUser", () => {
  it("deactivates, then reactivates, auditing before and after each time", async () => {
    const admin = await createTestUser("admin");
    const owner = await createTestUser("owner");

    await deactivateUser(admin, { userId: owner.id }, testRequestId());
    expect(await isActive(owner.id)).toBe(false);
    expect(await latestAuditEvent("user.deactivate", owner.id)).toMatchObject({
      actorId: admin.id,
      before: { email: owner.email, role: "owner", active: true },
      after: { email: owner.email, role: "owner", active: false },
    });

    await reactivateUser(admin, { userId: owner.id }, testRequestId());
    expect(await isActive(owner.id)).toBe(true);
    expect(await latestAuditEvent("user.reactivate", owner.id)).toMatchObject({
      actorId: admin.id,
      before: { active: false },
      after: { active: true },
    });
  });

  it("refuses an admin deactivating their own account", async () => {
    const admin = await createTestUser("admin");
    await createTestUser("admin");
    await expect(deactivateUser(admin, { userId: admin.id }, testRequestId())).rejects.toThrow(
      new ConflictError("You cannot deactivate your own account. Ask another admin to do it."),
    );
    expect(await isActive(admin.id)).toBe(true);
    expect(await latestAuditEvent("user.deactivate", admin.id)).toBeNull();
  });

  it("refuses to deactivate the last active admin", async () => {
    // The caller's own admin account was deactivated a moment ago (their session is stale), so the
    // target is the only active admin left.
    const caller = await createTestUser("admin");
    const lastAdmin = await createTestUser("admin");
    await withOnlyActiveAdmins([lastAdmin.id], async () => {
      await expect(deactivateUser(caller, { userId: lastAdmin.id }, testRequestId())).rejects.toThrow(/last active admin/);
    });
    expect(await isActive(lastAdmin.id)).toBe(true);
  });

  it("when the two last admins deactivate each other at the same moment, exactly one succeeds", async () => {
    const first = await createTestUser("admin");
    const second = await createTestUser("admin");
    await withOnlyActiveAdmins([first.id, second.id], async () => {
      const results = await Promise.allSettled([
        deactivateUser(first, { userId: second.id }, testRequestId()),
        deactivateUser(second, { userId: first.id }, testRequestId()),
      ]);
      expect(results.map((r) => r.status).sort()).toEqual(["fulfilled", "rejected"]);
      expect([await isActive(first.id), await isActive(second.id)].filter(Boolean)).toHaveLength(1);
    });
  });

  it("refuses to deactivate twice or reactivate an active user", async () => {
    const admin = await createTestUser("admin");
    const analyst = await createTestUser("analyst", { active: false });
    await expect(deactivateUser(admin, { userId: analyst.id }, testRequestId())).rejects.toThrow("This user is already deactivated.");
    await reactivateUser(admin, { userId: analyst.id }, testRequestId());
    await expect(reactivateUser(admin, { userId: analyst.id }, testRequestId())).rejects.toThrow("This user is already active.");
  });

  it("forbids anyone but an admin", async () => {
    const auditor = await createTestUser("auditor");
    const owner = await createTestUser("owner");
    await expect(deactivateUser(auditor, { userId: owner.id }, testRequestId())).rejects.toBeInstanceOf(ForbiddenError);
    expect(await isActive(owner.id)).toBe(true);
  });
});
