import { describe, expect, it } from "vitest";
import { createTestUser, testRequestId } from "@/lib/testing/factories";
import { getApprovalsInbox } from "./approvals-inbox";
import { requestGrant } from "./request-grant";
import { createApprovedGrant, createTestConnector, createTestWorkflow, inDays } from "@/lib/testing/inventory-fixtures";

const ask = (requester: Parameters<typeof requestGrant>[0], workflowId: string, connectorId: string) =>
  requestGrant(requester, { workflowId, connectorId, resources: ["ticket:support/*"], actions: ["read"], mode: "suggest", justification: "Read tickets." }, testRequestId());

describe("the approvals inbox", () => {
  it("shows an approver the requests they may decide, never their own, and their grants expiring within 14 days", async () => {
    const owner = await createTestUser("owner");
    const approver = await createTestUser("reviewer");
    const colleague = await createTestUser("owner");
    const mine = await createTestWorkflow({ ownerId: owner.id, approverIds: [approver.id] });
    const notMine = await createTestWorkflow({ ownerId: colleague.id });
    const connector = await createTestConnector();

    const fromColleague = await ask(colleague, mine.id, connector.id);
    const fromOwner = await ask(owner, mine.id, connector.id);
    const elsewhere = await ask(approver, notMine.id, connector.id);
    const expiringSoon = await createApprovedGrant(mine.id, connector.id, { expiresAt: inDays(5) });
    const expiringLater = await createApprovedGrant(mine.id, connector.id, { expiresAt: inDays(30) });

    const ownerInbox = await getApprovalsInbox(owner);
    expect(ownerInbox.pending.map((g) => g.id)).toEqual([fromColleague.id]);
    expect(ownerInbox.expiringSoon.map((g) => g.id)).toContain(expiringSoon.id);
    expect(ownerInbox.expiringSoon.map((g) => g.id)).not.toContain(expiringLater.id);

    const approverInbox = await getApprovalsInbox(approver);
    expect(approverInbox.pending.map((g) => g.id).sort()).toEqual([fromColleague.id, fromOwner.id].sort());
    expect(approverInbox.pending.map((g) => g.id)).not.toContain(elsewhere.id);

    const outsider = await getApprovalsInbox(await createTestUser("reviewer"));
    expect(outsider.pending.map((g) => g.id)).not.toContain(fromColleague.id);
    expect(outsider.expiringSoon.map((g) => g.id)).not.toContain(expiringSoon.id);
  });

  it("shows an admin every request except their own", async () => {
    const admin = await createTestUser("admin");
    const owner = await createTestUser("owner");
    const workflow = await createTestWorkflow({ ownerId: owner.id });
    const connector = await createTestConnector();
    const fromOwner = await ask(owner, workflow.id, connector.id);
    const fromAdmin = await ask(admin, workflow.id, connector.id);
    const ids = (await getApprovalsInbox(admin)).pending.map((g) => g.id);
    expect(ids).toContain(fromOwner.id);
    expect(ids).not.toContain(fromAdmin.id);
  });
});
