import "server-only";
import { z } from "zod";
import { actorUserId, type Actor } from "@/lib/auth/actor";
import { recordAudit } from "@/lib/audit/record";
import { db, type Tx } from "@/lib/db/client";
import { ConflictError, NotFoundError } from "@/lib/errors";
import { workflowForChange } from "@/lib/inventory/access";
import { createWorkflowInTx } from "@/lib/inventory/create-workflow";
import { requiredId } from "@/lib/inventory/fields";
import { withUniqueName } from "@/lib/inventory/unique-name";
import { WORKFLOW_NAME_TAKEN, workflowFields } from "@/lib/inventory/workflow-input";
import { IDENTITY_LINK_LOCK_KEY } from "../store";
import { identityKeyField } from "./identity-input";
import { auditRelink, relinkIdentity, type RelinkResult } from "./relink";

// Linking a gateway identity to a workflow: registering a new workflow from unregistered AI usage,
// linking the identity to an existing one, or removing a link. Who may: workflow:write, narrowed to
// the workflows the person may change (admins any, product owners their own; lib/inventory/access).
//
// The link is written under the identity-link lock held exclusively: ingest batches hold it shared,
// so every batch that read "unregistered" has committed before the link does, and every later batch
// sees the link. The re-link of past events that follows therefore misses none.

export const linkIdentityInput = z.object({
  workflowId: requiredId("Choose a workflow from the list."),
  identityKey: identityKeyField,
});
export type LinkIdentityInput = z.infer<typeof linkIdentityInput>;

export const registerFromIdentityInput = workflowFields.extend({ identityKey: identityKeyField });
export type RegisterFromIdentityInput = z.infer<typeof registerFromIdentityInput>;

export const unlinkIdentityInput = linkIdentityInput;

export interface LinkOutcome {
  workflowId: string;
  identityKey: string;
  relinked: RelinkResult;
}

async function lockIdentityLinks(tx: Tx): Promise<void> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(${IDENTITY_LINK_LOCK_KEY}::bigint)`;
}

/** The workflow this identity is linked to, if any. */
async function currentLink(tx: Tx, identityKey: string) {
  return tx.workflowIdentity.findUnique({ where: { identityKey }, select: { workflowId: true, workflow: { select: { name: true } } } });
}

async function insertLink(tx: Tx, actor: Actor, workflowId: string, identityKey: string, requestId: string): Promise<void> {
  const link = await tx.workflowIdentity.create({ data: { workflowId, identityKey, createdById: actorUserId(actor) } });
  await recordAudit(tx, { actor, action: "workflow.identity_link", target: { type: "workflow", id: workflowId }, after: { identityKey, linkId: link.id }, requestId });
}

async function relinkAndAudit(actor: Actor, workflowId: string, identityKey: string, requestId: string): Promise<LinkOutcome> {
  const relinked = await relinkIdentity(identityKey, workflowId);
  await auditRelink(actor, identityKey, workflowId, relinked, requestId);
  return { workflowId, identityKey, relinked };
}

/**
 * Links a gateway identity to an existing workflow the actor may change, then re-links its past
 * events. Linking it again to the same workflow only finishes the re-link.
 */
export async function linkIdentity(actor: Actor, input: LinkIdentityInput, requestId: string): Promise<LinkOutcome> {
  await db.$transaction(async (tx) => {
    await lockIdentityLinks(tx);
    await workflowForChange(tx, actor, input.workflowId);
    const existing = await currentLink(tx, input.identityKey);
    if (existing && existing.workflowId !== input.workflowId) {
      throw new ConflictError(`${input.identityKey} is already linked to ${existing.workflow.name}. Remove that link first.`, {
        identityKey: `Already linked to ${existing.workflow.name}.`,
      });
    }
    if (!existing) await insertLink(tx, actor, input.workflowId, input.identityKey, requestId);
  });
  return relinkAndAudit(actor, input.workflowId, input.identityKey, requestId);
}

/**
 * Registers a new draft workflow for a gateway identity seen in unregistered AI usage (the same
 * checks and audit as any new workflow), links the identity to it and re-links its past events.
 */
export async function registerWorkflowFromIdentity(actor: Actor, input: RegisterFromIdentityInput, requestId: string): Promise<LinkOutcome & { id: string }> {
  const { identityKey, ...fields } = input;
  const workflowId = await withUniqueName(WORKFLOW_NAME_TAKEN, () =>
    db.$transaction(async (tx) => {
      await lockIdentityLinks(tx);
      const existing = await currentLink(tx, identityKey);
      if (existing) {
        throw new ConflictError(`${identityKey} is already linked to ${existing.workflow.name}.`, { identityKey: `Already linked to ${existing.workflow.name}.` });
      }
      const { id } = await createWorkflowInTx(tx, actor, fields, requestId);
      await insertLink(tx, actor, id, identityKey, requestId);
      return id;
    }),
  );
  return { id: workflowId, ...(await relinkAndAudit(actor, workflowId, identityKey, requestId)) };
}

/**
 * Removes a link: events the gateway sends from now on under this identity are unregistered usage
 * again. Past interactions stay with the workflow they were recorded under.
 */
export async function unlinkIdentity(actor: Actor, input: LinkIdentityInput, requestId: string): Promise<{ workflowId: string; identityKey: string }> {
  return db.$transaction(async (tx) => {
    await lockIdentityLinks(tx);
    await workflowForChange(tx, actor, input.workflowId);
    const link = await tx.workflowIdentity.findFirst({ where: { workflowId: input.workflowId, identityKey: input.identityKey } });
    if (!link) throw new NotFoundError("That identity link");
    await tx.workflowIdentity.delete({ where: { id: link.id } });
    await recordAudit(tx, {
      actor,
      action: "workflow.identity_unlink",
      target: { type: "workflow", id: input.workflowId },
      before: { identityKey: link.identityKey, linkId: link.id, createdAt: link.createdAt },
      requestId,
    });
    return { workflowId: input.workflowId, identityKey: input.identityKey };
  });
}
