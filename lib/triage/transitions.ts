import type { TriageStatus } from "@/lib/generated/prisma/client";
import { TRIAGE_STATUS_LABELS } from "./status";

// new → in review → escalated | false positive | resolved. An item can skip "in review"; an
// escalated one can go back to review; a closed one (false positive, resolved) can be reopened
// into review. Nothing returns to "new": it means nobody has looked yet.

export const NEXT_STATUSES: Record<TriageStatus, readonly TriageStatus[]> = {
  new: ["in_review", "escalated", "false_positive", "resolved"],
  in_review: ["escalated", "false_positive", "resolved"],
  escalated: ["in_review", "false_positive", "resolved"],
  false_positive: ["in_review"],
  resolved: ["in_review"],
};

/** Statuses a person can set (every status but "new"). */
export const SETTABLE_STATUSES = ["in_review", "escalated", "false_positive", "resolved"] as const satisfies readonly TriageStatus[];

export function canMove(from: TriageStatus, to: TriageStatus): boolean {
  return NEXT_STATUSES[from].includes(to);
}

/** Starting to look at a new item needs no reason; every other move says why. */
export function reasonRequired(from: TriageStatus, to: TriageStatus): boolean {
  return !(from === "new" && to === "in_review");
}

export function refusalFor(from: TriageStatus, to: TriageStatus): string | null {
  if (from === to) return `It is already ${TRIAGE_STATUS_LABELS[to]}.`;
  if (canMove(from, to)) return null;
  const hint = from === "false_positive" || from === "resolved" ? " Reopen it (In review) first." : "";
  return `${TRIAGE_STATUS_LABELS[from]} cannot become ${TRIAGE_STATUS_LABELS[to]}.${hint}`;
}
