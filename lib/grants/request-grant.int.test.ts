import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { ValidationError } from "@/lib/errors";
import { createTestUser, testRequestId } from "@/lib/testing/factories";
import { requestGrant, type RequestGrantInput } from "./request-grant";
import { createTestConnector, createTestCredential, createTestWorkflow, DAY_MS, inDays } from "@/lib/testing/inventory-fixtures";

async function setup() {
  const owner = await createTestUser("owner");
  const approver = await createTestUser("reviewer");
  const requester = await createTestUser("owner");
  const workflow = await createTestWorkflow({ ownerId: owner.id, approverIds: [approver.id] });
  const connector = await createTestConnector({ actions: ["read", "write", "send"] });
  const valid: RequestGrantInput = {
    workflowId: workflow.id,
    connectorId: connector.id,
    resources: ["ticket:support/*"],
    actions: ["read", "write"],
    mode: "approve",
    justification: "Draft replies on support tickets.",
  };
  return { owner, approver, requester, workflow, connector, valid };
}

/** The ValidationError's field errors, so each test can name the field it expects. */
async function fieldErrorsOf(promise: Promise<unknown>): Promise<Record<string, string>> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ValidationError);
  return (error as ValidationError).fieldErrors ?? {};
}

describe("requesting a grant", () => {
  it("records the request, its timeline step and audit event, and tells the owner and approvers", async () => {
    const { owner, approver, requester, workflow, valid } = await setup();
    const before = Date.now();
    const { id } = await requestGrant(requester, valid, testRequestId());

    const grant = await db.grant.findUniqueOrThrow({ where: { id }, include: { events: true } });
    expect(grant).toMatchObject({ status: "requested", resources: ["ticket:support/*"], requestedResources: ["ticket:support/*"], requestedActions: ["read", "write"], requestedMode: "approve", requestedById: requester.id });
    // Default expiry: GRANT_DEFAULT_DAYS (90) from now.
    expect(grant.expiresAt!.getTime()).toBeGreaterThanOrEqual(before + 90 * DAY_MS);
    expect(grant.expiresAt!.getTime()).toBeLessThanOrEqual(Date.now() + 90 * DAY_MS);
    expect(grant.events).toMatchObject([{ type: "requested", actorId: requester.id, details: { resources: ["ticket:support/*"], actions: ["read", "write"], mode: "approve" } }]);

    const audit = await db.auditEvent.findFirstOrThrow({ where: { action: "grant.request", targetId: id } });
    expect(audit).toMatchObject({ actorId: requester.id, targetType: "grant", after: expect.objectContaining({ status: "requested", workflowId: workflow.id }) });

    const notified = await db.notification.findMany({ where: { dedupeKey: `grant-requested:${id}` } });
    expect(notified.map((n) => n.userId).sort()).toEqual([owner.id, approver.id].sort());
    expect(notified[0]).toMatchObject({ kind: "grant.requested", href: `/grants/${id}` });
  });

  it("does not notify the requester when the owner asks for their own workflow", async () => {
    const { owner, approver, valid } = await setup();
    const { id } = await requestGrant(owner, valid, testRequestId());
    const notified = await db.notification.findMany({ where: { dedupeKey: `grant-requested:${id}` } });
    expect(notified.map((n) => n.userId)).toEqual([approver.id]);
  });

  it("tells the admins when nobody accountable for the workflow can act", async () => {
    const { requester, connector } = await setup();
    const admin = await createTestUser("admin");
    const gone = await createTestUser("owner", { active: false });
    const orphaned = await createTestWorkflow({ ownerId: gone.id });
    const { id } = await requestGrant(requester, { workflowId: orphaned.id, connectorId: connector.id, resources: ["ticket:a/*"], actions: ["read"], mode: "suggest", justification: "x" }, testRequestId());
    const notified = await db.notification.findMany({ where: { dedupeKey: `grant-requested:${id}` } });
    expect(notified.map((n) => n.userId)).toContain(admin.id);
    expect(notified.map((n) => n.userId)).not.toContain(gone.id);
  });

  it("keeps the credential when it is attached to the workflow and belongs to the connector", async () => {
    const { requester, workflow, connector, valid } = await setup();
    const credential = await createTestCredential(connector.id, [workflow.id]);
    const { id } = await requestGrant(requester, { ...valid, credentialId: credential.id }, testRequestId());
    expect((await db.grant.findUniqueOrThrow({ where: { id } })).credentialId).toBe(credential.id);
  });

  describe("refuses invalid requests field by field, saving nothing", () => {
    it("unknown workflow and connector", async () => {
      const { requester, valid } = await setup();
      const errors = await fieldErrorsOf(
        requestGrant(requester, { ...valid, workflowId: "00000000-0000-4000-8000-000000000000", connectorId: "00000000-0000-4000-8000-000000000001" }, testRequestId()),
      );
      expect(errors).toEqual({ workflowId: "That workflow does not exist.", connectorId: "That connector does not exist." });
      expect(await fieldErrorsOf(requestGrant(requester, { ...valid, workflowId: "not-an-id" }, testRequestId()))).toEqual({ workflowId: "Choose a workflow." });
    });

    it("actions the connector does not offer", async () => {
      const { requester, workflow } = await setup();
      const zendesk = await createTestConnector({ name: `Zendesk Tickets ${Date.now()}`, actions: ["read", "write", "send"] });
      const errors = await fieldErrorsOf(requestGrant(requester, { workflowId: workflow.id, connectorId: zendesk.id, resources: ["ticket:*"], actions: ["read", "delete"], mode: "approve", justification: "x" }, testRequestId()));
      expect(errors.actions).toBe(`Action 'delete' is not offered by ${zendesk.name}.`);
      expect(await db.grant.count({ where: { workflowId: workflow.id } })).toBe(0);
    });

    it("resources: none, too long, too many", async () => {
      const { requester, valid } = await setup();
      expect((await fieldErrorsOf(requestGrant(requester, { ...valid, resources: [] }, testRequestId()))).resources).toBe("Add at least one resource.");
      expect((await fieldErrorsOf(requestGrant(requester, { ...valid, resources: ["ok", "x".repeat(201)] }, testRequestId())))["resources.1"]).toBe(
        "Resource is too long (200 characters at most).",
      );
      const many = Array.from({ length: 51 }, (_, i) => `ticket:q${i}/*`);
      expect((await fieldErrorsOf(requestGrant(requester, { ...valid, resources: many }, testRequestId()))).resources).toBe("Too many resources (50 at most).");
    });

    it("justification: missing or too long", async () => {
      const { requester, valid } = await setup();
      expect((await fieldErrorsOf(requestGrant(requester, { ...valid, justification: "  " }, testRequestId()))).justification).toMatch(/^Justification is required/);
      expect((await fieldErrorsOf(requestGrant(requester, { ...valid, justification: "x".repeat(2001) }, testRequestId()))).justification).toBe(
        "Justification is too long (2000 characters at most).",
      );
    });

    it("expiry: in the past, or beyond the maximum", async () => {
      const { requester, valid, workflow } = await setup();
      expect((await fieldErrorsOf(requestGrant(requester, { ...valid, expiresAt: inDays(-1) }, testRequestId()))).expiresAt).toBe("Expiry must be in the future.");
      expect((await fieldErrorsOf(requestGrant(requester, { ...valid, expiresAt: inDays(366) }, testRequestId()))).expiresAt).toBe("Expiry must be within 365 days.");
      expect((await fieldErrorsOf(requestGrant(requester, { ...valid, expiresAt: "soon" }, testRequestId()))).expiresAt).toBe("Expiry must be a valid date.");
      expect(await db.grant.count({ where: { workflowId: workflow.id } })).toBe(0);
    });

    it("a credential not attached to the workflow, or for another connector", async () => {
      const { requester, valid, connector, workflow } = await setup();
      const elsewhere = await createTestCredential(connector.id, []);
      expect((await fieldErrorsOf(requestGrant(requester, { ...valid, credentialId: elsewhere.id }, testRequestId()))).credentialId).toMatch(/is not attached to/);
      const other = await createTestConnector();
      const wrongConnector = await createTestCredential(other.id, [workflow.id]);
      expect((await fieldErrorsOf(requestGrant(requester, { ...valid, credentialId: wrongConnector.id }, testRequestId()))).credentialId).toMatch(/is not a credential for/);
    });

    it("a retired or suspended workflow", async () => {
      const { requester, valid } = await setup();
      const retired = await createTestWorkflow({ status: "retired" });
      expect((await fieldErrorsOf(requestGrant(requester, { ...valid, workflowId: retired.id }, testRequestId()))).workflowId).toMatch(/is retired/);
      expect(await db.grant.count({ where: { workflowId: retired.id } })).toBe(0);
      expect(await db.auditEvent.count({ where: { action: "grant.request", actorId: requester.id } })).toBe(0);
    });
  });
});
