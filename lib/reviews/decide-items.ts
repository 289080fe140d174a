import "server-only";
import { z } from "zod";
import type { Actor } from "@/lib/auth/actor";
import { recordAudit } from "@/lib/audit/record";
import { db, type Tx } from "@/lib/db/client";
import { ConflictError, ForbiddenError, NotFoundError, ValidationError, type FieldErrors } from "@/lib/errors";
import { actionsField, expiresAtField, idField, modeField, parseInput, reasonField, resourcesField } from "@/lib/grants/fields";
import { isSameScope, scopeReductionProblems, type Scope } from "@/lib/grants/scope";
import { decideItemRefusal } from "./authority";
import { parseSnapshot, requesterOf, type ModifiedScope } from "./snapshot";

export const REVIEW_DECISIONS = ["approve", "deny", "modify", "dont_know"] as const;
export type ReviewDecision = (typeof REVIEW_DECISIONS)[number];

export const decideItemsInput = z.object({
  campaignId: idField("campaign"),
  itemIds: z.array(idField("item")).min(1, "Choose at least one item.").max(500, "Too many items at once (500 at most)."),
  // "recommendation": take each item's recommendation (items without one are left undecided).
  decision: z.enum([...REVIEW_DECISIONS, "recommendation"], { message: "Choose approve, deny, modify, don't know, or accept the recommendation." }),
  justification: reasonField.optional(),
  // Modify only (one item at a time): the narrowed scope. An omitted field keeps what is granted.
  resources: resourcesField.optional(),
  actions: actionsField.optional(),
  mode: modeField.optional(),
  expiresAt: expiresAtField.optional(),
});
export type DecideItemsInput = z.input<typeof decideItemsInput>;

type LoadedItem = Awaited<ReturnType<typeof loadItems>>[number];

async function loadItems(campaignId: string, itemIds: string[]) {
  return db.reviewItem.findMany({
    where: { campaignId, id: { in: itemIds } },
    include: { campaign: { select: { id: true, name: true, status: true, ownerId: true, secondStageReviewerId: true } } },
  });
}

const toScope = (s: { resources: string[]; actions: string[]; mode: Scope["mode"]; expiresAt: string | null }): Scope => ({
  ...s,
  expiresAt: s.expiresAt ? new Date(s.expiresAt) : null,
});

/**
 * Records reviewers' decisions on one or many items with one justification. A justification is
 * required to deny, to modify, and to approve a high-risk item. High-risk approvals and
 * modifications move to the campaign's second stage when it has one; "don't know" escalates the
 * item to the campaign's owner.
 */
export async function decideItems(actor: Actor, rawInput: DecideItemsInput, requestId: string, now = new Date()) {
  const input = parseInput(decideItemsInput, rawInput);
  const items = await loadItems(input.campaignId, [...new Set(input.itemIds)]);
  if (items.length !== new Set(input.itemIds).size) throw new NotFoundError("One of those review items");
  for (const item of items) {
    const refusal = decideItemRefusal(actor, { reviewerId: item.reviewerId, requestedById: requesterOf(item), campaignStatus: item.campaign.status });
    if (refusal) throw new ForbiddenError(items.length > 1 ? `${item.subject}: ${refusal}` : refusal);
  }
  const justification = input.justification || null;
  const fieldErrors: FieldErrors = {};
  const plans: { item: LoadedItem; decision: ReviewDecision; justification: string | null; modified: ModifiedScope | null }[] = [];

  for (const item of items) {
    const snapshot = parseSnapshot(item);
    let decision: ReviewDecision;
    let reason = justification;
    let modified: ModifiedScope | null = null;
    if (input.decision === "recommendation") {
      if (item.recommendation === "no_information") continue;
      decision = item.recommendation;
      // Accepting a recommendation is justified by its reason unless the reviewer says more.
      reason = justification ?? `Accepted the recommendation: ${item.recommendationReason}`;
      if (decision === "modify" && snapshot.kind === "grant") modified = { resources: snapshot.resources, actions: item.recommendedActions, mode: snapshot.mode, expiresAt: snapshot.expiresAt };
    } else {
      decision = input.decision;
      if (decision === "modify") {
        if (snapshot.kind === "credential") {
          fieldErrors.decision = `${item.subject} is a credential: it cannot be narrowed, only approved or denied.`;
          break;
        }
        if (items.length > 1) {
          fieldErrors.decision = "Modify one item at a time: each grant narrows differently.";
          break;
        }
        modified = {
          resources: input.resources ?? snapshot.resources,
          actions: input.actions ?? snapshot.actions,
          mode: input.mode ?? snapshot.mode,
          expiresAt: input.expiresAt?.toISOString() ?? snapshot.expiresAt,
        };
      }
    }
    if (!reason && (decision === "deny" || decision === "modify" || (decision === "approve" && item.highRisk))) {
      fieldErrors.justification =
        decision === "approve" ? `Give a justification: ${item.subject} is high-risk, so approving it needs one.` : `Give a justification to ${decision === "deny" ? "deny (revoke)" : "modify"} a grant.`;
    }
    if (modified && snapshot.kind === "grant") {
      const problems = scopeReductionProblems(toScope(snapshot), toScope(modified));
      Object.assign(fieldErrors, problems);
      if (Object.keys(problems).length === 0 && isSameScope(toScope(snapshot), toScope(modified))) {
        fieldErrors.actions = "Modify must narrow something: drop an action or resource, lower the mode or shorten the expiry.";
      }
      if (modified.expiresAt && new Date(modified.expiresAt).getTime() <= now.getTime()) fieldErrors.expiresAt = "Expiry must be in the future.";
    }
    plans.push({ item, decision, justification: reason, modified });
  }
  if (Object.keys(fieldErrors).length > 0) throw new ValidationError("Some fields need attention.", fieldErrors);

  const actorId = actor.type === "user" ? actor.id : null;
  return db.$transaction(async (tx) => {
    // Holding the campaign row shared makes a concurrent close wait for this decision, or this
    // decision see that the campaign has started closing: none lands after the close policy ran.
    const [campaign] = await tx.$queryRaw<{ status: string }[]>`SELECT status::text AS status FROM review_campaigns WHERE id = ${input.campaignId}::uuid FOR SHARE`;
    if (campaign?.status !== "active") throw new ConflictError("This campaign is closing or closed; decisions can no longer change.");
    const outcomes: { itemId: string; outcome: "decided" | "second_stage" | "escalated" }[] = [];
    for (const plan of plans) outcomes.push({ itemId: plan.item.id, outcome: await recordDecision(tx, actor, actorId, plan, requestId, now) });
    const count = (outcome: string) => outcomes.filter((o) => o.outcome === outcome).length;
    return { decided: count("decided"), secondStage: count("second_stage"), escalated: count("escalated"), skipped: items.length - plans.length, outcomes };
  });
}

async function recordDecision(
  tx: Tx,
  actor: Actor,
  actorId: string | null,
  { item, decision, justification, modified }: { item: LoadedItem; decision: ReviewDecision; justification: string | null; modified: ModifiedScope | null },
  requestId: string,
  now: Date,
): Promise<"decided" | "second_stage" | "escalated"> {
  const requestedById = requesterOf(item);
  const audit = (after: Record<string, unknown>) =>
    recordAudit(tx, {
      actor,
      action: "review.decide",
      target: { type: "review_item", id: item.id },
      before: { decision: item.decision, stage: item.stage, reviewerId: item.reviewerId },
      after: { campaignId: item.campaignId, subject: item.subject, ...after },
      requestId,
    });

  if (decision === "dont_know") {
    const ownerId = item.campaign.ownerId;
    if (ownerId && ownerId !== item.reviewerId && ownerId !== actorId && ownerId !== requestedById) {
      await tx.reviewItem.update({ where: { id: item.id }, data: { reviewerId: ownerId, decision: null } });
      await tx.reviewItemEvent.create({ data: { itemId: item.id, type: "escalated", actorId, note: justification, at: now, details: { from: item.reviewerId, to: ownerId } } });
      await audit({ decision: "dont_know", escalatedTo: ownerId, justification });
      return "escalated";
    }
  }

  const secondStage = item.campaign.secondStageReviewerId;
  if (
    item.stage === 1 &&
    item.highRisk &&
    (decision === "approve" || decision === "modify") &&
    secondStage &&
    secondStage !== actorId &&
    secondStage !== requestedById
  ) {
    await tx.reviewItem.update({ where: { id: item.id }, data: { stage: 2, reviewerId: secondStage } });
    await tx.reviewItemEvent.create({
      data: { itemId: item.id, type: "first_stage_decided", actorId, note: justification, at: now, details: { decision, modifiedScope: modified, to: secondStage } },
    });
    await audit({ stage: 1, decision, justification, modifiedScope: modified, nextReviewerId: secondStage });
    return "second_stage";
  }

  const followed = item.recommendation === "no_information" ? null : item.recommendation === decision;
  await tx.reviewItem.update({
    where: { id: item.id },
    data: { decision, justification, modifiedScope: modified ?? undefined, decidedById: actorId, decidedAt: now, decidedByDefault: false, followedRecommendation: followed },
  });
  await tx.reviewItemEvent.create({ data: { itemId: item.id, type: "decided", actorId, note: justification, at: now, details: { decision, modifiedScope: modified, stage: item.stage } } });
  await audit({ decision, justification, modifiedScope: modified, followedRecommendation: followed });
  return "decided";
}
