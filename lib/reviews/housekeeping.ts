import "server-only";
import { randomUUID } from "node:crypto";
import { SYSTEM_ACTOR } from "@/lib/auth/actor";
import { db } from "@/lib/db/client";
import { DAY_MS } from "@/lib/grants/scope";
import { finishClosing } from "./close-campaign";
import { launchInTx } from "./launch-campaign";
import { scheduleNextCampaign } from "./recurrence";

/** Reviewers hear about their open items this many days before the due date. */
export const REMINDER_DAYS = 3;
/** A campaign still "closing" after this long was interrupted (a crash); the clock finishes it. */
const STUCK_CLOSING_MS = 10 * 60_000;

const undecided = { OR: [{ decision: null }, { decision: "dont_know" as const }] };

/**
 * What the clock does to campaigns, every minute on every instance and before campaigns are read:
 * launch drafts whose start has come, remind reviewers before the due date, escalate overdue
 * campaigns to their owner, finish an interrupted close, and schedule recurring successors. Each
 * step is idempotent: conditional updates, unique keys and notification dedupe keys.
 */
export async function runReviewHousekeeping(now = new Date()) {
  const requestId = `review-clock-${randomUUID()}`;
  let launched = 0;
  const drafts = await db.reviewCampaign.findMany({ where: { status: "draft", startsAt: { lte: now } }, select: { id: true } });
  for (const draft of drafts) {
    const items = await db.$transaction((tx) => launchInTx(tx, SYSTEM_ACTOR, draft.id, requestId, now));
    if (items !== null) launched += 1;
  }

  let notified = 0;
  const active = await db.reviewCampaign.findMany({
    where: { status: "active", dueAt: { lte: new Date(now.getTime() + REMINDER_DAYS * DAY_MS) } },
    select: { id: true, name: true, dueAt: true, ownerId: true },
  });
  for (const campaign of active) {
    const open = await db.reviewItem.groupBy({ by: ["reviewerId"], where: { campaignId: campaign.id, ...undecided }, _count: { _all: true } });
    if (open.length === 0) continue;
    const overdue = campaign.dueAt.getTime() <= now.getTime();
    const day = campaign.dueAt.toISOString().slice(0, 10);
    const reviewerRows = open.flatMap((row) =>
      row.reviewerId
        ? [
            {
              userId: row.reviewerId,
              kind: overdue ? "review.overdue" : "review.reminder",
              title: overdue
                ? `“${campaign.name}” is overdue: ${row._count._all} of your items are still undecided.`
                : `“${campaign.name}” is due on ${day}: ${row._count._all} of your items are still undecided.`,
              href: `/reviews/${campaign.id}`,
              dedupeKey: `${overdue ? "review-overdue" : "review-reminder"}:${campaign.id}`,
            },
          ]
        : [],
    );
    const remaining = open.reduce((sum, row) => sum + row._count._all, 0);
    const ownerRows =
      overdue && campaign.ownerId
        ? [
            {
              userId: campaign.ownerId,
              kind: "review.escalated",
              title: `“${campaign.name}” passed its due date with ${remaining} undecided items: chase the reviewers or close it.`,
              href: `/reviews/${campaign.id}`,
              dedupeKey: `review-escalated:${campaign.id}`,
            },
          ]
        : [];
    const result = await db.notification.createMany({ data: [...reviewerRows, ...ownerRows], skipDuplicates: true });
    notified += result.count;
  }

  const stuck = await db.reviewCampaign.findMany({
    where: { status: "closing", closingAt: { lte: new Date(now.getTime() - STUCK_CLOSING_MS) } },
    select: { id: true },
  });
  for (const campaign of stuck) await finishClosing(SYSTEM_ACTOR, campaign.id, requestId, now).catch((error) => console.error(`[${requestId}] finishing ${campaign.id} failed`, error));

  const recurring = await db.reviewCampaign.findMany({ where: { status: "completed", recurrenceMonths: { not: null }, nextCampaign: null }, select: { id: true } });
  for (const campaign of recurring) await scheduleNextCampaign(campaign.id, SYSTEM_ACTOR, requestId);

  return { launched, notified, recurred: recurring.length };
}
