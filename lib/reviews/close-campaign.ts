import "server-only";
import { z } from "zod";
import { SYSTEM_ACTOR, type Actor } from "@/lib/auth/actor";
import { recordAudit } from "@/lib/audit/record";
import { db } from "@/lib/db/client";
import { ConflictError, NotFoundError } from "@/lib/errors";
import { idField, parseInput } from "@/lib/grants/fields";
import { applyItemDecision } from "./apply-decision";
import { buildEvidence } from "./evidence";
import { scheduleNextCampaign } from "./recurrence";

export const closeCampaignInput = z.object({ campaignId: idField("campaign") });

const POLICY_WORDS = { keep: "keep", revoke: "revoke", recommendation: "follow the recommendation" } as const;

/**
 * active → closing → completed: undecided items get the campaign's default decision, every decision
 * is applied to its grant with a result per item, and the evidence is written and its SHA-256
 * recorded in the audit trail. A recurring campaign schedules its successor.
 */
export async function closeCampaign(actor: Actor, rawInput: z.input<typeof closeCampaignInput>, requestId: string, now = new Date()) {
  const input = parseInput(closeCampaignInput, rawInput);
  const campaign = await db.reviewCampaign.findUnique({ where: { id: input.campaignId }, select: { id: true, status: true } });
  if (!campaign) throw new NotFoundError("That campaign");
  await db.$transaction(async (tx) => {
    // Conditional: of two people closing at once, one wins and the other is told.
    const { count } = await tx.reviewCampaign.updateMany({ where: { id: campaign.id, status: "active" }, data: { status: "closing", closingAt: now } });
    if (count === 0) throw new ConflictError(`Only an active campaign can be closed; this one is ${campaign.status}.`);
    await recordAudit(tx, { actor, action: "review.close", target: { type: "review_campaign", id: campaign.id }, before: { status: "active" }, after: { status: "closing" }, requestId });
  });
  return finishClosing(actor, campaign.id, requestId, now);
}

/** The rest of closing; also resumed by housekeeping for a campaign left in "closing" by a crash. */
export async function finishClosing(actor: Actor, campaignId: string, requestId: string, now = new Date()) {
  const campaign = await db.reviewCampaign.findUniqueOrThrow({ where: { id: campaignId } });
  const undecided = await db.reviewItem.findMany({ where: { campaignId, OR: [{ decision: null }, { decision: "dont_know" }] } });
  if (undecided.length > 0) {
    await db.$transaction(async (tx) => {
      for (const item of undecided) {
        const decision =
          campaign.closeDefault === "revoke" ? "deny" : campaign.closeDefault === "recommendation" && item.recommendation !== "no_information" ? item.recommendation : "approve";
        const justification = `Undecided when the campaign closed; the campaign's policy is to ${POLICY_WORDS[campaign.closeDefault]}.`;
        const modifiedScope =
          decision === "modify" ? { ...(item.snapshot as { resources: string[]; mode: string; expiresAt: string | null }), actions: item.recommendedActions } : undefined;
        const followed = item.recommendation === "no_information" ? null : item.recommendation === decision;
        await tx.reviewItem.update({
          where: { id: item.id },
          data: { decision, justification, modifiedScope: modifiedScope && { resources: modifiedScope.resources, actions: modifiedScope.actions, mode: modifiedScope.mode, expiresAt: modifiedScope.expiresAt }, decidedById: null, decidedAt: now, decidedByDefault: true, followedRecommendation: followed },
        });
        await tx.reviewItemEvent.create({ data: { itemId: item.id, type: "default_decided", note: justification, at: now, details: { decision } } });
      }
      await recordAudit(tx, { actor, action: "review.default_decisions", target: { type: "review_campaign", id: campaignId }, after: { policy: campaign.closeDefault, items: undecided.length }, requestId });
    });
  }

  const toApply = await db.reviewItem.findMany({ where: { campaignId, applyResult: null }, orderBy: { createdAt: "asc" } });
  const results = { applied: 0, failed: 0, object_gone: 0 };
  for (const item of toApply) {
    const outcome = await applyItemDecision(actor, { id: campaign.id, name: campaign.name }, { ...item, decision: item.decision ?? "approve" }, requestId, now);
    results[outcome.result] += 1;
  }

  const evidence = await buildEvidence(campaignId, now);
  await db.$transaction(async (tx) => {
    const { count } = await tx.reviewCampaign.updateMany({
      where: { id: campaignId, status: "closing" },
      data: { status: "completed", completedAt: now, evidenceJson: evidence.json, evidenceCsv: evidence.csv, evidenceJsonSha256: evidence.jsonSha256, evidenceCsvSha256: evidence.csvSha256 },
    });
    if (count === 0) throw new ConflictError("This campaign was completed a moment ago.");
    await recordAudit(tx, {
      actor,
      action: "review.complete",
      target: { type: "review_campaign", id: campaignId },
      before: { status: "closing" },
      after: { status: "completed", results, evidenceJsonSha256: evidence.jsonSha256, evidenceCsvSha256: evidence.csvSha256 },
      requestId,
    });
  });
  const next = await scheduleNextCampaign(campaignId, SYSTEM_ACTOR, requestId);
  return { id: campaignId, status: "completed" as const, results, evidenceJsonSha256: evidence.jsonSha256, nextCampaignId: next };
}
