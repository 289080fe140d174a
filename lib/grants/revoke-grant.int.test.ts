import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { ConflictError, ForbiddenError, ValidationError } from "@/lib/errors";
import { createTestUser, testRequestId } from "@/lib/testing/factories";
import { revokeGrant } from "./revoke-grant";
import { createApprovedGrant, createTestConnector, createTestWorkflow } from "@/lib/testing/inventory-fixtures";

async function approvedGrant() {
  const owner = await createTestUser("owner");
  const requester = await createTestUser("owner");
  const workflow = await createTestWorkflow({ ownerId: owner.id });
  const connector = await createTestConnector();
  const grant = await createApprovedGrant(workflow.id, connector.id, { requestedById: requester.id });
  return { owner, requester, grant };
}

const refusal = (promise: Promise<unknown>) =>
  promise.then(
    () => {
      throw new Error("expected the call to be refused");
    },
    (e: unknown) => e,
  );

describe("revoking a grant", () => {
  it("requires a reason", async () => {
    const { owner, grant } = await approvedGrant();
    const error = await refusal(revokeGrant(owner, { grantId: grant.id, reason: "" }, testRequestId()));
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).fieldErrors).toEqual({ reason: "Give a reason for revoking this grant." });
  });

  it("by the workflow's owner: status, timeline, audit and notification to the requester", async () => {
    const { owner, requester, grant } = await approvedGrant();
    await revokeGrant(owner, { grantId: grant.id, reason: "The workflow no longer posts replies." }, testRequestId());
    expect((await db.grant.findUniqueOrThrow({ where: { id: grant.id } })).status).toBe("revoked");
    expect(await db.grantEvent.findFirst({ where: { grantId: grant.id, type: "revoked" } })).toMatchObject({ actorId: owner.id, reason: "The workflow no longer posts replies." });
    expect(await db.auditEvent.findFirst({ where: { action: "grant.revoke", targetId: grant.id } })).toMatchObject({
      actorId: owner.id,
      before: expect.objectContaining({ status: "approved" }),
      after: { status: "revoked", reason: "The workflow no longer posts replies." },
    });
    const notes = await db.notification.findMany({ where: { dedupeKey: `grant-revoked:${grant.id}` } });
    expect(notes.map((n) => n.userId)).toEqual([requester.id]);
  });

  it("by any reviewer or admin", async () => {
    for (const role of ["reviewer", "admin"] as const) {
      const { grant } = await approvedGrant();
      await revokeGrant(await createTestUser(role), { grantId: grant.id, reason: "Access review." }, testRequestId());
      expect((await db.grant.findUniqueOrThrow({ where: { id: grant.id } })).status).toBe("revoked");
    }
  });

  it("not by the owner of another workflow, an analyst or an auditor", async () => {
    const { grant } = await approvedGrant();
    for (const role of ["owner", "analyst", "auditor"] as const) {
      expect(await refusal(revokeGrant(await createTestUser(role), { grantId: grant.id, reason: "x" }, testRequestId()))).toBeInstanceOf(ForbiddenError);
    }
    expect((await db.grant.findUniqueOrThrow({ where: { id: grant.id } })).status).toBe("approved");
    expect(await db.auditEvent.count({ where: { action: "grant.revoke", targetId: grant.id } })).toBe(0);
  });

  it("only once, and only while approved", async () => {
    const { owner, grant } = await approvedGrant();
    await revokeGrant(owner, { grantId: grant.id, reason: "Done." }, testRequestId());
    expect(await refusal(revokeGrant(owner, { grantId: grant.id, reason: "Again." }, testRequestId()))).toBeInstanceOf(ConflictError);
    expect(await db.grantEvent.count({ where: { grantId: grant.id, type: "revoked" } })).toBe(1);
  });
});
