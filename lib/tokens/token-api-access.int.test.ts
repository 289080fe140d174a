import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import { GET as getAuditEvents } from "@/app/api/audit/events/route";
import { GET as getInventory } from "@/app/api/inventory/route";
import { GET as exportInventory } from "@/app/api/inventory/export/route";
import { db } from "@/lib/db/client";
import { createTestUser, testRequestId, unique } from "@/lib/testing/factories";
import { createApiToken } from "./create-token";
import { revokeApiToken } from "./revoke-token";

// Machine clients reach the API with a bearer token and exactly the scopes it carries.

const noParams = { params: Promise.resolve({}) };
const call = (handler: typeof getInventory, path: string, token?: string) =>
  handler(new NextRequest(`http://warden.test${path}`, { headers: token ? { authorization: `Bearer ${token}` } : {} }), noParams);

async function tokenWith(scopes: ("inventory:read" | "inventory:export" | "audit:read" | "interactions:ingest")[]) {
  const admin = await createTestUser("admin");
  return { admin, ...(await createApiToken(admin, { name: unique("automation"), scopes }, testRequestId())) };
}

describe("API tokens on the API", () => {
  it("lets an audit:read token page through the audit trail, newer than a cursor", async () => {
    const { token, id } = await tokenWith(["audit:read"]);
    const created = await db.auditEvent.findFirstOrThrow({ where: { action: "token.create", targetId: id } });
    const response = await call(getAuditEvents, `/api/audit/events?after=${Number(created.seq) - 1}`, token);
    expect(response.status).toBe(200);
    const body = (await response.json()) as { events: { seq: string; action: string; targetId: string }[] };
    expect(body.events.map((e) => e.seq)).toContain(created.seq.toString());
    expect(body.events.find((e) => e.seq === created.seq.toString())).toMatchObject({ action: "token.create", targetId: id });
    expect((await db.apiToken.findUniqueOrThrow({ where: { id } })).lastUsedAt).toBeInstanceOf(Date);
  });

  it("lets an inventory:read token list the inventory with filters", async () => {
    const { token } = await tokenWith(["inventory:read"]);
    const response = await call(getInventory, "/api/inventory?type=workflow", token);
    expect(response.status).toBe(200);
    const body = (await response.json()) as { items: { type: string }[] };
    expect(body.items.every((item) => item.type === "workflow")).toBe(true);
  });

  it("refuses a token whose scopes do not cover the route, with problem+json", async () => {
    const { token } = await tokenWith(["interactions:ingest"]);
    for (const [handler, path] of [[getAuditEvents, "/api/audit/events"], [getInventory, "/api/inventory"], [exportInventory, "/api/inventory/export"]] as const) {
      const response = await call(handler, path, token);
      expect(response.status, path).toBe(403);
      expect(response.headers.get("content-type")).toBe("application/problem+json");
    }
  });

  it("answers 401 to an unknown or revoked token", async () => {
    const { token, id, admin } = await tokenWith(["audit:read"]);
    expect((await call(getAuditEvents, "/api/audit/events", "wdn_not-a-real-token")).status).toBe(401);
    await revokeApiToken(admin, { tokenId: id }, testRequestId());
    expect((await call(getAuditEvents, "/api/audit/events", token)).status).toBe(401);
  });

  it("names the bad query parameter", async () => {
    const { token } = await tokenWith(["audit:read"]);
    const response = await call(getAuditEvents, "/api/audit/events?from=2026-13-40", token);
    expect(response.status).toBe(422);
    expect(((await response.json()) as { errors: Record<string, string> }).errors).toHaveProperty("from");
  });
});
