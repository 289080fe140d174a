import "server-only";
import { db } from "@/lib/db/client";
import { progressOf, type ProgressCounts } from "./progress";

export interface CampaignSummary {
  id: string;
  name: string;
  status: "draft" | "active" | "closing" | "completed";
  owner: string | null;
  startsAt: Date;
  dueAt: Date;
  recurrenceMonths: number | null;
  progress: ProgressCounts;
  /** Items assigned to the viewer that still need their decision. */
  mine: number;
}

/** Every campaign, newest start first, with its progress; everyone with review:read sees them all. */
export async function listCampaigns(viewerId: string | null, now = new Date()): Promise<CampaignSummary[]> {
  const campaigns = await db.reviewCampaign.findMany({
    orderBy: [{ startsAt: "desc" }, { createdAt: "desc" }],
    take: 200,
    include: { owner: { select: { name: true } }, items: { select: { decision: true, reviewerId: true } } },
  });
  return campaigns.map((c) => {
    const progress = progressOf(c.items, c.dueAt, now, c.status === "active");
    return {
      id: c.id,
      name: c.name,
      status: c.status,
      owner: c.owner?.name ?? null,
      startsAt: c.startsAt,
      dueAt: c.dueAt,
      recurrenceMonths: c.recurrenceMonths,
      progress,
      mine: c.status === "active" ? c.items.filter((i) => i.reviewerId === viewerId && (i.decision === null || i.decision === "dont_know")).length : 0,
    };
  });
}
