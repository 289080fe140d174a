import "server-only";
import { z } from "zod";
import type { Actor } from "@/lib/auth/actor";
import { recordAudit } from "@/lib/audit/record";
import { db } from "@/lib/db/client";
import { ConflictError, NotFoundError } from "@/lib/errors";
import { sha256 } from "./evidence";

/**
 * A completed campaign's evidence file as written on completion. `verified` says whether its
 * SHA-256 still equals the one the audit trail recorded at completion. Each download is audited.
 */
export async function getEvidence(actor: Actor, campaignId: string, format: "json" | "csv", requestId: string) {
  if (!z.guid().safeParse(campaignId).success) throw new NotFoundError("That campaign");
  const campaign = await db.reviewCampaign.findUnique({
    where: { id: campaignId },
    select: { id: true, name: true, status: true, evidenceJson: true, evidenceCsv: true, evidenceJsonSha256: true, evidenceCsvSha256: true },
  });
  if (!campaign) throw new NotFoundError("That campaign");
  const body = format === "json" ? campaign.evidenceJson : campaign.evidenceCsv;
  if (campaign.status !== "completed" || body === null) throw new ConflictError("Evidence exists once the campaign has completed.");
  const completion = await db.auditEvent.findFirst({ where: { action: "review.complete", targetType: "review_campaign", targetId: campaign.id }, select: { after: true } });
  const recorded = (completion?.after as Record<string, unknown> | null)?.[format === "json" ? "evidenceJsonSha256" : "evidenceCsvSha256"];
  const hash = sha256(body);
  await db.$transaction((tx) =>
    recordAudit(tx, { actor, action: "review.evidence.download", target: { type: "review_campaign", id: campaign.id }, after: { format, sha256: hash }, requestId }),
  );
  const slug = campaign.name.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "") || "campaign";
  return { body, sha256: hash, verified: hash === recorded, filename: `access-review-${slug}-${campaign.id.slice(0, 8)}.${format}` };
}
