import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { recordAudit } from "@/lib/audit/record";
import { db } from "@/lib/db/client";
import { Prisma } from "@/lib/generated/prisma/client";
import { addMonths } from "./dates";

/**
 * For a completed recurring campaign, creates its successor as a draft with the same scope and
 * people, starting and due `recurrenceMonths` later; the clock launches it on its start date.
 * Idempotent across instances: previous_campaign_id is unique, so a second attempt finds the first.
 */
export async function scheduleNextCampaign(campaignId: string, actor: Actor, requestId: string): Promise<string | null> {
  const campaign = await db.reviewCampaign.findUniqueOrThrow({ where: { id: campaignId }, include: { nextCampaign: { select: { id: true } } } });
  if (!campaign.recurrenceMonths || campaign.status !== "completed") return null;
  if (campaign.nextCampaign) return campaign.nextCampaign.id;
  try {
    return await db.$transaction(async (tx) => {
      const next = await tx.reviewCampaign.create({
        data: {
          name: campaign.name,
          description: campaign.description,
          scope: campaign.scope ?? {},
          ownerId: campaign.ownerId,
          fallbackReviewerId: campaign.fallbackReviewerId,
          secondStageReviewerId: campaign.secondStageReviewerId,
          closeDefault: campaign.closeDefault,
          recurrenceMonths: campaign.recurrenceMonths,
          previousCampaignId: campaign.id,
          startsAt: addMonths(campaign.startsAt, campaign.recurrenceMonths!),
          dueAt: addMonths(campaign.dueAt, campaign.recurrenceMonths!),
        },
      });
      await recordAudit(tx, {
        actor,
        action: "review.recur",
        target: { type: "review_campaign", id: next.id },
        after: { previousCampaignId: campaign.id, startsAt: next.startsAt, dueAt: next.dueAt },
        requestId,
      });
      return next.id;
    });
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      return (await db.reviewCampaign.findUnique({ where: { previousCampaignId: campaign.id }, select: { id: true } }))?.id ?? null;
    }
    throw error;
  }
}
