import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { createApprovedGrant, createTestConnector, createTestCredential, createTestWorkflow, inDays } from "@/lib/testing/inventory-fixtures";
import { revokeGrant } from "@/lib/grants/revoke-grant";
import { createTestUser, testRequestId } from "@/lib/testing/factories";
import { countOpenFindings, getFindings } from "./get-findings";

describe("findings from the database", () => {
  it("are computed per workflow from grants, credentials and ownership", async () => {
    const owner = await createTestUser("owner");
    const prod = await createTestWorkflow({ ownerId: owner.id, environment: "production" });
    const staging = await createTestWorkflow({ ownerId: owner.id, environment: "staging" });
    const connector = await createTestConnector({ actions: ["read", "write"] });
    await createTestCredential(connector.id, [prod.id, staging.id], { issuedAt: inDays(-200) });
    const grant = await createApprovedGrant(staging.id, connector.id, { resources: ["ticket:*"], actions: ["write"], mode: "autonomous", expiresAt: null });

    const rules = (await getFindings({ workflowId: staging.id })).map((f) => f.rule).sort();
    expect(rules).toEqual(
      [
        "autonomous-write",
        "credential-rotation-overdue",
        "credential-shared-across-environments",
        "credential-shared-across-workflows",
        "grant-without-expiry",
        "production-credential-outside-production",
        "wildcard-resource",
      ].sort(),
    );
    // The production workflow shares the credential but is not the one breaking environment isolation.
    expect((await getFindings({ workflowId: prod.id })).map((f) => f.rule)).not.toContain("production-credential-outside-production");
    expect((await getFindings({ workflowId: staging.id, rule: "wildcard-resource" })).map((f) => f.subject.id)).toEqual([grant.id]);
    expect((await getFindings({ workflowId: staging.id, severity: "medium" })).every((f) => f.severity === "medium")).toBe(true);
    expect(await countOpenFindings()).toBeGreaterThanOrEqual(7);
  });

  it("resolve themselves when the cause is fixed", async () => {
    const owner = await createTestUser("owner");
    const workflow = await createTestWorkflow({ ownerId: owner.id });
    const connector = await createTestConnector();
    const grant = await createApprovedGrant(workflow.id, connector.id, { resources: ["ticket:*"] });
    const credential = await createTestCredential(connector.id, [workflow.id], { issuedAt: inDays(-200) });
    const orphan = await createTestWorkflow({ ownerId: null });

    expect((await getFindings({ workflowId: workflow.id })).map((f) => f.rule).sort()).toEqual(["credential-rotation-overdue", "wildcard-resource"]);
    expect((await getFindings({ workflowId: orphan.id })).map((f) => f.rule)).toEqual(["workflow-without-owner"]);

    await revokeGrant(owner, { grantId: grant.id, reason: "Too broad." }, testRequestId());
    await db.credential.update({ where: { id: credential.id }, data: { lastRotatedAt: new Date() } });
    await db.workflow.update({ where: { id: orphan.id }, data: { ownerId: owner.id } });

    expect(await getFindings({ workflowId: workflow.id })).toEqual([]);
    expect(await getFindings({ workflowId: orphan.id })).toEqual([]);
  });
});
