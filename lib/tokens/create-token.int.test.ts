import { describe, expect, it } from "vitest";
import { authenticateApiToken, hashApiToken } from "@/lib/auth/api-tokens";
import { db } from "@/lib/db/client";
import { createTestUser, testRequestId, unique } from "@/lib/testing/factories";
import { createApiToken, createTokenInput } from "./create-token";

/** Rows of `table` in which any column, as text, contains `needle`. */
async function rowsContaining(table: "api_tokens" | "audit_events", needle: string): Promise<number> {
  const [{ count }] = await db.$queryRawUnsafe<[{ count: bigint }]>(
    `SELECT count(*) AS count FROM ${table} t WHERE strpos(row_to_json(t)::text, $1) > 0`,
    needle,
  );
  return Number(count);
}

describe("createApiToken", () => {
  it("returns the token once and stores only its sha256, nowhere the plaintext", async () => {
    const admin = await createTestUser("admin");
    const created = await createApiToken(admin, { name: unique("gateway"), scopes: ["interactions:ingest", "interactions:ingest"] }, testRequestId());

    expect(created.token).toMatch(/^wdn_[A-Za-z0-9_-]{43}$/);
    expect(created.scopes).toEqual(["interactions:ingest"]);
    const row = await db.apiToken.findUniqueOrThrow({ where: { id: created.id } });
    expect(row).toMatchObject({ tokenHash: hashApiToken(created.token), prefix: created.token.slice(0, 10), createdById: admin.id, revokedAt: null, lastUsedAt: null });
    // The secret part of the token appears in no table: neither the token row nor the audit trail.
    const secret = created.token.slice(created.prefix.length);
    expect(await rowsContaining("api_tokens", row.tokenHash)).toBe(1); // the search itself works
    expect(await rowsContaining("api_tokens", secret)).toBe(0);
    expect(await rowsContaining("audit_events", secret)).toBe(0);

    const event = await db.auditEvent.findFirstOrThrow({ where: { action: "token.create", targetId: created.id } });
    expect(event).toMatchObject({ actorId: admin.id, targetType: "api_token", after: { name: created.name, prefix: created.prefix, scopes: ["interactions:ingest"] } });
  });

  it("authenticates with exactly its scopes and records when it was last used", async () => {
    const admin = await createTestUser("admin");
    const created = await createApiToken(admin, { name: unique("exporter"), scopes: ["inventory:read", "inventory:export"] }, testRequestId());
    const before = Date.now();

    expect(await authenticateApiToken(created.token)).toEqual({ type: "token", id: created.id, name: created.name, scopes: ["inventory:read", "inventory:export"] });

    const { lastUsedAt } = await db.apiToken.findUniqueOrThrow({ where: { id: created.id } });
    expect(lastUsedAt!.getTime()).toBeGreaterThanOrEqual(before - 1000);
    expect(await authenticateApiToken(created.token.slice(0, -1) + (created.token.endsWith("A") ? "B" : "A"))).toBeNull();
  });

  it("refuses a nameless token or one without scopes, naming the field", () => {
    const result = createTokenInput.safeParse({ name: " ", scopes: [] });
    expect(result.error?.issues.map((i) => [i.path.join("."), i.message])).toEqual([
      ["name", "Name is required."],
      ["scopes", "Choose at least one scope."],
    ]);
    const unknownScope = createTokenInput.safeParse({ name: "x", scopes: ["user:manage"] });
    expect(unknownScope.error?.issues[0]?.message).toBe("Scope must be one of: interactions:ingest, inventory:read, inventory:export, audit:read, triage:export.");
  });
});
