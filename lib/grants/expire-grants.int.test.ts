import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { getFindings } from "@/lib/findings/get-findings";
import { createTestUser } from "@/lib/testing/factories";
import { getApprovalsInbox } from "./approvals-inbox";
import { expireDueGrants } from "./expire-grants";
import { getGrant } from "./get-grant";
import { listGrants } from "./list-grants";
import { createApprovedGrant, createTestConnector, createTestWorkflow, inDays } from "@/lib/testing/inventory-fixtures";

async function grants() {
  const owner = await createTestUser("owner");
  const workflow = await createTestWorkflow({ ownerId: owner.id });
  const connector = await createTestConnector();
  const due = await createApprovedGrant(workflow.id, connector.id, { expiresAt: inDays(-1), resources: ["ticket:*"] });
  const later = await createApprovedGrant(workflow.id, connector.id, { expiresAt: inDays(10) });
  const forever = await createApprovedGrant(workflow.id, connector.id, { expiresAt: null });
  return { owner, workflow, due, later, forever };
}

const statusOf = async (id: string) => (await db.grant.findUniqueOrThrow({ where: { id } })).status;

describe("grant expiry", () => {
  it("expires approved grants past their expiry, once, however often it runs", async () => {
    const { due, later, forever } = await grants();
    const first = await expireDueGrants();
    expect(first).toContain(due.id);
    const second = await expireDueGrants();
    expect(second).not.toContain(due.id);

    expect(await statusOf(due.id)).toBe("expired");
    expect(await statusOf(later.id)).toBe("approved");
    expect(await statusOf(forever.id)).toBe("approved");
    expect(await db.grantEvent.findMany({ where: { grantId: due.id } })).toMatchObject([{ type: "expired", actorId: null }]);
    const audits = await db.auditEvent.findMany({ where: { action: "grant.expire", targetId: due.id } });
    expect(audits).toMatchObject([{ actorType: "system", actorLabel: "warden", before: expect.objectContaining({ status: "approved" }), after: { status: "expired" } }]);
  });

  it("expires each grant once when several instances run at the same moment", async () => {
    const { due } = await grants();
    const runs = await Promise.all([expireDueGrants(), expireDueGrants(), expireDueGrants()]);
    expect(runs.flat().filter((id) => id === due.id)).toHaveLength(1);
    expect(await db.grantEvent.count({ where: { grantId: due.id, type: "expired" } })).toBe(1);
    expect(await db.auditEvent.count({ where: { action: "grant.expire", targetId: due.id } })).toBe(1);
  });

  it("leaves requested, revoked and rejected grants alone", async () => {
    const { workflow } = await grants();
    const connector = await createTestConnector();
    const requested = await db.grant.create({
      data: { workflowId: workflow.id, connectorId: connector.id, resources: ["a"], actions: ["read"], mode: "suggest", requestedResources: ["a"], requestedActions: ["read"], requestedMode: "suggest", justification: "j", status: "requested", expiresAt: inDays(-1) },
    });
    await expireDueGrants();
    expect(await statusOf(requested.id)).toBe("requested");
  });

  describe("happens on read, before the scheduled job runs", () => {
    it("when a grant's page is opened", async () => {
      const { owner, due } = await grants();
      const detail = await getGrant(owner, due.id);
      expect(detail).toMatchObject({ status: "expired", timeline: [{ type: "expired", actor: "Warden (automatic expiry)" }] });
    });

    it("when the grant list is loaded", async () => {
      const { workflow, due } = await grants();
      const { rows } = await listGrants({ workflowId: workflow.id });
      expect(rows.find((r) => r.id === due.id)?.status).toBe("expired");
    });

    it("when the approvals inbox is loaded", async () => {
      const { owner, due } = await grants();
      await getApprovalsInbox(owner);
      expect(await statusOf(due.id)).toBe("expired");
    });

    it("when findings are computed, so an expired grant has no findings", async () => {
      const { workflow, due } = await grants();
      const findings = await getFindings({ workflowId: workflow.id });
      expect(await statusOf(due.id)).toBe("expired");
      expect(findings.filter((f) => f.subject.id === due.id)).toEqual([]);
    });
  });
});
