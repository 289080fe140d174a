import { describe, expect, it } from "vitest";
import { loginWithPassword } from "@/lib/auth/local-login";
import { db } from "@/lib/db/client";
import { ConflictError, ValidationError } from "@/lib/errors";
import { createTestUser, testRequestId, unique } from "@/lib/testing/factories";
import { createUser, createUserInput } from "./create-user";
import { latestAuditEvent } from "@/lib/testing/user-fixtures";

const PASSWORD = "correct-horse-battery";

describe("createUser", () => {
  it("creates a local user in a team, stores only an argon2 hash, and audits without the hash", async () => {
    const admin = await createTestUser("admin");
    const team = await db.team.create({ data: { name: unique("Team") } });
    const email = `${unique("new")}@test.example`;
    const input = createUserInput.parse({ email: `  ${email.toUpperCase()} `, name: " New Person ", role: "analyst", password: PASSWORD, teamId: team.id });

    const created = await createUser(admin, input, testRequestId());

    const row = await db.user.findUniqueOrThrow({ where: { id: created.id } });
    expect(row).toMatchObject({ email, name: "New Person", role: "analyst", teamId: team.id, active: true });
    expect(row.passwordHash).toMatch(/^\$argon2id\$/);
    expect(row.passwordHash).not.toContain(PASSWORD);
    expect(await loginWithPassword(email, PASSWORD)).toEqual({ ok: true, userId: created.id });

    const event = await latestAuditEvent("user.create", created.id);
    expect(event).toMatchObject({ actorId: admin.id, actorLabel: admin.email, targetType: "user", before: null });
    expect(event!.after).toEqual({ email, name: "New Person", role: "analyst", team: team.name, localPassword: true });
    expect(JSON.stringify([event!.before, event!.after])).not.toContain(row.passwordHash);
  });

  it("refuses a second account with the same email, whatever its case", async () => {
    const admin = await createTestUser("admin");
    const existing = await createTestUser("owner");
    const input = createUserInput.parse({ email: existing.email.toUpperCase(), name: "Dup", role: "owner", password: PASSWORD });
    const attempt = createUser(admin, input, testRequestId());
    await expect(attempt).rejects.toBeInstanceOf(ConflictError);
    await expect(attempt).rejects.toMatchObject({ fieldErrors: { email: "A user with this email already exists." } });
  });

  it("refuses a team that does not exist, naming the field", async () => {
    const admin = await createTestUser("admin");
    const input = createUserInput.parse({ email: `${unique("noteam")}@test.example`, name: "No Team", role: "owner", teamId: "00000000-0000-4000-8000-000000000000" });
    await expect(createUser(admin, input, testRequestId())).rejects.toMatchObject({ constructor: ValidationError, fieldErrors: { teamId: "That team does not exist." } });
    expect(await db.user.count({ where: { email: input.email } })).toBe(0);
  });

  it("explains each invalid field", () => {
    const result = createUserInput.safeParse({ email: "not-an-email", name: "", role: "superuser", password: "short" });
    expect(result.success).toBe(false);
    const messages = Object.fromEntries(result.error!.issues.map((issue) => [issue.path.join("."), issue.message]));
    expect(messages).toEqual({
      email: "Enter a valid email address.",
      name: "Name is required.",
      role: "Role must be one of: admin, owner, reviewer, analyst, auditor.",
      password: "Password must be at least 12 characters.",
    });
  });
});
