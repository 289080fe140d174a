import "server-only";
import { z } from "zod";
import type { Actor } from "@/lib/auth/actor";
import { recordAudit } from "@/lib/audit/record";
import { db } from "@/lib/db/client";
import { env } from "@/lib/env";
import { ConflictError, ForbiddenError, NotFoundError, ValidationError, type FieldErrors } from "@/lib/errors";
import { decideRefusal } from "./authority";
import { actionsField, expiresAtField, idField, modeField, parseInput, reasonField, resourcesField } from "./fields";
import { notifyGrantDecided } from "./grant-notifications";
import { DAY_MS, expiryProblem, isSameScope, scopeReductionProblems, type Scope } from "./scope";

export const decideGrantInput = z.object({
  grantId: idField("grant"),
  decision: z.enum(["approve", "reject"], { message: "Decision must be approve or reject." }),
  reason: reasonField.optional(),
  // Approve only, to reduce the scope. An omitted field keeps what was requested.
  resources: resourcesField.optional(),
  actions: actionsField.optional(),
  mode: modeField.optional(),
  expiresAt: expiresAtField.optional(),
});

export type DecideGrantInput = z.input<typeof decideGrantInput>;

const scopeJson = (scope: Scope) => ({ ...scope, expiresAt: scope.expiresAt?.toISOString() ?? null });

/**
 * Approves (as requested or reduced) or rejects a grant request. Only the workflow's owner, a
 * designated approver or an admin may, and never the person who asked for it.
 */
export async function decideGrant(actor: Actor, rawInput: DecideGrantInput, requestId: string, now = new Date()) {
  const input = parseInput(decideGrantInput, rawInput);
  const grant = await db.grant.findUnique({
    where: { id: input.grantId },
    include: {
      workflow: { select: { id: true, name: true, ownerId: true, approvers: { select: { userId: true } } } },
      connector: { select: { name: true, actions: true } },
    },
  });
  if (!grant) throw new NotFoundError("That grant");
  const refusal = decideRefusal(actor, {
    requestedById: grant.requestedById,
    workflow: { ownerId: grant.workflow.ownerId, approverIds: grant.workflow.approvers.map((a) => a.userId) },
  });
  if (refusal) throw new ForbiddenError(refusal);
  if (grant.status !== "requested") throw new ConflictError(`This request is no longer pending (it is ${grant.status}).`);

  const reason = input.reason || null;
  const requested: Scope = { resources: grant.requestedResources, actions: grant.requestedActions, mode: grant.requestedMode, expiresAt: grant.expiresAt };
  const fieldErrors: FieldErrors = {};
  let approved: Scope = requested;
  let outcome: "approved" | "approved_reduced" | "rejected" = "rejected";

  if (input.decision === "reject") {
    if (!reason) fieldErrors.reason = "Give a reason for rejecting this request.";
  } else {
    approved = {
      resources: input.resources ?? requested.resources,
      actions: input.actions ?? requested.actions,
      mode: input.mode ?? requested.mode,
      expiresAt: input.expiresAt ?? requested.expiresAt ?? new Date(now.getTime() + env().GRANT_DEFAULT_DAYS * DAY_MS),
    };
    Object.assign(fieldErrors, scopeReductionProblems(requested, approved));
    const unoffered = approved.actions.filter((a) => !grant.connector.actions.includes(a));
    if (unoffered.length > 0 && !fieldErrors.actions) {
      fieldErrors.actions = unoffered.map((a) => `Action '${a}' is no longer offered by ${grant.connector.name}.`).join(" ");
    }
    const expiry = fieldErrors.expiresAt ? null : expiryProblem(approved.expiresAt!, now, env().GRANT_MAX_DAYS);
    if (expiry) {
      fieldErrors.expiresAt = input.expiresAt ? expiry : `The requested expiry (${requested.expiresAt?.toISOString().slice(0, 10)}) has passed; reject this request so a new one can be made.`;
    }
    outcome = isSameScope(requested, approved) ? "approved" : "approved_reduced";
    if (outcome === "approved_reduced" && !reason) fieldErrors.reason = "Give a reason for reducing the scope.";
  }
  if (Object.keys(fieldErrors).length > 0) throw new ValidationError("Some fields need attention.", fieldErrors);

  const deciderId = actor.type === "user" ? actor.id : null;
  return db.$transaction(async (tx) => {
    // Conditional on still being a request: two approvers deciding at once cannot both win.
    const { count } = await tx.grant.updateMany({
      where: { id: grant.id, status: "requested" },
      data:
        outcome === "rejected"
          ? { status: "rejected", decidedById: deciderId, decidedAt: now }
          : { status: "approved", resources: approved.resources, actions: approved.actions, mode: approved.mode, expiresAt: approved.expiresAt, decidedById: deciderId, decidedAt: now },
    });
    if (count === 0) throw new ConflictError("Someone else decided this request a moment ago; reload to see their decision.");
    await tx.grantEvent.create({ data: { grantId: grant.id, type: outcome, actorId: deciderId, reason, at: now, details: scopeJson(approved) } });
    const auditAction = { approved: "grant.approve", approved_reduced: "grant.approve_reduced", rejected: "grant.reject" }[outcome];
    await recordAudit(tx, {
      actor,
      action: auditAction,
      target: { type: "grant", id: grant.id },
      before: { status: "requested", ...scopeJson(requested) },
      after: { status: outcome === "rejected" ? "rejected" : "approved", ...scopeJson(approved), reason },
      requestId,
    });
    await notifyGrantDecided(
      tx,
      { id: grant.id, workflowId: grant.workflowId, workflowName: grant.workflow.name, connectorName: grant.connector.name, requestedById: grant.requestedById },
      outcome,
    );
    return { id: grant.id, status: outcome === "rejected" ? ("rejected" as const) : ("approved" as const), outcome };
  });
}
