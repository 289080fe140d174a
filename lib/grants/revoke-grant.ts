import "server-only";
import { z } from "zod";
import { actorUserId, type Actor } from "@/lib/auth/actor";
import { recordAudit } from "@/lib/audit/record";
import { db } from "@/lib/db/client";
import { ConflictError, ForbiddenError, NotFoundError } from "@/lib/errors";
import { revokeRefusal } from "./authority";
import { idField, parseInput, reasonField } from "./fields";
import { notifyGrantRevoked } from "./grant-notifications";

export const revokeGrantInput = z.object({
  grantId: idField("grant"),
  reason: reasonField.min(1, "Give a reason for revoking this grant."),
});

export type RevokeGrantInput = z.input<typeof revokeGrantInput>;

/** Ends an approved grant before its expiry. By the workflow's owner, a reviewer or an admin. */
export async function revokeGrant(actor: Actor, rawInput: RevokeGrantInput, requestId: string, now = new Date()) {
  const input = parseInput(revokeGrantInput, rawInput);
  const grant = await db.grant.findUnique({
    where: { id: input.grantId },
    include: { workflow: { select: { name: true, ownerId: true } }, connector: { select: { name: true } } },
  });
  if (!grant) throw new NotFoundError("That grant");
  const refusal = revokeRefusal(actor, { requestedById: grant.requestedById, workflow: { ownerId: grant.workflow.ownerId, approverIds: [] } });
  if (refusal) throw new ForbiddenError(refusal);
  if (grant.status !== "approved") throw new ConflictError(`Only an approved grant can be revoked; this one is ${grant.status}.`);

  const actorId = actorUserId(actor);
  return db.$transaction(async (tx) => {
    const { count } = await tx.grant.updateMany({ where: { id: grant.id, status: "approved" }, data: { status: "revoked" } });
    if (count === 0) throw new ConflictError("This grant changed a moment ago (revoked or expired); reload to see its state.");
    const scope = { resources: grant.resources, actions: grant.actions, mode: grant.mode, expiresAt: grant.expiresAt?.toISOString() ?? null };
    await tx.grantEvent.create({ data: { grantId: grant.id, type: "revoked", actorId, reason: input.reason, at: now, details: scope } });
    await recordAudit(tx, {
      actor,
      action: "grant.revoke",
      target: { type: "grant", id: grant.id },
      before: { status: "approved", ...scope },
      after: { status: "revoked", reason: input.reason },
      requestId,
    });
    await notifyGrantRevoked(
      tx,
      { id: grant.id, workflowId: grant.workflowId, workflowName: grant.workflow.name, connectorName: grant.connector.name, requestedById: grant.requestedById, ownerId: grant.workflow.ownerId },
      actorId,
    );
    return { id: grant.id, status: "revoked" as const };
  });
}
