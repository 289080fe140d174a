import { OPEN_TRIAGE_STATUSES } from "@/lib/triage/status";
import "server-only";
import { z } from "zod";
import type { Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db/client";
import { getFindings } from "@/lib/findings/get-findings";
import { decideItemRefusal, reassignRefusal } from "./authority";
import { campaignScope } from "./campaign-input";
import { progressByReviewer, progressOf } from "./progress";
import { modifiedScopeShape, parseSnapshot, requesterOf } from "./snapshot";

export type CampaignDetail = NonNullable<Awaited<ReturnType<typeof getCampaign>>>;
export type CampaignItem = CampaignDetail["items"][number];

/** A campaign with every item's evidence, decision and history, and what the viewer may do. */
export async function getCampaign(actor: Actor, id: string, now = new Date()) {
  if (!z.guid().safeParse(id).success) return null;
  const campaign = await db.reviewCampaign.findUnique({
    where: { id },
    include: {
      owner: { select: { id: true, name: true } },
      fallbackReviewer: { select: { id: true, name: true } },
      secondStageReviewer: { select: { id: true, name: true } },
      previousCampaign: { select: { id: true, name: true } },
      nextCampaign: { select: { id: true, startsAt: true } },
      items: {
        orderBy: [{ subject: "asc" }, { id: "asc" }],
        include: {
          reviewer: { select: { id: true, name: true } },
          decidedBy: { select: { name: true } },
          grant: { select: { id: true, status: true, resources: true, actions: true, mode: true, expiresAt: true, credential: { select: { id: true, name: true } } } },
          events: { orderBy: [{ at: "asc" }, { id: "asc" }], include: { actor: { select: { name: true } } } },
        },
      },
    },
  });
  if (!campaign) return null;
  const workflowIds = [...new Set(campaign.items.map((i) => i.workflowId).filter((w): w is string => Boolean(w)))];
  const [findings, interactionFindings] = await Promise.all([
    campaign.status === "active" ? getFindings() : Promise.resolve([]),
    db.triageItem
      .groupBy({ by: ["workflowId"], where: { status: { in: [...OPEN_TRIAGE_STATUSES] }, workflowId: { in: workflowIds } }, _count: { _all: true } })
      .then((rows) => new Map(rows.flatMap((row) => (row.workflowId ? [[row.workflowId, row._count._all] as const] : [])))),
  ]);
  const open = campaign.status === "active";
  const reviewerNames = new Map(campaign.items.map((i) => [i.reviewerId, i.reviewer?.name ?? "Unassigned"]));
  return {
    id: campaign.id,
    name: campaign.name,
    description: campaign.description,
    status: campaign.status,
    scope: campaignScope.parse(campaign.scope),
    owner: campaign.owner,
    fallbackReviewer: campaign.fallbackReviewer,
    secondStageReviewer: campaign.secondStageReviewer,
    closeDefault: campaign.closeDefault,
    recurrenceMonths: campaign.recurrenceMonths,
    previousCampaign: campaign.previousCampaign,
    nextCampaign: campaign.nextCampaign,
    startsAt: campaign.startsAt,
    dueAt: campaign.dueAt,
    activatedAt: campaign.activatedAt,
    completedAt: campaign.completedAt,
    evidence: campaign.evidenceJsonSha256 ? { jsonSha256: campaign.evidenceJsonSha256, csvSha256: campaign.evidenceCsvSha256! } : null,
    progress: progressOf(campaign.items, campaign.dueAt, now, open),
    byReviewer: [...progressByReviewer(campaign.items, campaign.dueAt, now, open)].map(([reviewerId, counts]) => ({ reviewerId, name: reviewerNames.get(reviewerId) ?? "Unassigned", ...counts })),
    items: campaign.items.map((item) => {
      const snapshot = parseSnapshot(item);
      const context = { reviewerId: item.reviewerId, requestedById: requesterOf(item), campaignStatus: campaign.status };
      const decideWhyNot = decideItemRefusal(actor, context);
      return {
        id: item.id,
        subject: item.subject,
        grantId: item.grantId,
        workflowId: item.workflowId,
        grant: item.grant,
        snapshot,
        kind: item.kind,
        credentialId: item.credentialId,
        ageDays: Math.floor((now.getTime() - new Date(snapshot.kind === "grant" ? snapshot.grantedAt : (snapshot.lastRotatedAt ?? snapshot.issuedAt)).getTime()) / 86_400_000),
        highRisk: item.highRisk,
        stage: item.stage,
        reviewer: item.reviewer,
        recommendation: item.recommendation,
        recommendationReason: item.recommendationReason,
        recommendedActions: item.recommendedActions,
        decision: item.decision,
        justification: item.justification,
        modifiedScope: modifiedScopeShape.nullable().catch(null).parse(item.modifiedScope),
        decidedBy: item.decidedBy?.name ?? (item.decidedByDefault ? "Campaign policy" : null),
        decidedAt: item.decidedAt,
        decidedByDefault: item.decidedByDefault,
        followedRecommendation: item.followedRecommendation,
        applyResult: item.applyResult,
        applyDetail: item.applyDetail,
        findings: findings.filter((f) => item.workflowId && f.workflowIds.includes(item.workflowId)).map((f) => ({ id: f.id, title: f.title, severity: f.severity, href: f.fix.href })),
        openInteractionFindings: (item.workflowId && interactionFindings.get(item.workflowId)) || 0,
        history: item.events.map((e) => ({ id: e.id, type: e.type, at: e.at, actor: e.actor?.name ?? "Warden", note: e.note })),
        canDecide: decideWhyNot === null,
        decideRefusal: decideWhyNot,
        canReassign: reassignRefusal(actor, context) === null,
      };
    }),
  };
}
