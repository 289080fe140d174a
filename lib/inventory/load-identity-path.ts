import "server-only";
import { db } from "@/lib/db/client";
import { NotFoundError } from "@/lib/errors";
import { liveGrantWhere } from "@/lib/grants/live-grants";
import { credentialIdentifier } from "./credential-identifiers";
import type { IdentityPathData } from "./identity-path";
import { isOrphaned } from "./ownership";
import { CREDENTIAL_KIND_LABELS } from "./vocabulary";

const person = { select: { name: true, active: true } } as const;

/**
 * What a workflow can reach, as plain data for the graph: its credentials (attached, or named by
 * a grant), the connectors they open, and the resources and actions its live grants allow.
 */
export async function loadIdentityPath(workflowId: string, now = new Date()): Promise<IdentityPathData> {
  const workflow = await db.workflow.findUnique({
    where: { id: workflowId },
    include: {
      owner: person,
      credentials: { include: { credential: { include: { owner: person } } } },
      grants: {
        where: liveGrantWhere(now),
        include: { credential: { include: { owner: person } }, requestedBy: person, decidedBy: person },
      },
    },
  });
  if (!workflow) throw new NotFoundError("Workflow");

  type CredentialRow = (typeof workflow.credentials)[number]["credential"];
  const credentials = new Map<string, { row: CredentialRow; attached: boolean }>();
  for (const { credential } of workflow.credentials) credentials.set(credential.id, { row: credential, attached: true });
  for (const grant of workflow.grants) {
    if (grant.credential && !credentials.has(grant.credential.id)) credentials.set(grant.credential.id, { row: grant.credential, attached: false });
  }

  const connectorIds = new Set<string>(workflow.grants.map((g) => g.connectorId));
  for (const { row } of credentials.values()) if (row.connectorId) connectorIds.add(row.connectorId);
  const connectors = await db.connector.findMany({
    where: { id: { in: [...connectorIds] } },
    select: { id: true, name: true, system: true, kind: true, sensitivity: true },
  });

  return {
    workflow: { id: workflow.id, name: workflow.name, status: workflow.status, ownerName: workflow.owner?.name ?? null, orphaned: isOrphaned(workflow) },
    credentials: [...credentials.values()].map(({ row, attached }) => ({
      id: row.id,
      name: row.name,
      kind: CREDENTIAL_KIND_LABELS[row.kind],
      identifier: credentialIdentifier(row),
      connectorId: row.connectorId,
      ownerName: row.owner?.name ?? null,
      ownerActive: row.owner?.active ?? false,
      expiresAt: row.expiresAt?.toISOString() ?? null,
      attached,
    })),
    connectors,
    grants: workflow.grants.map((grant) => ({
      id: grant.id,
      status: grant.status === "approved" ? "approved" : "requested",
      credentialId: grant.credentialId,
      connectorId: grant.connectorId,
      resources: grant.resources,
      actions: grant.actions,
      mode: grant.mode,
      expiresAt: grant.expiresAt?.toISOString() ?? null,
      ownerName: grant.credential?.owner?.name ?? workflow.owner?.name ?? null,
      decidedByName: grant.decidedBy?.name ?? null,
      requestedByName: grant.requestedBy?.name ?? null,
    })),
  };
}
