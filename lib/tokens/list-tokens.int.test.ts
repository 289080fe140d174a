import { describe, expect, it } from "vitest";
import { SYSTEM_ACTOR } from "@/lib/auth/actor";
import { createTestUser, testRequestId, unique } from "@/lib/testing/factories";
import { createApiToken } from "./create-token";
import { listApiTokens } from "./list-tokens";
import { revokeApiToken } from "./revoke-token";

describe("listApiTokens", () => {
  it("shows who made each token and its state, live tokens first, and never the hash", async () => {
    const admin = await createTestUser("admin");
    const revoked = await createApiToken(admin, { name: unique("old"), scopes: ["audit:read"] }, testRequestId());
    await revokeApiToken(admin, { tokenId: revoked.id }, testRequestId());
    const fromCli = await createApiToken(SYSTEM_ACTOR, { name: unique("cli"), scopes: ["interactions:ingest"] }, testRequestId());

    const rows = await listApiTokens();
    const revokedRow = rows.find((row) => row.id === revoked.id)!;
    const cliRow = rows.find((row) => row.id === fromCli.id)!;

    expect(revokedRow).toMatchObject({ name: revoked.name, prefix: revoked.prefix, scopes: ["audit:read"], createdBy: { email: admin.email, name: admin.name } });
    expect(revokedRow.revokedAt).toBeInstanceOf(Date);
    expect(cliRow).toMatchObject({ createdBy: null, revokedAt: null, lastUsedAt: null });
    expect(rows.indexOf(cliRow)).toBeLessThan(rows.indexOf(revokedRow));
    expect(Object.keys(cliRow)).not.toContain("tokenHash");
  });
});
