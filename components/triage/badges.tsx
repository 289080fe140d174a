import { Badge } from "@/components/ui";
import type { Severity, TriageStatus } from "@/lib/generated/prisma/client";
import { SEVERITY_LABELS, SEVERITY_TONES } from "@/lib/triage/labels";
import { TRIAGE_STATUS_LABELS } from "@/lib/triage/status";

// The same status or severity always gets the same word and colour, in the queue and on the page.

const STATUS_TONES: Record<TriageStatus, "neutral" | "good" | "warn" | "bad" | "info"> = {
  new: "info",
  in_review: "warn",
  escalated: "bad",
  false_positive: "neutral",
  resolved: "good",
};

export function TriageStatusBadge({ status }: { status: TriageStatus }) {
  return <Badge tone={STATUS_TONES[status]}>{TRIAGE_STATUS_LABELS[status]}</Badge>;
}

export function SeverityBadge({ severity }: { severity: Severity }) {
  return <Badge tone={SEVERITY_TONES[severity]}>{SEVERITY_LABELS[severity]}</Badge>;
}

/** What kind of relation holds a group together, from its key's prefix (lib/ingest sets the keys). */
export function groupKind(groupKey: string): string {
  const prefix = groupKey.slice(0, groupKey.indexOf(":"));
  switch (prefix) {
    case "secret":
      return "same leaked key";
    case "conversation":
      return "same conversation";
    case "workflow":
    case "rule":
      return "same workflow and rule";
    default:
      return "related";
  }
}
