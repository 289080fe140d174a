import type { TriageStatus } from "@/lib/generated/prisma/client";

// The analysts' statuses for a flagged interaction: new → in review → escalated | false positive | resolved.

export const TRIAGE_STATUSES = ["new", "in_review", "escalated", "false_positive", "resolved"] as const satisfies readonly TriageStatus[];

/** Still someone's work: counted as open on the overview, the dashboard and in access-review evidence. */
export const OPEN_TRIAGE_STATUSES = ["new", "in_review", "escalated"] as const satisfies readonly TriageStatus[];

export const TRIAGE_STATUS_LABELS: Record<TriageStatus, string> = {
  new: "New",
  in_review: "In review",
  escalated: "Escalated",
  false_positive: "False positive",
  resolved: "Resolved",
};
