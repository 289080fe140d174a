import "server-only";
import { z } from "zod";
import type { Actor } from "@/lib/auth/actor";
import { recordAudit } from "@/lib/audit/record";
import { db, type Tx } from "@/lib/db/client";
import { ConflictError, NotFoundError } from "@/lib/errors";
import { idField, parseInput } from "@/lib/grants/fields";
import { notifyUsers } from "@/lib/notifications/notify";
import { buildItems } from "./build-items";
import { campaignScope } from "./campaign-input";

export const launchCampaignInput = z.object({ campaignId: idField("campaign") });

/**
 * draft → active, building the items. Conditional on still being a draft, so two instances (or a
 * person and the clock) launching at once build the items once. Returns null when it was not a draft.
 */
export async function launchInTx(tx: Tx, actor: Actor, campaignId: string, requestId: string, now: Date): Promise<number | null> {
  const { count } = await tx.reviewCampaign.updateMany({ where: { id: campaignId, status: "draft" }, data: { status: "active", activatedAt: now } });
  if (count === 0) return null;
  const campaign = await tx.reviewCampaign.findUniqueOrThrow({ where: { id: campaignId } });
  const items = await buildItems(tx, { id: campaign.id, ownerId: campaign.ownerId, fallbackReviewerId: campaign.fallbackReviewerId, scope: campaignScope.parse(campaign.scope) }, now);
  const reviewers = await tx.reviewItem.findMany({ where: { campaignId, reviewerId: { not: null } }, select: { reviewerId: true }, distinct: ["reviewerId"] });
  await notifyUsers(
    tx,
    reviewers.map((r) => r.reviewerId!),
    { kind: "review.launched", title: `You have grants to review in “${campaign.name}”, due ${campaign.dueAt.toISOString().slice(0, 10)}.`, href: `/reviews/${campaignId}`, dedupeKey: `review-launched:${campaignId}` },
  );
  await recordAudit(tx, { actor, action: "review.launch", target: { type: "review_campaign", id: campaignId }, before: { status: "draft" }, after: { status: "active", items }, requestId });
  return items;
}

/** Starts a draft campaign now rather than on its start date. */
export async function launchCampaign(actor: Actor, rawInput: z.input<typeof launchCampaignInput>, requestId: string, now = new Date()) {
  const input = parseInput(launchCampaignInput, rawInput);
  const campaign = await db.reviewCampaign.findUnique({ where: { id: input.campaignId }, select: { status: true } });
  if (!campaign) throw new NotFoundError("That campaign");
  return db.$transaction(async (tx) => {
    const items = await launchInTx(tx, actor, input.campaignId, requestId, now);
    if (items === null) throw new ConflictError(`Only a draft campaign can be launched; this one is ${campaign.status}.`);
    return { id: input.campaignId, items };
  });
}
