import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { Tx } from "@/lib/db/client";
import { DAY_MS } from "@/lib/grants/scope";
import type { CampaignScope } from "./campaign-input";
import { recommend, recommendCredential, UNUSED_DAYS } from "./recommend";
import { isHighRisk } from "./risk";
import { summarizeUsage } from "./usage";

// Launching a campaign: the approved grants in scope become items, each with a snapshot of its scope,
// its reviewer, and a recommendation from usage evidence.

export function grantWhere(scope: CampaignScope): Prisma.GrantWhereInput {
  return {
    status: "approved",
    ...(scope.connectorIds.length > 0 ? { connectorId: { in: scope.connectorIds } } : {}),
    ...(scope.workflowIds.length > 0 ? { workflowId: { in: scope.workflowIds } } : {}),
    workflow: {
      ...(scope.teamIds.length > 0 ? { teamId: { in: scope.teamIds } } : {}),
      ...(scope.environments.length > 0 ? { environment: { in: scope.environments } } : {}),
    },
    ...(scope.sensitivities.length > 0 ? { connector: { sensitivity: { in: scope.sensitivities } } } : {}),
  };
}

interface CampaignPeople {
  ownerId: string | null;
  fallbackReviewerId: string | null;
}

/**
 * The first-stage reviewer: the workflow's owner, else the fallback reviewer, else the campaign's
 * owner, skipping anyone who requested the grant (nobody certifies their own request) or has left.
 */
export function pickReviewer(candidates: ({ id: string; active: boolean } | null)[], requestedById: string | null): string | null {
  return candidates.find((person) => person && person.active && person.id !== requestedById)?.id ?? null;
}

export function credentialWhere(scope: CampaignScope): Prisma.CredentialWhereInput {
  const workflowFilter: Prisma.WorkflowWhereInput = {
    ...(scope.workflowIds.length > 0 ? { id: { in: scope.workflowIds } } : {}),
    ...(scope.teamIds.length > 0 ? { teamId: { in: scope.teamIds } } : {}),
  };
  const sensitivities = scope.highRiskOnly ? (scope.sensitivities.length > 0 ? scope.sensitivities.filter((s) => s === "high" || s === "critical") : ["high" as const, "critical" as const]) : scope.sensitivities;
  return {
    ...(scope.connectorIds.length > 0 ? { connectorId: { in: scope.connectorIds } } : {}),
    ...(scope.environments.length > 0 ? { environment: { in: scope.environments } } : {}),
    ...(scope.highRiskOnly || scope.sensitivities.length > 0 ? { connector: { sensitivity: { in: sensitivities } } } : {}),
    ...(Object.keys(workflowFilter).length > 0 ? { workflows: { some: { workflow: workflowFilter } } } : {}),
  };
}

/** Builds the campaign's items: its grants and/or credentials. Returns how many. */
export async function buildItems(tx: Tx, campaign: CampaignPeople & { id: string; scope: CampaignScope }, now: Date): Promise<number> {
  const grants = campaign.scope.subjects.includes("grants") ? await buildGrantItems(tx, campaign, now) : 0;
  const credentials = campaign.scope.subjects.includes("credentials") ? await buildCredentialItems(tx, campaign, now) : 0;
  return grants + credentials;
}

async function campaignPeople(tx: Tx, campaign: CampaignPeople) {
  const people = await tx.user.findMany({
    where: { id: { in: [campaign.fallbackReviewerId, campaign.ownerId].filter((id): id is string => Boolean(id)) } },
    select: { id: true, active: true },
  });
  return (id: string | null) => people.find((p) => p.id === id) ?? null;
}

async function buildCredentialItems(tx: Tx, campaign: CampaignPeople & { id: string; scope: CampaignScope }, now: Date): Promise<number> {
  const credentials = await tx.credential.findMany({
    where: credentialWhere(campaign.scope),
    include: {
      connector: { select: { id: true, name: true, sensitivity: true } },
      owner: { select: { id: true, active: true } },
      workflows: { select: { workflow: { select: { id: true, name: true, owner: { select: { id: true, active: true } } } } }, orderBy: { createdAt: "asc" } },
    },
    orderBy: { createdAt: "asc" },
  });
  if (credentials.length === 0) return 0;
  const person = await campaignPeople(tx, campaign);
  const since = new Date(now.getTime() - UNUSED_DAYS * DAY_MS);
  const interactions = await tx.interaction.findMany({
    where: { workflowId: { in: [...new Set(credentials.flatMap((c) => c.workflows.map((w) => w.workflow.id)))] }, occurredAt: { gte: since, lte: now } },
    select: { workflowId: true, occurredAt: true, toolCalls: true },
  });
  for (const credential of credentials) {
    const workflowIds = credential.workflows.map((w) => w.workflow.id);
    const logs = interactions.filter((i) => i.workflowId && workflowIds.includes(i.workflowId));
    // Calls through the credential's connector, on any resource, by a workflow that holds it.
    const usage = credential.connector ? summarizeUsage({ connector: credential.connector, resources: ["*"] }, logs) : { hasLogData: logs.length > 0, lastUsedAt: null, calls: 0, actionsUsed: [], resourcesUsed: [] };
    const advice = recommendCredential({ workflowCount: workflowIds.length, hasConnector: Boolean(credential.connector), since: credential.lastRotatedAt ?? credential.issuedAt, usage }, now);
    const reviewerId = pickReviewer([credential.owner, ...credential.workflows.map((w) => w.workflow.owner), person(campaign.fallbackReviewerId), person(campaign.ownerId)], null);
    const highRisk = credential.connector?.sensitivity === "high" || credential.connector?.sensitivity === "critical";
    const item = await tx.reviewItem.create({
      data: {
        campaignId: campaign.id,
        kind: "credential",
        credentialId: credential.id,
        workflowId: workflowIds[0] ?? null,
        subject: `Credential ${credential.name}`,
        snapshot: {
          credentialKind: credential.kind,
          connectorName: credential.connector?.name ?? null,
          connectorSensitivity: credential.connector?.sensitivity ?? null,
          environment: credential.environment,
          issuedAt: credential.issuedAt.toISOString(),
          lastRotatedAt: credential.lastRotatedAt?.toISOString() ?? null,
          expiresAt: credential.expiresAt?.toISOString() ?? null,
          rotationPolicyDays: credential.rotationPolicyDays,
          workflows: credential.workflows.map((w) => ({ id: w.workflow.id, name: w.workflow.name })),
          usage: { ...usage, lastUsedAt: usage.lastUsedAt?.toISOString() ?? null },
        },
        highRisk,
        reviewerId,
        recommendation: advice.recommendation,
        recommendationReason: advice.reason,
      },
    });
    await tx.reviewItemEvent.create({ data: { itemId: item.id, type: "created", at: now, details: { reviewerId, recommendation: advice.reason } } });
  }
  return credentials.length;
}

async function buildGrantItems(tx: Tx, campaign: CampaignPeople & { id: string; scope: CampaignScope }, now: Date): Promise<number> {
  const grants = await tx.grant.findMany({
    where: grantWhere(campaign.scope),
    include: {
      workflow: { select: { id: true, name: true, owner: { select: { id: true, active: true } } } },
      connector: { select: { id: true, name: true, sensitivity: true } },
    },
    orderBy: { createdAt: "asc" },
  });
  const selected = grants
    .map((grant) => ({ grant, highRisk: isHighRisk({ connectorSensitivity: grant.connector.sensitivity, mode: grant.mode, actions: grant.actions }) }))
    .filter(({ highRisk }) => !campaign.scope.highRiskOnly || highRisk);
  if (selected.length === 0) return 0;

  const person = await campaignPeople(tx, campaign);
  const since = new Date(now.getTime() - UNUSED_DAYS * DAY_MS);
  const interactions = await tx.interaction.findMany({
    where: { workflowId: { in: [...new Set(selected.map(({ grant }) => grant.workflowId))] }, occurredAt: { gte: since, lte: now } },
    select: { workflowId: true, occurredAt: true, toolCalls: true },
  });

  for (const { grant, highRisk } of selected) {
    const usage = summarizeUsage(
      { connector: grant.connector, resources: grant.resources },
      interactions.filter((i) => i.workflowId === grant.workflowId),
    );
    const advice = recommend({ actions: grant.actions, grantedAt: grant.decidedAt ?? grant.createdAt, usage }, now);
    const reviewerId = pickReviewer([grant.workflow.owner, person(campaign.fallbackReviewerId), person(campaign.ownerId)], grant.requestedById);
    const item = await tx.reviewItem.create({
      data: {
        campaignId: campaign.id,
        grantId: grant.id,
        workflowId: grant.workflowId,
        subject: `${grant.workflow.name} → ${grant.connector.name}`,
        snapshot: {
          resources: grant.resources,
          actions: grant.actions,
          mode: grant.mode,
          expiresAt: grant.expiresAt?.toISOString() ?? null,
          grantedAt: (grant.decidedAt ?? grant.createdAt).toISOString(),
          requestedById: grant.requestedById,
          connectorSensitivity: grant.connector.sensitivity,
          usage: { ...usage, lastUsedAt: usage.lastUsedAt?.toISOString() ?? null },
        },
        highRisk,
        reviewerId,
        recommendation: advice.recommendation,
        recommendationReason: advice.reason,
        recommendedActions: advice.actions,
      },
    });
    await tx.reviewItemEvent.create({ data: { itemId: item.id, type: "created", at: now, details: { reviewerId, recommendation: advice.reason } } });
  }
  return selected.length;
}
