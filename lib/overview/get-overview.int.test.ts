import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { createApprovedGrant, createTestConnector, createTestWorkflow, inDays } from "@/lib/testing/inventory-fixtures";
import { getOverview } from "./get-overview";

const modeCount = (overview: Awaited<ReturnType<typeof getOverview>>, mode: string, key: "approved" | "requested") =>
  overview.grantsByMode.find((row) => row.mode === mode)![key];

describe("getOverview", () => {
  // Guards the definition of an active grant: approved and not past its expiry, whether or not
  // the expiry clock has run yet.
  it("counts active grants and requests by execution mode, never a grant past its expiry", async () => {
    const before = await getOverview();
    const connector = await createTestConnector();
    const workflow = await createTestWorkflow();
    await createApprovedGrant(workflow.id, connector.id, { mode: "autonomous", expiresAt: inDays(30) });
    await createApprovedGrant(workflow.id, connector.id, { mode: "suggest", expiresAt: null });
    await createApprovedGrant(workflow.id, connector.id, { mode: "approve", expiresAt: inDays(-1) });
    await db.grant.create({
      data: { workflowId: workflow.id, connectorId: connector.id, resources: ["ticket:a"], actions: ["read"], mode: "approve", requestedResources: ["ticket:a"], requestedActions: ["read"], requestedMode: "approve", justification: "Test request" },
    });

    const after = await getOverview();
    expect(after.grants.active - before.grants.active).toBe(2);
    expect(after.grants.pending - before.grants.pending).toBe(1);
    expect(modeCount(after, "autonomous", "approved") - modeCount(before, "autonomous", "approved")).toBe(1);
    expect(modeCount(after, "suggest", "approved") - modeCount(before, "suggest", "approved")).toBe(1);
    expect(modeCount(after, "approve", "approved") - modeCount(before, "approve", "approved")).toBe(0);
    expect(modeCount(after, "approve", "requested") - modeCount(before, "approve", "requested")).toBe(1);
    expect(after.workflows.total - before.workflows.total).toBe(1);
    expect(after.connectors - before.connectors).toBe(1);
  });
});
