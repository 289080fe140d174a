import "server-only";
import { db } from "@/lib/db/client";

/** What the campaign form offers: connectors, workflows, teams, and people who may decide reviews. */
export async function getCampaignFormOptions() {
  const [connectors, workflows, teams, reviewers] = await Promise.all([
    db.connector.findMany({ select: { id: true, name: true, system: true }, orderBy: { name: "asc" } }),
    db.workflow.findMany({ select: { id: true, name: true }, orderBy: { name: "asc" } }),
    db.team.findMany({ select: { id: true, name: true }, orderBy: { name: "asc" } }),
    db.user.findMany({ where: { active: true, role: { in: ["admin", "owner", "reviewer"] } }, select: { id: true, name: true, email: true, active: true }, orderBy: { name: "asc" } }),
  ]);
  return { connectors, workflows, teams, reviewers };
}
export type CampaignFormOptions = Awaited<ReturnType<typeof getCampaignFormOptions>>;

/** The form's starting dates: today, and a due date two weeks on. */
export function campaignFormDates(now = new Date()) {
  return { today: now.toISOString().slice(0, 10), defaultDue: new Date(now.getTime() + 14 * 86_400_000).toISOString().slice(0, 10) };
}
