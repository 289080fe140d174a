import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { ConflictError, ForbiddenError, NotFoundError } from "@/lib/errors";
import { createTestUser, testRequestId } from "@/lib/testing/factories";
import { changeUserRole, changeUserRoleInput } from "./change-user-role";
import { latestAuditEvent, withOnlyActiveAdmins } from "@/lib/testing/user-fixtures";

describe("changeUserRole", () => {
  it("changes the role and audits before and after", async () => {
    const admin = await createTestUser("admin");
    const user = await createTestUser("analyst");
    const requestId = testRequestId();

    expect(await changeUserRole(admin, { userId: user.id, role: "reviewer" }, requestId)).toEqual({ id: user.id, role: "reviewer", changed: true });

    expect((await db.user.findUniqueOrThrow({ where: { id: user.id } })).role).toBe("reviewer");
    const event = await latestAuditEvent("user.role_change", user.id);
    expect(event).toMatchObject({ actorId: admin.id, requestId, before: { email: user.email, role: "analyst" }, after: { email: user.email, role: "reviewer" } });
  });

  it("records nothing when the role is already the one asked for", async () => {
    const admin = await createTestUser("admin");
    const user = await createTestUser("owner");
    expect(await changeUserRole(admin, { userId: user.id, role: "owner" }, testRequestId())).toMatchObject({ changed: false });
    expect(await latestAuditEvent("user.role_change", user.id)).toBeNull();
  });

  it("refuses to demote the last active admin, even themselves", async () => {
    const admin = await createTestUser("admin");
    await withOnlyActiveAdmins([admin.id], async () => {
      const attempt = changeUserRole(admin, { userId: admin.id, role: "owner" }, testRequestId());
      await expect(attempt).rejects.toBeInstanceOf(ConflictError);
      await expect(attempt).rejects.toThrow(/last active admin/);
    });
    expect((await db.user.findUniqueOrThrow({ where: { id: admin.id } })).role).toBe("admin");
    expect(await latestAuditEvent("user.role_change", admin.id)).toBeNull();
  });

  it("lets an admin step down when another active admin remains", async () => {
    const admin = await createTestUser("admin");
    await createTestUser("admin");
    await changeUserRole(admin, { userId: admin.id, role: "auditor" }, testRequestId());
    expect((await db.user.findUniqueOrThrow({ where: { id: admin.id } })).role).toBe("auditor");
  });

  it("does not count a deactivated admin as one who remains", async () => {
    const admin = await createTestUser("admin");
    const formerAdmin = await createTestUser("admin", { active: false });
    await withOnlyActiveAdmins([admin.id], async () => {
      await expect(changeUserRole(admin, { userId: admin.id, role: "owner" }, testRequestId())).rejects.toBeInstanceOf(ConflictError);
      // Demoting the deactivated admin is fine: they were not keeping anyone in charge.
      await changeUserRole(admin, { userId: formerAdmin.id, role: "owner" }, testRequestId());
    });
  });

  it("when the two last admins demote each other at the same moment, exactly one succeeds", async () => {
    const first = await createTestUser("admin");
    const second = await createTestUser("admin");
    await withOnlyActiveAdmins([first.id, second.id], async () => {
      const results = await Promise.allSettled([
        changeUserRole(first, { userId: second.id, role: "owner" }, testRequestId()),
        changeUserRole(second, { userId: first.id, role: "owner" }, testRequestId()),
      ]);
      expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
      const refused = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
      expect(refused.reason).toBeInstanceOf(ConflictError);
      expect(await db.user.count({ where: { id: { in: [first.id, second.id] }, role: "admin", active: true } })).toBe(1);
    });
  });

  it("answers not found for an unknown user, and forbids non-admins", async () => {
    const admin = await createTestUser("admin");
    const owner = await createTestUser("owner");
    await expect(changeUserRole(admin, { userId: "00000000-0000-4000-8000-000000000000", role: "owner" }, testRequestId())).rejects.toBeInstanceOf(NotFoundError);
    await expect(changeUserRole(owner, { userId: owner.id, role: "admin" }, testRequestId())).rejects.toBeInstanceOf(ForbiddenError);
    expect((await db.user.findUniqueOrThrow({ where: { id: owner.id } })).role).toBe("owner");
  });

  it("validates the input with messages naming the field", () => {
    const result = changeUserRoleInput.safeParse({ userId: "nope", role: "root" });
    expect(result.error?.issues.map((i) => [i.path.join("."), i.message])).toEqual([
      ["userId", "Choose a user from the list."],
      ["role", "Role must be one of: admin, owner, reviewer, analyst, auditor."],
    ]);
  });
});
