import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { SYSTEM_ACTOR } from "@/lib/auth/actor";
import { db } from "@/lib/db/client";
import { decideGrant } from "@/lib/grants/decide-grant";
import { requestGrant } from "@/lib/grants/request-grant";
import { closeCampaign } from "@/lib/reviews/close-campaign";
import { createCampaign } from "@/lib/reviews/create-campaign";
import { decideItems } from "@/lib/reviews/decide-items";
import { createTestUser, testRequestId, unique } from "@/lib/testing/factories";
import { createTestConnector, createTestWorkflow, DAY_MS, inDays } from "@/lib/testing/inventory-fixtures";
import { parseRecord } from "./parse";
import { ingestRecords } from "./store";

// Late-arriving logs judged by the scope in force when the call was made: the grant is approved and
// then narrowed by an access review through the real code paths, so the scope comes from what those
// writers record in grant_events.

const HOUR_MS = 60 * 60_000;

function ingest(keyAlias: string, calls: { at: Date; action: string; resource: string; connector: string }[]) {
  const records = calls.map(({ at, action, resource, connector }, index) => {
    const record = {
      id: `evt-${randomUUID()}`,
      timestamp: at.toISOString(),
      model: "gpt-4o",
      workflow: { keyAlias },
      messages: [{ role: "user", content: "Handle the ticket." }],
      toolCalls: [{ name: `tickets.${action}`, connector, action, resource, arguments: "{}" }],
    };
    return { index, raw: JSON.stringify(record), events: parseRecord("generic", record, index).events, errors: [] };
  });
  return ingestRecords(records, { source: "generic", channel: "api", actor: SYSTEM_ACTOR, requestId: testRequestId() });
}

describe("agency check by the scope in force at the call's time", () => {
  it("does not flag a late-arriving call made before an access review narrowed the grant, and flags one made after", async () => {
    const now = Date.now();
    const owner = await createTestUser("owner");
    const requester = await createTestUser("owner");
    const lead = await createTestUser("reviewer");
    const workflow = await createTestWorkflow({ ownerId: owner.id });
    const alias = unique("agent-key");
    await db.workflowIdentity.create({ data: { workflowId: workflow.id, identityKey: `key_alias:${alias}` } });
    const tickets = await createTestConnector({ name: unique("Tickets"), actions: ["read", "write"] });

    const { id: grantId } = await requestGrant(
      requester,
      { workflowId: workflow.id, connectorId: tickets.id, resources: ["ticket:support/*"], actions: ["read", "write"], mode: "autonomous", justification: "Answer support tickets." },
      testRequestId(),
      new Date(now - 3 * DAY_MS),
    );
    await decideGrant(owner, { grantId, decision: "approve" }, testRequestId(), new Date(now - 2 * DAY_MS));
    // An access review keeps only reads; the narrowing is applied an hour ago.
    const campaign = await createCampaign(
      lead,
      { name: unique("Review"), startsAt: new Date(now - 3 * HOUR_MS), dueAt: inDays(14), scope: { connectorIds: [tickets.id] } },
      testRequestId(),
      new Date(now - 3 * HOUR_MS),
    );
    const item = await db.reviewItem.findFirstOrThrow({ where: { campaignId: campaign.id, grantId } });
    await decideItems(owner, { campaignId: campaign.id, itemIds: [item.id], decision: "modify", justification: "Reads are enough.", actions: ["read"] }, testRequestId(), new Date(now - 2 * HOUR_MS));
    await closeCampaign(lead, { campaignId: campaign.id }, testRequestId(), new Date(now - HOUR_MS));
    const narrowedAt = (await db.grantEvent.findFirstOrThrow({ where: { grantId, type: "narrowed" } })).at;
    expect(await db.grant.findUniqueOrThrow({ where: { id: grantId } })).toMatchObject({ status: "approved", actions: ["read"] });

    const result = await ingest(alias, [
      { at: new Date(narrowedAt.getTime() - 10 * 60_000), action: "write", resource: "ticket:support/7", connector: tickets.name },
      { at: new Date(narrowedAt.getTime() + 10 * 60_000), action: "write", resource: "ticket:support/7", connector: tickets.name },
      { at: new Date(narrowedAt.getTime() + 10 * 60_000), action: "read", resource: "ticket:support/7", connector: tickets.name },
    ]);
    const [before, after, readAfter] = await Promise.all(result.records.map((r) => db.interaction.findFirstOrThrow({ where: { id: r.interactions[0]!.id } })));
    expect(before).toMatchObject({ workflowId: workflow.id, verdict: "allowed" });
    expect(readAfter).toMatchObject({ workflowId: workflow.id, verdict: "allowed" });
    expect(after).toMatchObject({ workflowId: workflow.id, verdict: "flagged", categories: ["excessive_agency"] });
    const findings = await db.interactionFinding.findMany({ where: { interactionId: after!.id, category: "excessive_agency" } });
    expect(findings.map((f) => [f.rule, f.grantId])).toEqual([["action_not_granted", grantId]]);
    expect(findings[0]!.explanation).toContain(`as narrowed on ${narrowedAt.toISOString()}`);
  });
});
