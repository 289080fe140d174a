import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { actorUserId } from "@/lib/auth/actor";
import { recordAudit } from "@/lib/audit/record";
import { db } from "@/lib/db/client";
import { ValidationError, type FieldErrors } from "@/lib/errors";
import { parseInput } from "@/lib/grants/fields";
import { createCampaignInput, type CreateCampaignInput } from "./campaign-input";
import { launchInTx } from "./launch-campaign";

/**
 * Creates a campaign owned by its creator. One that starts now (or earlier) is launched at once:
 * its items are built in the same transaction. A later start stays a draft until the clock reaches it.
 */
export async function createCampaign(actor: Actor, rawInput: CreateCampaignInput, requestId: string, now = new Date()) {
  const input = parseInput(createCampaignInput, rawInput);
  const fieldErrors: FieldErrors = {};
  if (input.dueAt.getTime() <= now.getTime()) fieldErrors.dueAt = "Due date must be in the future.";
  const people = [input.fallbackReviewerId, input.secondStageReviewerId].filter((id): id is string => Boolean(id));
  const found = await db.user.findMany({ where: { id: { in: people }, active: true, role: { in: ["admin", "owner", "reviewer"] } }, select: { id: true } });
  if (input.fallbackReviewerId && !found.some((u) => u.id === input.fallbackReviewerId)) fieldErrors.fallbackReviewerId = "Choose an active person who may decide reviews.";
  if (input.secondStageReviewerId && !found.some((u) => u.id === input.secondStageReviewerId)) fieldErrors.secondStageReviewerId = "Choose an active person who may decide reviews.";
  if (Object.keys(fieldErrors).length > 0) throw new ValidationError("Some fields need attention.", fieldErrors);

  return db.$transaction(async (tx) => {
    const campaign = await tx.reviewCampaign.create({
      data: {
        name: input.name,
        description: input.description,
        scope: input.scope,
        ownerId: actorUserId(actor),
        fallbackReviewerId: input.fallbackReviewerId ?? null,
        secondStageReviewerId: input.secondStageReviewerId ?? null,
        closeDefault: input.closeDefault,
        recurrenceMonths: input.recurrenceMonths || null,
        startsAt: input.startsAt,
        dueAt: input.dueAt,
      },
    });
    await recordAudit(tx, {
      actor,
      action: "review.create",
      target: { type: "review_campaign", id: campaign.id },
      after: { name: campaign.name, scope: input.scope, startsAt: input.startsAt, dueAt: input.dueAt, closeDefault: input.closeDefault, recurrenceMonths: campaign.recurrenceMonths },
      requestId,
    });
    const items = input.startsAt.getTime() <= now.getTime() ? await launchInTx(tx, actor, campaign.id, requestId, now) : null;
    return { id: campaign.id, status: items === null ? ("draft" as const) : ("active" as const), items };
  });
}
