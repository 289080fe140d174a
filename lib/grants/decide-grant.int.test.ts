import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { ConflictError, ForbiddenError, ValidationError } from "@/lib/errors";
import { createTestUser, testRequestId } from "@/lib/testing/factories";
import { decideGrant } from "./decide-grant";
import { requestGrant } from "./request-grant";
import { createTestConnector, createTestWorkflow, inDays } from "@/lib/testing/inventory-fixtures";

async function pendingRequest(options: { requesterRole?: "owner" | "admin"; ownerRequests?: boolean } = {}) {
  const owner = await createTestUser("owner");
  const approver = await createTestUser("reviewer");
  const requester = options.ownerRequests ? owner : await createTestUser(options.requesterRole ?? "owner");
  const workflow = await createTestWorkflow({ ownerId: owner.id, approverIds: [approver.id] });
  const connector = await createTestConnector({ actions: ["read", "write", "send"] });
  const expiresAt = inDays(60);
  const { id } = await requestGrant(
    requester,
    { workflowId: workflow.id, connectorId: connector.id, resources: ["ticket:*", "macro:*"], actions: ["read", "write"], mode: "autonomous", justification: "Triage tickets.", expiresAt },
    testRequestId(),
  );
  return { id, owner, approver, requester, workflow, connector, expiresAt };
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error("expected the call to be refused");
    },
    (e: unknown) => e,
  );
}

describe("separation of duties", () => {
  it("refuses the requester, even an admin", async () => {
    const { id, requester } = await pendingRequest({ requesterRole: "admin" });
    const error = await rejection(decideGrant(requester, { grantId: id, decision: "approve" }, testRequestId()));
    expect(error).toBeInstanceOf(ForbiddenError);
    expect((error as Error).message).toMatch(/separation of duties/);
    expect((await db.grant.findUniqueOrThrow({ where: { id } })).status).toBe("requested");
  });

  it("refuses the workflow's owner when they made the request themselves", async () => {
    const { id, owner } = await pendingRequest({ ownerRequests: true });
    expect(await rejection(decideGrant(owner, { grantId: id, decision: "approve" }, testRequestId()))).toBeInstanceOf(ForbiddenError);
    expect(await rejection(decideGrant(owner, { grantId: id, decision: "reject", reason: "changed my mind" }, testRequestId()))).toBeInstanceOf(ForbiddenError);
  });

  it("refuses people who are neither the owner nor a designated approver", async () => {
    const { id } = await pendingRequest();
    for (const outsider of [await createTestUser("owner"), await createTestUser("reviewer")]) {
      const error = await rejection(decideGrant(outsider, { grantId: id, decision: "approve" }, testRequestId()));
      expect(error).toBeInstanceOf(ForbiddenError);
      expect((error as Error).message).toMatch(/owner, a designated approver or an admin/);
    }
    expect(await db.grantEvent.count({ where: { grantId: id } })).toBe(1);
  });

  it("lets a designated approver decide a request the owner made", async () => {
    const { id, approver } = await pendingRequest({ ownerRequests: true });
    const result = await decideGrant(approver, { grantId: id, decision: "approve" }, testRequestId());
    expect(result).toMatchObject({ status: "approved", outcome: "approved" });
  });

  it("lets an admin decide someone else's request", async () => {
    const { id } = await pendingRequest();
    const admin = await createTestUser("admin");
    expect(await decideGrant(admin, { grantId: id, decision: "reject", reason: "Not needed." }, testRequestId())).toMatchObject({ status: "rejected" });
  });
});

describe("deciding a request", () => {
  it("approves as requested: timeline, audit, requester notified", async () => {
    const { id, owner, requester, expiresAt } = await pendingRequest();
    await decideGrant(owner, { grantId: id, decision: "approve" }, testRequestId());
    const grant = await db.grant.findUniqueOrThrow({ where: { id }, include: { events: { orderBy: { at: "asc" } } } });
    expect(grant).toMatchObject({ status: "approved", decidedById: owner.id, resources: ["ticket:*", "macro:*"], mode: "autonomous" });
    expect(grant.expiresAt!.getTime()).toBe(expiresAt.getTime());
    expect(grant.events.map((e) => e.type)).toEqual(["requested", "approved"]);
    expect(await db.auditEvent.count({ where: { action: "grant.approve", targetId: id, actorId: owner.id } })).toBe(1);
    const notes = await db.notification.findMany({ where: { userId: requester.id, dedupeKey: `grant-decided:${id}` } });
    expect(notes).toMatchObject([{ kind: "grant.approved" }]);
  });

  it("requires a reason to reject, and records it", async () => {
    const { id, owner, requester } = await pendingRequest();
    const error = await rejection(decideGrant(owner, { grantId: id, decision: "reject", reason: "   " }, testRequestId()));
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).fieldErrors).toEqual({ reason: "Give a reason for rejecting this request." });
    await decideGrant(owner, { grantId: id, decision: "reject", reason: "Use the read-only export instead." }, testRequestId());
    const event = await db.grantEvent.findFirstOrThrow({ where: { grantId: id, type: "rejected" } });
    expect(event).toMatchObject({ actorId: owner.id, reason: "Use the read-only export instead." });
    expect(await db.auditEvent.findFirst({ where: { action: "grant.reject", targetId: id } })).toMatchObject({ after: expect.objectContaining({ reason: "Use the read-only export instead." }) });
    expect(await db.notification.count({ where: { userId: requester.id, kind: "grant.rejected", dedupeKey: `grant-decided:${id}` } })).toBe(1);
  });

  it("approves a reduced scope with a reason, keeping what was requested", async () => {
    const { id, approver, expiresAt } = await pendingRequest();
    const shorter = inDays(30);
    const reduce = { grantId: id, decision: "approve" as const, resources: ["ticket:support/*"], actions: ["read"], mode: "approve" as const, expiresAt: shorter };

    const noReason = await rejection(decideGrant(approver, reduce, testRequestId()));
    expect((noReason as ValidationError).fieldErrors).toEqual({ reason: "Give a reason for reducing the scope." });

    const result = await decideGrant(approver, { ...reduce, reason: "Support queue only; a person confirms each reply." }, testRequestId());
    expect(result.outcome).toBe("approved_reduced");
    const grant = await db.grant.findUniqueOrThrow({ where: { id } });
    expect(grant).toMatchObject({
      status: "approved",
      resources: ["ticket:support/*"],
      actions: ["read"],
      mode: "approve",
      requestedResources: ["ticket:*", "macro:*"],
      requestedActions: ["read", "write"],
      requestedMode: "autonomous",
    });
    expect(grant.expiresAt!.getTime()).toBe(shorter.getTime());
    expect(grant.expiresAt!.getTime()).toBeLessThan(expiresAt.getTime());
    const event = await db.grantEvent.findFirstOrThrow({ where: { grantId: id, type: "approved_reduced" } });
    expect(event.details).toMatchObject({ resources: ["ticket:support/*"], actions: ["read"], mode: "approve" });
    const audit = await db.auditEvent.findFirstOrThrow({ where: { action: "grant.approve_reduced", targetId: id } });
    expect(audit.before).toMatchObject({ resources: ["ticket:*", "macro:*"], mode: "autonomous" });
    expect(audit.after).toMatchObject({ resources: ["ticket:support/*"], mode: "approve", reason: "Support queue only; a person confirms each reply." });
  });

  it("refuses a 'reduction' that is wider than the request in any way", async () => {
    const { id, owner, expiresAt } = await pendingRequest();
    const error = await rejection(
      decideGrant(
        owner,
        { grantId: id, decision: "approve", reason: "r", resources: ["ticket:support/*", "user:*"], actions: ["read", "send"], mode: "autonomous", expiresAt: new Date(expiresAt.getTime() + 1000) },
        testRequestId(),
      ),
    );
    expect(error).toBeInstanceOf(ValidationError);
    const fields = (error as ValidationError).fieldErrors!;
    expect(fields.resources).toContain("'user:*'");
    expect(fields.actions).toContain("'send'");
    expect(fields.expiresAt).toMatch(/shortened/);
    expect(fields.mode).toBeUndefined(); // the same mode is allowed
    expect((await db.grant.findUniqueOrThrow({ where: { id } })).status).toBe("requested");
  });

  it("refuses to decide twice, including two approvers at once", async () => {
    const { id, owner, approver } = await pendingRequest();
    const results = await Promise.allSettled([
      decideGrant(owner, { grantId: id, decision: "approve" }, testRequestId()),
      decideGrant(approver, { grantId: id, decision: "reject", reason: "No." }, testRequestId()),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const failed = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
    expect(failed.reason).toBeInstanceOf(ConflictError);
    expect(await db.grantEvent.count({ where: { grantId: id } })).toBe(2);
    expect(await rejection(decideGrant(owner, { grantId: id, decision: "approve" }, testRequestId()))).toBeInstanceOf(ConflictError);
  });
});
