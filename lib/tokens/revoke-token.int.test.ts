import { describe, expect, it } from "vitest";
import { authenticateApiToken } from "@/lib/auth/api-tokens";
import { db } from "@/lib/db/client";
import { ConflictError, ForbiddenError, NotFoundError } from "@/lib/errors";
import { createTestUser, testRequestId, unique } from "@/lib/testing/factories";
import { createApiToken } from "./create-token";
import { revokeApiToken } from "./revoke-token";

describe("revokeApiToken", () => {
  it("stops the token authenticating at once and audits before and after", async () => {
    const admin = await createTestUser("admin");
    const created = await createApiToken(admin, { name: unique("gateway"), scopes: ["interactions:ingest"] }, testRequestId());
    expect(await authenticateApiToken(created.token)).not.toBeNull();

    const { revokedAt } = await revokeApiToken(admin, { tokenId: created.id }, testRequestId());

    expect(await authenticateApiToken(created.token)).toBeNull();
    expect((await db.apiToken.findUniqueOrThrow({ where: { id: created.id } })).revokedAt).toEqual(revokedAt);
    const event = await db.auditEvent.findFirstOrThrow({ where: { action: "token.revoke", targetId: created.id } });
    expect(event).toMatchObject({
      actorId: admin.id,
      targetType: "api_token",
      before: { name: created.name, prefix: created.prefix, scopes: ["interactions:ingest"], revokedAt: null },
      after: { name: created.name, prefix: created.prefix, scopes: ["interactions:ingest"], revokedAt: revokedAt.toISOString() },
    });
  });

  it("refuses to revoke twice, records one event when two admins revoke at once", async () => {
    const admin = await createTestUser("admin");
    const other = await createTestUser("admin");
    const created = await createApiToken(admin, { name: unique("twice"), scopes: ["audit:read"] }, testRequestId());

    const results = await Promise.allSettled([revokeApiToken(admin, { tokenId: created.id }, testRequestId()), revokeApiToken(other, { tokenId: created.id }, testRequestId())]);

    expect(results.map((r) => r.status).sort()).toEqual(["fulfilled", "rejected"]);
    expect((results.find((r) => r.status === "rejected") as PromiseRejectedResult).reason).toEqual(new ConflictError("This token is already revoked."));
    expect(await db.auditEvent.count({ where: { action: "token.revoke", targetId: created.id } })).toBe(1);
  });

  it("answers not found for an unknown token and forbids non-admins", async () => {
    const admin = await createTestUser("admin");
    const auditor = await createTestUser("auditor");
    const created = await createApiToken(admin, { name: unique("kept"), scopes: ["audit:read"] }, testRequestId());
    await expect(revokeApiToken(admin, { tokenId: "00000000-0000-4000-8000-000000000000" }, testRequestId())).rejects.toBeInstanceOf(NotFoundError);
    await expect(revokeApiToken(auditor, { tokenId: created.id }, testRequestId())).rejects.toBeInstanceOf(ForbiddenError);
    expect(await authenticateApiToken(created.token)).not.toBeNull();
  });
});
