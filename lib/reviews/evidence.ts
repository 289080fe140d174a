import "server-only";
import { createHash } from "node:crypto";
import { db } from "@/lib/db/client";
import { toCsv, type CsvColumn, type CsvValue } from "@/lib/inventory/csv";

// The evidence of a completed campaign, for auditors: every item with its reviewer, decision,
// justification, timestamps, recommendation (and whether it was followed) and apply result. Written
// once on completion; the SHA-256 of each file is recorded in the audit trail (review.complete), so
// an auditor can check that what they downloaded is what was recorded.

type EvidenceRow = Awaited<ReturnType<typeof evidenceRows>>[number];

const column = (header: string, value: (row: EvidenceRow) => CsvValue): CsvColumn<EvidenceRow> => ({ header, value });
export const EVIDENCE_CSV_COLUMNS: CsvColumn<EvidenceRow>[] = [
  column("item_id", (r) => r.itemId),
  column("kind", (r) => r.kind),
  column("credential_id", (r) => r.credentialId),
  column("subject", (r) => r.subject),
  column("grant_id", (r) => r.grantId),
  column("resources", (r) => r.resources),
  column("actions", (r) => r.actions),
  column("mode", (r) => r.mode),
  column("high_risk", (r) => r.highRisk),
  column("reviewer", (r) => r.reviewer),
  column("decided_by", (r) => r.decidedBy),
  column("decision", (r) => r.decision),
  column("decided_by_default", (r) => r.decidedByDefault),
  column("justification", (r) => r.justification),
  column("decided_at", (r) => r.decidedAt),
  column("recommendation", (r) => r.recommendation),
  column("recommendation_reason", (r) => r.recommendationReason),
  column("followed_recommendation", (r) => (r.followedRecommendation === null ? "" : r.followedRecommendation)),
  column("apply_result", (r) => r.applyResult),
  column("apply_detail", (r) => r.applyDetail),
  column("applied_at", (r) => r.appliedAt),
];

export const sha256 = (text: string) => createHash("sha256").update(text, "utf8").digest("hex");

const iso = (d: Date | null) => d?.toISOString() ?? null;

async function evidenceRows(campaignId: string) {
  const items = await db.reviewItem.findMany({
    where: { campaignId },
    include: {
      reviewer: { select: { email: true } },
      decidedBy: { select: { email: true } },
      events: { orderBy: [{ at: "asc" }, { id: "asc" }], include: { actor: { select: { email: true } } } },
    },
    orderBy: [{ subject: "asc" }, { id: "asc" }],
  });
  const rows = items.map((item) => {
    const snapshot = item.snapshot as { resources?: string[]; actions?: string[]; mode?: string };
    return {
      itemId: item.id,
      kind: item.kind,
      credentialId: item.credentialId,
      subject: item.subject,
      grantId: item.grantId,
      resources: snapshot.resources ?? [],
      actions: snapshot.actions ?? [],
      mode: snapshot.mode ?? null,
      highRisk: item.highRisk,
      reviewer: item.reviewer?.email ?? null,
      decidedBy: item.decidedBy?.email ?? (item.decidedByDefault ? "campaign policy" : null),
      decision: item.decision,
      decidedByDefault: item.decidedByDefault,
      justification: item.justification,
      decidedAt: iso(item.decidedAt),
      modifiedScope: item.modifiedScope ?? null,
      recommendation: item.recommendation,
      recommendationReason: item.recommendationReason,
      followedRecommendation: item.followedRecommendation,
      applyResult: item.applyResult,
      applyDetail: item.applyDetail,
      appliedAt: iso(item.appliedAt),
      // JSON only: every step of the item (reassignments with their notes, escalations, stages).
      history: item.events.map((e) => ({ type: e.type, at: iso(e.at), by: e.actor?.email ?? "warden", note: e.note })),
    };
  });
  return rows;
}

export async function buildEvidence(campaignId: string, generatedAt: Date) {
  const campaign = await db.reviewCampaign.findUniqueOrThrow({ where: { id: campaignId }, include: { owner: { select: { email: true } } } });
  const rows = await evidenceRows(campaignId);
  const document = {
    campaign: {
      id: campaign.id,
      name: campaign.name,
      description: campaign.description,
      owner: campaign.owner?.email ?? null,
      scope: campaign.scope,
      closeDefault: campaign.closeDefault,
      startsAt: iso(campaign.startsAt),
      dueAt: iso(campaign.dueAt),
      activatedAt: iso(campaign.activatedAt),
      completedAt: iso(generatedAt),
    },
    items: rows,
  };
  const json = `${JSON.stringify(document, null, 2)}\n`;
  const csv = toCsv(EVIDENCE_CSV_COLUMNS, rows);
  return { json, csv, jsonSha256: sha256(json), csvSha256: sha256(csv) };
}
