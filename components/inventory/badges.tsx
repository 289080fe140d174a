import { Badge } from "@/components/ui";
import type { CredentialHealth } from "@/lib/inventory/credential-health";
import { humanize } from "@/lib/inventory/vocabulary";

// Small, consistent badges for inventory states: the same word always gets the same colour.

const STATUS_TONES: Record<string, "neutral" | "good" | "warn" | "bad" | "info"> = {
  draft: "neutral",
  active: "good",
  suspended: "warn",
  retired: "neutral",
  expired: "bad",
  approved: "good",
  requested: "info",
  rejected: "bad",
  revoked: "bad",
};

export function StatusBadge({ status }: { status: string }) {
  return <Badge tone={STATUS_TONES[status] ?? "neutral"}>{humanize(status)}</Badge>;
}

const LEVEL_TONES: Record<string, "neutral" | "good" | "warn" | "bad" | "info"> = {
  low: "neutral",
  public: "neutral",
  medium: "info",
  internal: "info",
  high: "warn",
  confidential: "warn",
  critical: "bad",
  restricted: "bad",
};

/** Connector sensitivity or workflow data classification. */
export function LevelBadge({ level }: { level: string }) {
  return <Badge tone={LEVEL_TONES[level] ?? "neutral"}>{level}</Badge>;
}

export function OrphanedBadge() {
  return <Badge tone="bad">orphaned</Badge>;
}

/** An owner's name, marked when they have left; "No owner" when nobody is named. */
export function OwnerName({ owner, orphaned = false }: { owner: { name: string; active: boolean } | null; orphaned?: boolean }) {
  return (
    <span className="inline-flex flex-wrap items-center gap-1.5">
      {owner ? <span className={owner.active ? "" : "text-slate-500 line-through"}>{owner.name}</span> : <span className="text-slate-500">No owner</span>}
      {owner && !owner.active && <Badge tone="warn">deactivated</Badge>}
      {orphaned && <OrphanedBadge />}
    </span>
  );
}

export function CredentialHealthBadges({ health }: { health: CredentialHealth }) {
  if (!health.expired && !health.rotationOverdue) return <Badge tone="good">ok</Badge>;
  return (
    <span className="inline-flex flex-wrap gap-1">
      {health.expired && <Badge tone="bad">expired</Badge>}
      {health.rotationOverdue && <Badge tone="warn">rotation overdue</Badge>}
    </span>
  );
}
