import type { WorkflowStatus } from "@/lib/generated/prisma/enums";

// draft → active → suspended → retired. Retired is terminal: it is the record that the workflow
// existed and what it could reach, so it is never brought back (register a new one instead).
const NEXT_STATUSES: Record<WorkflowStatus, readonly WorkflowStatus[]> = {
  draft: ["active", "retired"],
  active: ["suspended", "retired"],
  suspended: ["active", "retired"],
  retired: [],
};

export function nextStatuses(from: WorkflowStatus): readonly WorkflowStatus[] {
  return NEXT_STATUSES[from];
}

export function canTransition(from: WorkflowStatus, to: WorkflowStatus): boolean {
  return NEXT_STATUSES[from].includes(to);
}

/** The button text for moving a workflow to a status. */
export const STATUS_ACTION_LABELS: Record<WorkflowStatus, string> = {
  draft: "Back to draft",
  active: "Activate",
  suspended: "Suspend",
  retired: "Retire",
};

/** "an active workflow", "a draft workflow": for messages that name a status. */
export function aStatus(status: WorkflowStatus): string {
  return `${/^[aeiou]/.test(status) ? "an" : "a"} ${status}`;
}
