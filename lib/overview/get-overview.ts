import "server-only";
import { db } from "@/lib/db/client";

export interface Overview {
  workflows: { total: number; byStatus: Record<string, number> };
  connectors: number;
  credentials: number;
  grants: { active: number; pending: number };
  openInteractionFindings: number;
  auditEvents: number;
}

/** Counts for the overview page, straight from the database. */
export async function getOverview(): Promise<Overview> {
  const now = new Date();
  const [byStatus, connectors, credentials, activeGrants, pendingGrants, openInteractionFindings, auditEvents] = await Promise.all([
    db.workflow.groupBy({ by: ["status"], _count: { _all: true } }),
    db.connector.count(),
    db.credential.count(),
    db.grant.count({ where: { status: "approved", OR: [{ expiresAt: null }, { expiresAt: { gt: now } }] } }),
    db.grant.count({ where: { status: "requested" } }),
    db.interactionFinding.count({ where: { status: { in: ["open", "triaged"] } } }),
    db.auditEvent.count(),
  ]);
  const statusCounts = Object.fromEntries(byStatus.map((row) => [row.status, row._count._all]));
  return {
    workflows: { total: byStatus.reduce((sum, row) => sum + row._count._all, 0), byStatus: statusCounts },
    connectors,
    credentials,
    grants: { active: activeGrants, pending: pendingGrants },
    openInteractionFindings,
    auditEvents,
  };
}
