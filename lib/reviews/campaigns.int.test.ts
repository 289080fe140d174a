import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { ensurePartitions } from "@/lib/ingest/partitions";
import { db } from "@/lib/db/client";
import { createApprovedGrant, createTestConnector, createTestCredential, createTestWorkflow, DAY_MS, inDays } from "@/lib/testing/inventory-fixtures";
import { createTestUser, testRequestId, unique } from "@/lib/testing/factories";
import { closeCampaign } from "./close-campaign";
import { createCampaign } from "./create-campaign";
import { decideItems } from "./decide-items";
import { sha256 } from "./evidence";
import { getCampaign } from "./get-campaign";
import { getEvidence } from "./get-evidence";
import { launchCampaign } from "./launch-campaign";
import { runReviewHousekeeping } from "./housekeeping";
import { reassignItem } from "./reassign-item";

/** An ingested interaction of the workflow with these tool calls (what access reviews read as usage). */
async function logToolCalls(workflowId: string, occurredAt: Date, toolCalls: { connector: string; action: string; resource?: string }[]) {
  await ensurePartitions([occurredAt]);
  await db.interaction.create({ data: { id: randomUUID(), eventKey: `test:id:${randomUUID()}`, source: "generic", workflowId, occurredAt, toolCalls } });
}

async function itemFor(campaignId: string, grantId: string) {
  return db.reviewItem.findFirstOrThrow({ where: { campaignId, grantId } });
}

async function setup() {
  const lead = await createTestUser("reviewer");
  const owner = await createTestUser("owner");
  const fallback = await createTestUser("reviewer");
  const connector = await createTestConnector({ actions: ["read", "write"] });
  const workflow = await createTestWorkflow({ ownerId: owner.id });
  return { lead, owner, fallback, connector, workflow };
}

const campaignInput = (connectorId: string, overrides: Record<string, unknown> = {}) => ({
  name: unique("Quarterly review"),
  startsAt: new Date(Date.now() - 60_000),
  dueAt: inDays(14),
  scope: { connectorIds: [connectorId] },
  ...overrides,
});

describe("access-review campaigns", () => {
  it("runs the whole lifecycle: launch, decide, close with the default policy, apply for real, evidence tied to the audit trail", async () => {
    const { lead, owner, connector, workflow } = await setup();
    const used = await createApprovedGrant(workflow.id, connector.id, { actions: ["read", "write"], resources: ["ticket:support/*"] });
    const unused = await createApprovedGrant(workflow.id, connector.id, { actions: ["read"], resources: ["ticket:billing/*"] });
    const undecided = await createApprovedGrant(workflow.id, connector.id, { actions: ["read"], resources: ["ticket:sales/*"] });
    const gone = await createApprovedGrant(workflow.id, connector.id, { actions: ["read"], resources: ["ticket:legal/*"] });
    // The grants took effect long ago; the workflow's logs show only reads on the support queue.
    await db.grant.updateMany({ where: { id: { in: [used.id, unused.id, undecided.id, gone.id] } }, data: { decidedAt: new Date(Date.now() - 200 * DAY_MS) } });
    await logToolCalls(workflow.id, new Date(Date.now() - 2 * DAY_MS), [{ connector: connector.name, action: "read", resource: "ticket:support/42" }]);

    const created = await createCampaign(lead, campaignInput(connector.id, { closeDefault: "recommendation" }), testRequestId());
    expect(created).toMatchObject({ status: "active", items: 4 });
    expect(await db.notification.count({ where: { userId: owner.id, dedupeKey: `review-launched:${created.id}` } })).toBe(1);
    const usedItem = await itemFor(created.id, used.id);
    expect(usedItem).toMatchObject({ reviewerId: owner.id, recommendation: "modify", recommendationReason: "modify: only read used, write granted", recommendedActions: ["read"] });
    expect((await itemFor(created.id, unused.id)).recommendation).toBe("deny");

    // The owner narrows the used grant by accepting the recommendation, and denies the unused one.
    await decideItems(owner, { campaignId: created.id, itemIds: [usedItem.id], decision: "recommendation" }, testRequestId());
    const unusedItem = await itemFor(created.id, unused.id);
    await expect(decideItems(owner, { campaignId: created.id, itemIds: [unusedItem.id], decision: "deny" }, testRequestId())).rejects.toMatchObject({
      fieldErrors: { justification: expect.stringMatching(/justification/i) },
    });
    await decideItems(owner, { campaignId: created.id, itemIds: [unusedItem.id], decision: "deny", justification: "No longer needed." }, testRequestId());
    const goneItem = await itemFor(created.id, gone.id);
    await decideItems(owner, { campaignId: created.id, itemIds: [goneItem.id], decision: "approve" }, testRequestId());
    await db.grant.delete({ where: { id: gone.id } });

    const progress = (await getCampaign(lead, created.id))!;
    expect(progress.progress).toMatchObject({ total: 4, done: 3, remaining: 1, overdue: 0 });

    const closed = await closeCampaign(lead, { campaignId: created.id }, testRequestId());
    expect(closed.results).toEqual({ applied: 3, failed: 0, object_gone: 1 });
    expect(await db.grant.findUniqueOrThrow({ where: { id: unused.id } })).toMatchObject({ status: "revoked" });
    expect(await db.grant.findUniqueOrThrow({ where: { id: used.id } })).toMatchObject({ status: "approved", actions: ["read"] });
    // The undecided grant followed its recommendation ("deny: not exercised in 90 days").
    expect(await itemFor(created.id, undecided.id)).toMatchObject({ decision: "deny", decidedByDefault: true, followedRecommendation: true, applyResult: "applied" });
    expect(await db.grant.findUniqueOrThrow({ where: { id: undecided.id } })).toMatchObject({ status: "revoked" });
    expect(await db.reviewItem.findUniqueOrThrow({ where: { id: goneItem.id } })).toMatchObject({ applyResult: "object_gone", grantId: null });

    const revokedEvent = await db.grantEvent.findFirstOrThrow({ where: { grantId: unused.id, type: "revoked" } });
    expect(revokedEvent.reason).toContain(`Access review “${created.id ? (await db.reviewCampaign.findUniqueOrThrow({ where: { id: created.id } })).name : ""}”`);
    expect(await db.grantEvent.count({ where: { grantId: used.id, type: "narrowed" } })).toBe(1);

    const campaign = await db.reviewCampaign.findUniqueOrThrow({ where: { id: created.id } });
    expect(campaign.status).toBe("completed");
    expect(sha256(campaign.evidenceJson!)).toBe(campaign.evidenceJsonSha256);
    const completion = await db.auditEvent.findFirstOrThrow({ where: { action: "review.complete", targetId: created.id } });
    expect(completion.after).toMatchObject({ evidenceJsonSha256: campaign.evidenceJsonSha256, evidenceCsvSha256: campaign.evidenceCsvSha256 });
    const evidence = JSON.parse(campaign.evidenceJson!) as { items: { decision: string; justification: string | null; followedRecommendation: boolean | null; applyResult: string }[] };
    expect(evidence.items).toHaveLength(4);
    expect(evidence.items.find((i) => i.justification === "No longer needed.")).toMatchObject({
      decision: "deny",
      followedRecommendation: true,
      applyResult: "applied",
      history: [expect.objectContaining({ type: "created" }), expect.objectContaining({ type: "decided", by: owner.email }), expect.objectContaining({ type: "apply_applied" })],
    });
    expect(campaign.evidenceCsv!.split("\r\n")[0]).toContain("followed_recommendation");

    await expect(closeCampaign(lead, { campaignId: created.id }, testRequestId())).rejects.toMatchObject({ code: "conflict" });
  });

  it("keeps separation of duties: the requester is never the reviewer and cannot decide, even as admin", async () => {
    const { lead, connector, fallback } = await setup();
    const admin = await createTestUser("admin");
    const workflow = await createTestWorkflow({ ownerId: admin.id });
    const grant = await createApprovedGrant(workflow.id, connector.id, { requestedById: admin.id });
    const created = await createCampaign(lead, campaignInput(connector.id, { fallbackReviewerId: fallback.id }), testRequestId());
    const item = await itemFor(created.id, grant.id);
    expect(item.reviewerId).toBe(fallback.id);
    await expect(decideItems(admin, { campaignId: created.id, itemIds: [item.id], decision: "approve" }, testRequestId())).rejects.toMatchObject({
      code: "forbidden",
      message: expect.stringMatching(/separation of duties/),
    });
    await expect(reassignItem(fallback, { itemId: item.id, reviewerId: admin.id, note: "Admin knows it" }, testRequestId())).rejects.toMatchObject({
      fieldErrors: { reviewerId: expect.stringMatching(/separation of duties/) },
    });
    // Someone else's reviewer cannot decide it either.
    const stranger = await createTestUser("owner");
    await expect(decideItems(stranger, { campaignId: created.id, itemIds: [item.id], decision: "approve" }, testRequestId())).rejects.toMatchObject({ code: "forbidden" });
  });

  it("reassigns with a note kept in the history, and escalates 'don't know' to the campaign owner", async () => {
    const { lead, owner, fallback, connector, workflow } = await setup();
    const grant = await createApprovedGrant(workflow.id, connector.id);
    const created = await createCampaign(lead, campaignInput(connector.id), testRequestId());
    const item = await itemFor(created.id, grant.id);
    await reassignItem(owner, { itemId: item.id, reviewerId: fallback.id, note: "I am on leave; Fallback knows this queue." }, testRequestId());
    await decideItems(fallback, { campaignId: created.id, itemIds: [item.id], decision: "dont_know", justification: "Never heard of it." }, testRequestId());
    const detail = (await getCampaign(lead, created.id))!;
    const shown = detail.items.find((i) => i.id === item.id)!;
    expect(shown.reviewer?.id).toBe(lead.id);
    expect(shown.decision).toBeNull();
    expect(shown.history.map((h) => [h.type, h.note])).toEqual([
      ["created", null],
      ["reassigned", "I am on leave; Fallback knows this queue."],
      ["escalated", "Never heard of it."],
    ]);
    expect(shown.canDecide).toBe(true);
  });

  it("sends high-risk approvals to the second stage and asks for a justification to approve them", async () => {
    const { lead, owner, fallback, workflow } = await setup();
    const connector = await db.connector.create({ data: { name: unique("Payments"), kind: "api", system: "Stripe", actions: ["read", "write"], resourcePattern: "acct:*", sensitivity: "critical" } });
    const grant = await createApprovedGrant(workflow.id, connector.id);
    const created = await createCampaign(lead, campaignInput(connector.id, { secondStageReviewerId: fallback.id }), testRequestId());
    const item = await itemFor(created.id, grant.id);
    expect(item.highRisk).toBe(true);
    await expect(decideItems(owner, { campaignId: created.id, itemIds: [item.id], decision: "approve" }, testRequestId())).rejects.toMatchObject({
      fieldErrors: { justification: expect.stringMatching(/high-risk/) },
    });
    const first = await decideItems(owner, { campaignId: created.id, itemIds: [item.id], decision: "approve", justification: "Refunds need it." }, testRequestId());
    expect(first.outcomes[0]!.outcome).toBe("second_stage");
    expect(await itemFor(created.id, grant.id)).toMatchObject({ stage: 2, reviewerId: fallback.id, decision: null });
    await decideItems(fallback, { campaignId: created.id, itemIds: [item.id], decision: "approve", justification: "Confirmed with finance." }, testRequestId());
    expect(await itemFor(created.id, grant.id)).toMatchObject({ decision: "approve", decidedById: fallback.id });
  });

  it("bulk-decides with one justification, and says no information without log data", async () => {
    const { lead, owner, connector, workflow } = await setup();
    const grants = [await createApprovedGrant(workflow.id, connector.id), await createApprovedGrant(workflow.id, connector.id, { resources: ["ticket:hr/*"] })];
    const created = await createCampaign(lead, campaignInput(connector.id), testRequestId());
    const items = await db.reviewItem.findMany({ where: { campaignId: created.id } });
    expect(items.map((i) => i.recommendationReason)).toEqual(["no information: no log data", "no information: no log data"]);
    const accepted = await decideItems(owner, { campaignId: created.id, itemIds: items.map((i) => i.id), decision: "recommendation" }, testRequestId());
    expect(accepted).toMatchObject({ decided: 0, skipped: 2 });
    await decideItems(owner, { campaignId: created.id, itemIds: items.map((i) => i.id), decision: "deny", justification: "The pilot ended." }, testRequestId());
    const decided = await db.reviewItem.findMany({ where: { campaignId: created.id } });
    expect(decided.every((i) => i.decision === "deny" && i.justification === "The pilot ended." && i.followedRecommendation === null)).toBe(true);
    expect(grants).toHaveLength(2);
  });

  it("recurs: completing a quarterly campaign schedules one successor, which the clock launches when due", async () => {
    const { lead, connector, workflow } = await setup();
    await createApprovedGrant(workflow.id, connector.id);
    const created = await createCampaign(lead, campaignInput(connector.id, { recurrenceMonths: 3, closeDefault: "keep" }), testRequestId());
    const closed = await closeCampaign(lead, { campaignId: created.id }, testRequestId());
    expect(closed.nextCampaignId).toBeTruthy();
    await runReviewHousekeeping();
    expect(await db.reviewCampaign.count({ where: { previousCampaignId: created.id } })).toBe(1);
    const next = await db.reviewCampaign.findUniqueOrThrow({ where: { id: closed.nextCampaignId! } });
    expect(next.status).toBe("draft");
    const original = await db.reviewCampaign.findUniqueOrThrow({ where: { id: created.id } });
    expect(next.startsAt.getUTCMonth()).toBe((original.startsAt.getUTCMonth() + 3) % 12);
    await Promise.all([runReviewHousekeeping(new Date(next.startsAt.getTime() + 1000)), runReviewHousekeeping(new Date(next.startsAt.getTime() + 1000))]);
    const launched = await db.reviewCampaign.findUniqueOrThrow({ where: { id: next.id }, include: { _count: { select: { items: true } } } });
    expect(launched.status).toBe("active");
    expect(launched._count.items).toBe(1);
  });

  it("keeps a campaign that starts later as a draft until launched, and refuses a due date before the start", async () => {
    const { lead, connector, workflow } = await setup();
    await createApprovedGrant(workflow.id, connector.id);
    await expect(createCampaign(lead, campaignInput(connector.id, { startsAt: inDays(5), dueAt: inDays(4) }), testRequestId())).rejects.toMatchObject({
      fieldErrors: { dueAt: "Due date must be after the start date." },
    });
    const draft = await createCampaign(lead, campaignInput(connector.id, { startsAt: inDays(5), dueAt: inDays(20) }), testRequestId());
    expect(draft).toMatchObject({ status: "draft", items: null });
    expect(await db.reviewItem.count({ where: { campaignId: draft.id } })).toBe(0);
    expect(await launchCampaign(lead, { campaignId: draft.id }, testRequestId())).toMatchObject({ items: 1 });
    await expect(launchCampaign(lead, { campaignId: draft.id }, testRequestId())).rejects.toMatchObject({ code: "conflict" });
  });

  it("reviews credentials: recommendations from usage, no narrowing, and a denied credential is detached with its grants revoked", async () => {
    const { lead, owner, connector, workflow } = await setup();
    const used = await createTestCredential(connector.id, [workflow.id], { issuedAt: new Date(Date.now() - 200 * DAY_MS) });
    const unattached = await createTestCredential(connector.id, [], { issuedAt: new Date(Date.now() - 200 * DAY_MS) });
    await db.credential.update({ where: { id: used.id }, data: { ownerId: owner.id } });
    const grantOnUsed = await createApprovedGrant(workflow.id, connector.id);
    await db.grant.update({ where: { id: grantOnUsed.id }, data: { credentialId: used.id } });
    await logToolCalls(workflow.id, new Date(Date.now() - DAY_MS), [{ connector: connector.name, action: "read" }]);
    const created = await createCampaign(lead, campaignInput(connector.id, { scope: { subjects: ["credentials"], connectorIds: [connector.id] } }), testRequestId());
    expect(created.items).toBe(2);
    const usedItem = await db.reviewItem.findFirstOrThrow({ where: { campaignId: created.id, credentialId: used.id } });
    const unattachedItem = await db.reviewItem.findFirstOrThrow({ where: { campaignId: created.id, credentialId: unattached.id } });
    expect(usedItem).toMatchObject({ kind: "credential", reviewerId: owner.id, recommendation: "approve" });
    expect(unattachedItem).toMatchObject({ recommendation: "deny", recommendationReason: "deny: not attached to any workflow", reviewerId: lead.id });
    await expect(decideItems(owner, { campaignId: created.id, itemIds: [usedItem.id], decision: "modify", justification: "x", actions: ["read"] }, testRequestId())).rejects.toMatchObject({
      fieldErrors: { decision: expect.stringMatching(/cannot be narrowed/) },
    });
    await decideItems(owner, { campaignId: created.id, itemIds: [usedItem.id], decision: "deny", justification: "Replaced by a scoped key." }, testRequestId());
    const closed = await closeCampaign(lead, { campaignId: created.id }, testRequestId());
    expect(closed.results).toEqual({ applied: 2, failed: 0, object_gone: 0 });
    expect(await db.workflowCredential.count({ where: { credentialId: used.id } })).toBe(0);
    expect((await db.grant.findUniqueOrThrow({ where: { id: grantOnUsed.id } })).status).toBe("revoked");
    expect(await db.reviewItem.findUniqueOrThrow({ where: { id: usedItem.id } })).toMatchObject({ applyResult: "applied", applyDetail: expect.stringContaining("1 grant(s)") });
    // Close policy "keep": the undecided unattached credential is kept, against its recommendation.
    expect(await db.reviewItem.findUniqueOrThrow({ where: { id: unattachedItem.id } })).toMatchObject({ decision: "approve", decidedByDefault: true, followedRecommendation: false });
  });

  it("records 'failed' with the reason when a grant changed after the decision, and flags edited evidence", async () => {
    const { lead, owner, connector, workflow } = await setup();
    const grant = await createApprovedGrant(workflow.id, connector.id, { actions: ["read", "write"], resources: ["ticket:support/*"] });
    const created = await createCampaign(lead, campaignInput(connector.id), testRequestId());
    const item = await itemFor(created.id, grant.id);
    await decideItems(owner, { campaignId: created.id, itemIds: [item.id], decision: "modify", justification: "Read is enough.", actions: ["read"] }, testRequestId());
    // Meanwhile someone narrows the grant to another queue: the review's narrowing no longer fits.
    await db.grant.update({ where: { id: grant.id }, data: { resources: ["ticket:vip/*"] } });
    const closed = await closeCampaign(lead, { campaignId: created.id }, testRequestId());
    expect(closed.results).toEqual({ applied: 0, failed: 1, object_gone: 0 });
    expect(await itemFor(created.id, grant.id)).toMatchObject({ applyResult: "failed", applyDetail: expect.stringMatching(/changed since the decision/) });
    expect((await db.grant.findUniqueOrThrow({ where: { id: grant.id } })).actions).toEqual(["read", "write"]);

    const auditor = await createTestUser("auditor");
    expect(await getEvidence(auditor, created.id, "json", testRequestId())).toMatchObject({ verified: true });
    await db.reviewCampaign.update({ where: { id: created.id }, data: { evidenceJson: "{}" } });
    expect(await getEvidence(auditor, created.id, "json", testRequestId())).toMatchObject({ verified: false });
  });

  it("reminds reviewers before the due date and escalates to the owner once overdue, once each", async () => {
    const { lead, owner, connector, workflow } = await setup();
    await createApprovedGrant(workflow.id, connector.id);
    const created = await createCampaign(lead, campaignInput(connector.id, { dueAt: inDays(2) }), testRequestId());
    await runReviewHousekeeping();
    await runReviewHousekeeping();
    expect(await db.notification.count({ where: { userId: owner.id, dedupeKey: `review-reminder:${created.id}` } })).toBe(1);
    const later = inDays(3);
    await runReviewHousekeeping(later);
    expect(await db.notification.count({ where: { userId: lead.id, dedupeKey: `review-escalated:${created.id}` } })).toBe(1);
    expect(await db.notification.count({ where: { userId: owner.id, dedupeKey: `review-overdue:${created.id}` } })).toBe(1);
    expect((await getCampaign(lead, created.id, later))!.progress.overdue).toBe(1);
  });
});
