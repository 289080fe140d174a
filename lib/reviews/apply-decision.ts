import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { recordAudit } from "@/lib/audit/record";
import { db, type Tx } from "@/lib/db/client";
import { notifyGrantRevoked } from "@/lib/grants/grant-notifications";
import { scopeReductionProblems, type Scope } from "@/lib/grants/scope";
import { modifiedScopeShape } from "./snapshot";

// Applying one item's final decision to its grant, for real: deny revokes, modify narrows, approve
// certifies. Each item gets its own transaction and its own result (applied, failed with a reason,
// object gone), so one grant that changed meanwhile does not stop the rest.

export type ApplyOutcome = { result: "applied" | "failed" | "object_gone"; detail: string };

interface ApplyItem {
  id: string;
  kind: "grant" | "credential";
  grantId: string | null;
  credentialId: string | null;
  decision: "approve" | "deny" | "modify" | "dont_know";
  justification: string | null;
  modifiedScope: unknown;
  decidedById: string | null;
}

export async function applyItemDecision(actor: Actor, campaign: { id: string; name: string }, item: ApplyItem, requestId: string, now: Date): Promise<ApplyOutcome> {
  const reviewLabel = `Access review “${campaign.name}”`;
  const record = async (tx: Tx, outcome: ApplyOutcome) => {
    await tx.reviewItem.update({ where: { id: item.id }, data: { applyResult: outcome.result, applyDetail: outcome.detail, appliedAt: now } });
    await tx.reviewItemEvent.create({ data: { itemId: item.id, type: `apply_${outcome.result}`, note: outcome.detail, at: now } });
    await recordAudit(tx, { actor, action: "review.apply", target: { type: "review_item", id: item.id }, after: { decision: item.decision, ...outcome }, requestId });
    return outcome;
  };
  try {
    // The grant change and the item's result commit together: never one without the other.
    return await db.$transaction(async (tx) => record(tx, await applyInTx(tx)));
  } catch (error) {
    console.error(`[${requestId}] applying review item ${item.id} failed`, error);
    return db.$transaction(async (tx) => record(tx, { result: "failed", detail: "Warden could not apply this decision; see the server log for the request id." }));
  }

  async function applyInTx(tx: Tx): Promise<ApplyOutcome> {
    if (item.kind === "credential") return applyToCredential(tx);
    const grant = item.grantId
      ? await tx.grant.findUnique({ where: { id: item.grantId }, include: { workflow: { select: { name: true, ownerId: true } }, connector: { select: { name: true } } } })
      : null;
    let result: ApplyOutcome;
    if (!grant) result = { result: "object_gone", detail: "The grant no longer exists." };
    else if (grant.status !== "approved") result = { result: "object_gone", detail: `The grant is no longer active (it is ${grant.status}).` };
    else if (item.decision === "approve" || item.decision === "dont_know") result = { result: "applied", detail: "Certified; the grant stays as it is." };
    else {
      const scope = { resources: grant.resources, actions: grant.actions, mode: grant.mode, expiresAt: grant.expiresAt?.toISOString() ?? null };
      const reason = `${reviewLabel}: ${item.justification ?? "no justification recorded"}`;
      const details = { ...scope, accessReview: { campaignId: campaign.id, campaignName: campaign.name, itemId: item.id } };
      if (item.decision === "deny") {
        const { count } = await tx.grant.updateMany({ where: { id: grant.id, status: "approved" }, data: { status: "revoked" } });
        if (count === 0) return { result: "object_gone", detail: "The grant changed while being revoked." };
        await tx.grantEvent.create({ data: { grantId: grant.id, type: "revoked", actorId: item.decidedById, reason, at: now, details } });
        await recordAudit(tx, { actor, action: "grant.revoke", target: { type: "grant", id: grant.id }, before: { status: "approved", ...scope }, after: { status: "revoked", reason, reviewItemId: item.id }, requestId });
        await notifyGrantRevoked(
          tx,
          { id: grant.id, workflowId: grant.workflowId, workflowName: grant.workflow.name, connectorName: grant.connector.name, requestedById: grant.requestedById, ownerId: grant.workflow.ownerId },
          item.decidedById,
        );
        result = { result: "applied", detail: "Revoked." };
      } else {
        const parsed = modifiedScopeShape.safeParse(item.modifiedScope);
        if (!parsed.success) return { result: "failed", detail: "The decision has no narrowed scope to apply." };
        const current: Scope = { ...scope, expiresAt: grant.expiresAt };
        const narrowed: Scope = { ...parsed.data, expiresAt: parsed.data.expiresAt ? new Date(parsed.data.expiresAt) : null };
        const problems = Object.values(scopeReductionProblems(current, narrowed));
        if (problems.length > 0) return { result: "failed", detail: `The grant changed since the decision: ${problems.join(" ")}` };
        if (narrowed.expiresAt && narrowed.expiresAt.getTime() <= now.getTime()) return { result: "failed", detail: "The narrowed expiry has already passed." };
        await tx.grant.update({ where: { id: grant.id }, data: { resources: narrowed.resources, actions: narrowed.actions, mode: narrowed.mode, expiresAt: narrowed.expiresAt } });
        const after = { ...parsed.data };
        await tx.grantEvent.create({ data: { grantId: grant.id, type: "narrowed", actorId: item.decidedById, reason, at: now, details: { ...after, accessReview: details.accessReview } } });
        await recordAudit(tx, { actor, action: "grant.narrow", target: { type: "grant", id: grant.id }, before: scope, after: { ...after, reason, reviewItemId: item.id }, requestId });
        result = { result: "applied", detail: `Narrowed to ${after.actions.join(", ")} on ${after.resources.join(", ")} (${after.mode}).` };
      }
    }
    return result;
  }

  // Denying a credential takes it away from every workflow, and revokes the grants that name it.
  async function applyToCredential(tx: Tx): Promise<ApplyOutcome> {
    const credential = item.credentialId
      ? await tx.credential.findUnique({ where: { id: item.credentialId }, include: { workflows: { select: { workflowId: true } } } })
      : null;
    if (!credential) return { result: "object_gone", detail: "The credential no longer exists." };
    if (item.decision !== "deny") return { result: "applied", detail: "Certified; the credential stays as it is." };
    const reason = `${reviewLabel}: ${item.justification ?? "no justification recorded"}`;
    const workflowIds = credential.workflows.map((w) => w.workflowId);
    await tx.workflowCredential.deleteMany({ where: { credentialId: credential.id } });
    const grants = await tx.grant.findMany({
      where: { credentialId: credential.id, status: "approved" },
      include: { workflow: { select: { name: true, ownerId: true } }, connector: { select: { name: true } } },
    });
    for (const grant of grants) {
      const { count } = await tx.grant.updateMany({ where: { id: grant.id, status: "approved" }, data: { status: "revoked" } });
      if (count === 0) continue;
      const scope = { resources: grant.resources, actions: grant.actions, mode: grant.mode, expiresAt: grant.expiresAt?.toISOString() ?? null };
      await tx.grantEvent.create({
        data: { grantId: grant.id, type: "revoked", actorId: item.decidedById, reason, at: now, details: { ...scope, accessReview: { campaignId: campaign.id, campaignName: campaign.name, itemId: item.id } } },
      });
      await recordAudit(tx, { actor, action: "grant.revoke", target: { type: "grant", id: grant.id }, before: { status: "approved", ...scope }, after: { status: "revoked", reason, reviewItemId: item.id }, requestId });
      await notifyGrantRevoked(
        tx,
        { id: grant.id, workflowId: grant.workflowId, workflowName: grant.workflow.name, connectorName: grant.connector.name, requestedById: grant.requestedById, ownerId: grant.workflow.ownerId },
        item.decidedById,
      );
    }
    await recordAudit(tx, {
      actor,
      action: "credential.detach",
      target: { type: "credential", id: credential.id },
      before: { workflowIds },
      after: { workflowIds: [], grantsRevoked: grants.map((g) => g.id), reason, reviewItemId: item.id },
      requestId,
    });
    return { result: "applied", detail: `Detached from ${workflowIds.length} workflow(s); ${grants.length} grant(s) naming it revoked.` };
  }
}
