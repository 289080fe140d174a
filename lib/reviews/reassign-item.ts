import "server-only";
import { z } from "zod";
import type { Actor } from "@/lib/auth/actor";
import { recordAudit } from "@/lib/audit/record";
import { db } from "@/lib/db/client";
import { ForbiddenError, NotFoundError, ValidationError } from "@/lib/errors";
import { idField, parseInput, reasonField } from "@/lib/grants/fields";
import { notifyUsers } from "@/lib/notifications/notify";
import { reassignRefusal } from "./authority";
import { requesterOf } from "./snapshot";

export const reassignItemInput = z.object({
  itemId: idField("item"),
  reviewerId: idField("reviewer"),
  note: reasonField.min(1, "Say why you are reassigning this item; the note stays in its history."),
});
export type ReassignItemInput = z.input<typeof reassignItemInput>;

/** Hands an item to another reviewer, with a note kept in the item's history. */
export async function reassignItem(actor: Actor, rawInput: ReassignItemInput, requestId: string, now = new Date()) {
  const input = parseInput(reassignItemInput, rawInput);
  const item = await db.reviewItem.findUnique({ where: { id: input.itemId }, include: { campaign: { select: { id: true, name: true, status: true } } } });
  if (!item) throw new NotFoundError("That review item");
  const requestedById = requesterOf(item);
  const refusal = reassignRefusal(actor, { reviewerId: item.reviewerId, requestedById, campaignStatus: item.campaign.status });
  if (refusal) throw new ForbiddenError(refusal);
  const reviewer = await db.user.findFirst({ where: { id: input.reviewerId, active: true, role: { in: ["admin", "owner", "reviewer"] } }, select: { id: true, name: true } });
  if (!reviewer) throw new ValidationError("Some fields need attention.", { reviewerId: "Choose an active person who may decide reviews." });
  if (reviewer.id === requestedById) {
    throw new ValidationError("Some fields need attention.", { reviewerId: `${reviewer.name} requested this grant, so cannot review it (separation of duties).` });
  }
  if (reviewer.id === item.reviewerId) throw new ValidationError("Some fields need attention.", { reviewerId: `${reviewer.name} already reviews this item.` });

  const actorId = actor.type === "user" ? actor.id : null;
  return db.$transaction(async (tx) => {
    await tx.reviewItem.update({ where: { id: item.id }, data: { reviewerId: reviewer.id } });
    await tx.reviewItemEvent.create({ data: { itemId: item.id, type: "reassigned", actorId, note: input.note, at: now, details: { from: item.reviewerId, to: reviewer.id } } });
    await recordAudit(tx, {
      actor,
      action: "review.reassign",
      target: { type: "review_item", id: item.id },
      before: { reviewerId: item.reviewerId },
      after: { reviewerId: reviewer.id, note: input.note },
      requestId,
    });
    await notifyUsers(tx, [reviewer.id], {
      kind: "review.assigned",
      title: `You were asked to review ${item.subject} in “${item.campaign.name}”.`,
      href: `/reviews/${item.campaign.id}`,
      dedupeKey: `review-assigned:${item.id}:${now.getTime()}`,
    });
    return { id: item.id, reviewerId: reviewer.id };
  });
}
