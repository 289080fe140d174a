import { describe, expect, it } from "vitest";
import { hashPassword } from "@/lib/auth/password";
import { db } from "@/lib/db/client";
import { createTestUser, unique } from "@/lib/testing/factories";
import { listUsers } from "./list-users";

describe("listUsers", () => {
  it("shows team, lockout, last sign-in and how each person signs in, never secrets", async () => {
    const team = await db.team.create({ data: { name: unique("Team") } });
    const local = await createTestUser("owner", { passwordHash: await hashPassword("a-local-password") });
    const sso = await createTestUser("analyst");
    const lockedUntil = new Date(Date.now() + 5 * 60_000);
    const lastLoginAt = new Date(Date.now() - 3_600_000);
    await db.user.update({ where: { id: local.id }, data: { teamId: team.id, lockedUntil, lastLoginAt } });
    await db.user.update({ where: { id: sso.id }, data: { oidcSubject: unique("sub"), lockedUntil: new Date(Date.now() - 1000) } });

    const rows = await listUsers();
    const localRow = rows.find((row) => row.id === local.id)!;
    const ssoRow = rows.find((row) => row.id === sso.id)!;

    expect(localRow).toMatchObject({ email: local.email, role: "owner", team: team.name, active: true, lockedUntil, lastLoginAt, local: true, ssoLinked: false });
    // An expired lockout is not shown as locked.
    expect(ssoRow).toMatchObject({ team: null, lockedUntil: null, local: false, ssoLinked: true });
    expect(Object.keys(localRow)).not.toContain("passwordHash");
    expect(Object.keys(localRow)).not.toContain("oidcSubject");
  });

  it("lists active people before deactivated ones", async () => {
    await createTestUser("owner", { active: false });
    const rows = await listUsers();
    const firstInactive = rows.findIndex((row) => !row.active);
    expect(rows.slice(firstInactive).every((row) => !row.active)).toBe(true);
  });
});
