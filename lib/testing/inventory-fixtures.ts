import { db } from "@/lib/db/client";
import { unique } from "./factories";
import { DAY_MS } from "@/lib/grants/scope";

// Inventory rows for grant and findings tests, made straight in the database with unique names.

export async function createTestConnector(overrides: { actions?: string[]; name?: string } = {}) {
  return db.connector.create({
    data: {
      name: overrides.name ?? unique("Connector"),
      kind: "api",
      system: "Zendesk",
      actions: overrides.actions ?? ["read", "write", "send"],
      resourcePattern: "ticket:<queue>/*",
      sensitivity: "medium",
    },
  });
}

export async function createTestWorkflow(
  overrides: { ownerId?: string | null; approverIds?: string[]; environment?: "production" | "staging" | "development"; status?: "draft" | "active" | "suspended" | "retired" } = {},
) {
  const workflow = await db.workflow.create({
    data: {
      name: unique("Workflow"),
      purpose: "Test workflow",
      environment: overrides.environment ?? "production",
      dataClassification: "internal",
      status: overrides.status ?? "active",
      ownerId: overrides.ownerId ?? null,
    },
  });
  for (const userId of overrides.approverIds ?? []) await db.workflowApprover.create({ data: { workflowId: workflow.id, userId } });
  return workflow;
}

export async function createTestCredential(
  connectorId: string,
  workflowIds: string[],
  overrides: { environment?: "production" | "staging" | "development"; issuedAt?: Date; lastRotatedAt?: Date | null; expiresAt?: Date | null } = {},
) {
  const credential = await db.credential.create({
    data: {
      name: unique("credential"),
      kind: "api_key",
      connectorId,
      environment: overrides.environment ?? "production",
      lastFour: "abcd",
      issuedAt: overrides.issuedAt,
      lastRotatedAt: overrides.lastRotatedAt ?? null,
      expiresAt: overrides.expiresAt ?? null,
    },
  });
  for (const workflowId of workflowIds) await db.workflowCredential.create({ data: { workflowId, credentialId: credential.id } });
  return credential;
}

/** An approved grant written directly, bypassing validation, e.g. one already past its expiry. */
export async function createApprovedGrant(
  workflowId: string,
  connectorId: string,
  overrides: { expiresAt?: Date | null; resources?: string[]; actions?: string[]; mode?: "suggest" | "approve" | "autonomous"; requestedById?: string | null } = {},
) {
  const resources = overrides.resources ?? ["ticket:support/*"];
  const actions = overrides.actions ?? ["read"];
  const mode = overrides.mode ?? "approve";
  return db.grant.create({
    data: {
      workflowId,
      connectorId,
      resources,
      actions,
      mode,
      requestedResources: resources,
      requestedActions: actions,
      requestedMode: mode,
      justification: "Test grant",
      status: "approved",
      expiresAt: overrides.expiresAt === undefined ? new Date(Date.now() + 30 * DAY_MS) : overrides.expiresAt,
      requestedById: overrides.requestedById ?? null,
      decidedAt: new Date(),
    },
  });
}

export { DAY_MS };
export const inDays = (days: number) => new Date(Date.now() + days * DAY_MS);
