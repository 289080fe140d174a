import "server-only";
import { db } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { DataClassification, Environment, Sensitivity } from "@/lib/generated/prisma/enums";
import { credentialHealth } from "./credential-health";
import { credentialIdentifier } from "./credential-identifiers";
import { ORPHANED, type InventoryFilters, type InventoryType } from "./inventory-filters";
import { isOrphaned } from "./ownership";
import { ownerSummary } from "./people";
import { CONNECTOR_KIND_LABELS, CREDENTIAL_KIND_LABELS } from "./vocabulary";

// One list of everything in the inventory, filtered in the database. A filter that does not apply
// to a type (a workflow has no sensitivity, a connector no environment) leaves that type out.

export interface InventoryRow {
  type: InventoryType;
  id: string;
  name: string;
  href: string;
  kind: string;
  /** Workflow purpose, connector description, credential's connector. */
  summary: string;
  system: string | null;
  team: string | null;
  environment: Environment | null;
  status: string | null;
  owner: { id: string; name: string; email: string; active: boolean } | null;
  orphaned: boolean;
  sensitivity: Sensitivity | null;
  classification: DataClassification | null;
  models: string[];
  providers: string[];
  actions: string[];
  resourcePattern: string | null;
  identifier: string | null;
  issuedAt: Date | null;
  lastRotatedAt: Date | null;
  expiresAt: Date | null;
  rotationDueAt: Date | null;
  rotationOverdue: boolean | null;
  updatedAt: Date;
}

const contains = (q: string) => ({ contains: q, mode: "insensitive" as const });

/** Whether these filters can match a row of this type at all. */
const APPLIES: Record<InventoryType, (filters: InventoryFilters) => boolean> = {
  workflow: (f) => !f.sensitivity && f.status !== "expired",
  connector: (f) => !f.environment && !f.status && !f.owner && !f.classification,
  credential: (f) => !f.classification && (!f.status || f.status === "active" || f.status === "expired"),
};

const wants = (filters: InventoryFilters, type: InventoryType) => (!filters.type || filters.type === type) && APPLIES[type](filters);

function workflowWhere(filters: InventoryFilters): Prisma.WorkflowWhereInput {
  const and: Prisma.WorkflowWhereInput[] = [];
  if (filters.q) {
    and.push({ OR: [{ name: contains(filters.q) }, { purpose: contains(filters.q) }, { team: { is: { name: contains(filters.q) } } }, { providers: { has: filters.q } }, { models: { has: filters.q } }] });
  }
  if (filters.environment) and.push({ environment: filters.environment });
  if (filters.status && filters.status !== "expired") and.push({ status: filters.status });
  if (filters.classification) and.push({ dataClassification: filters.classification });
  if (filters.owner === ORPHANED) {
    // Same rule as ownership.ts: past draft and not retired, with no active owner.
    and.push({ status: { not: "retired" }, OR: [{ owner: { is: { active: false } } }, { ownerId: null, status: { not: "draft" } }] });
  } else if (filters.owner) {
    and.push({ ownerId: filters.owner });
  }
  return { AND: and };
}

function connectorWhere(filters: InventoryFilters): Prisma.ConnectorWhereInput {
  const and: Prisma.ConnectorWhereInput[] = [];
  if (filters.q) and.push({ OR: [{ name: contains(filters.q) }, { system: contains(filters.q) }, { description: contains(filters.q) }] });
  if (filters.sensitivity) and.push({ sensitivity: filters.sensitivity });
  return { AND: and };
}

function credentialWhere(filters: InventoryFilters, now: Date): Prisma.CredentialWhereInput {
  const and: Prisma.CredentialWhereInput[] = [];
  if (filters.q) {
    and.push({ OR: [{ name: contains(filters.q) }, { connector: { is: { OR: [{ name: contains(filters.q) }, { system: contains(filters.q) }] } } }] });
  }
  if (filters.environment) and.push({ environment: filters.environment });
  if (filters.status === "expired") and.push({ expiresAt: { lte: now } });
  else if (filters.status === "active") and.push({ OR: [{ expiresAt: null }, { expiresAt: { gt: now } }] });
  // A credential takes the sensitivity of the system it opens.
  if (filters.sensitivity) and.push({ connector: { is: { sensitivity: filters.sensitivity } } });
  if (filters.owner === ORPHANED) and.push({ OR: [{ ownerId: null }, { owner: { is: { active: false } } }] });
  else if (filters.owner) and.push({ ownerId: filters.owner });
  return { AND: and };
}

const EMPTY = { models: [], providers: [], actions: [], resourcePattern: null, identifier: null, issuedAt: null, lastRotatedAt: null, expiresAt: null, rotationDueAt: null, rotationOverdue: null };

export async function searchInventory(filters: InventoryFilters, now = new Date()): Promise<InventoryRow[]> {
  const [workflows, connectors, credentials] = await Promise.all([
    wants(filters, "workflow")
      ? db.workflow.findMany({ where: workflowWhere(filters), include: { owner: ownerSummary, team: { select: { name: true } } }, orderBy: { name: "asc" } })
      : [],
    wants(filters, "connector")
      ? db.connector.findMany({ where: connectorWhere(filters), orderBy: { name: "asc" } })
      : [],
    wants(filters, "credential")
      ? db.credential.findMany({ where: credentialWhere(filters, now), include: { owner: ownerSummary, connector: { select: { name: true, system: true, sensitivity: true } } }, orderBy: { name: "asc" } })
      : [],
  ]);

  const rows: InventoryRow[] = [];
  for (const w of workflows) {
    rows.push({
      ...EMPTY,
      type: "workflow", id: w.id, name: w.name, href: `/workflows/${w.id}`, kind: "Workflow", summary: w.purpose,
      system: w.providers.join(", ") || null, team: w.team?.name ?? null, environment: w.environment, status: w.status,
      owner: w.owner, orphaned: isOrphaned(w), sensitivity: null, classification: w.dataClassification,
      models: w.models, providers: w.providers, updatedAt: w.updatedAt,
    });
  }
  for (const c of connectors) {
    rows.push({
      ...EMPTY,
      type: "connector", id: c.id, name: c.name, href: `/connectors/${c.id}`, kind: CONNECTOR_KIND_LABELS[c.kind], summary: c.description,
      system: c.system, team: null, environment: null, status: null, owner: null, orphaned: false, sensitivity: c.sensitivity,
      classification: null, actions: c.actions, resourcePattern: c.resourcePattern, updatedAt: c.updatedAt,
    });
  }
  for (const c of credentials) {
    const health = credentialHealth(c, now);
    rows.push({
      ...EMPTY,
      type: "credential", id: c.id, name: c.name, href: `/credentials/${c.id}`, kind: CREDENTIAL_KIND_LABELS[c.kind],
      summary: c.connector ? `Credential for ${c.connector.name}` : "Credential not tied to a connector",
      system: c.connector?.system ?? null, team: null, environment: c.environment, status: health.expired ? "expired" : "active",
      owner: c.owner, orphaned: !c.owner?.active, sensitivity: c.connector?.sensitivity ?? null, classification: null,
      identifier: credentialIdentifier(c), issuedAt: c.issuedAt, lastRotatedAt: c.lastRotatedAt, expiresAt: c.expiresAt,
      rotationDueAt: health.rotationDueAt, rotationOverdue: health.rotationOverdue, updatedAt: c.updatedAt,
    });
  }
  return rows;
}
