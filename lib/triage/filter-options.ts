import "server-only";
import { db } from "@/lib/db/client";
import { listAssignees } from "./update-items";

// The people, workflows and teams the queue's filters offer (their counts come from facets.ts).

export interface QueueFilterOptions {
  workflows: { id: string; name: string }[];
  owners: { id: string; name: string }[];
  teams: { id: string; name: string }[];
  assignees: { id: string; name: string; email: string }[];
}

export async function queueFilterOptions(): Promise<QueueFilterOptions> {
  const [workflows, teams, assignees] = await Promise.all([
    db.workflow.findMany({ select: { id: true, name: true, owner: { select: { id: true, name: true } } }, orderBy: { name: "asc" } }),
    db.team.findMany({ select: { id: true, name: true }, orderBy: { name: "asc" } }),
    listAssignees(),
  ]);
  const owners = new Map<string, string>();
  for (const workflow of workflows) if (workflow.owner) owners.set(workflow.owner.id, workflow.owner.name);
  return {
    workflows: workflows.map(({ id, name }) => ({ id, name })),
    owners: [...owners].map(([id, name]) => ({ id, name })).sort((a, b) => a.name.localeCompare(b.name)),
    teams,
    assignees,
  };
}
