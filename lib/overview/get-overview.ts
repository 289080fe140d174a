import { OPEN_TRIAGE_STATUSES } from "@/lib/triage/status";
import "server-only";
import { db } from "@/lib/db/client";
import { countOpenFindings } from "@/lib/findings/get-findings";
import { activeGrantWhere, liveGrantWhere } from "@/lib/grants/live-grants";

export interface Overview {
  workflows: { total: number; byStatus: Record<string, number> };
  connectors: number;
  credentials: number;
  grants: { active: number; pending: number };
  grantsByMode: { mode: "suggest" | "approve" | "autonomous"; approved: number; requested: number }[];
  openInteractionFindings: number;
  leastPrivilegeFindings: number;
  auditEvents: number;
}

/** Counts for the overview page, straight from the database. */
export async function getOverview(): Promise<Overview> {
  const now = new Date();
  const [byStatus, connectors, credentials, activeGrants, pendingGrants, openInteractionFindings, auditEvents, modeRows, leastPrivilegeFindings] = await Promise.all([
    db.workflow.groupBy({ by: ["status"], _count: { _all: true } }),
    db.connector.count(),
    db.credential.count(),
    db.grant.count({ where: activeGrantWhere(now) }),
    db.grant.count({ where: { status: "requested" } }),
    db.triageItem.count({ where: { status: { in: [...OPEN_TRIAGE_STATUSES] } } }),
    db.auditEvent.count(),
    db.grant.groupBy({
      by: ["mode", "status"],
      where: liveGrantWhere(now),
      _count: { _all: true },
    }),
    countOpenFindings(),
  ]);
  const countFor = (mode: string, status: string) => modeRows.find((r) => r.mode === mode && r.status === status)?._count._all ?? 0;
  const statusCounts = Object.fromEntries(byStatus.map((row) => [row.status, row._count._all]));
  return {
    workflows: { total: byStatus.reduce((sum, row) => sum + row._count._all, 0), byStatus: statusCounts },
    connectors,
    credentials,
    grants: { active: activeGrants, pending: pendingGrants },
    grantsByMode: (["suggest", "approve", "autonomous"] as const).map((mode) => ({
      mode,
      approved: countFor(mode, "approved"),
      requested: countFor(mode, "requested"),
    })),
    openInteractionFindings,
    leastPrivilegeFindings,
    auditEvents,
  };
}
