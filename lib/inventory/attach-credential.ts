import "server-only";
import { z } from "zod";
import type { Actor } from "@/lib/auth/actor";
import { recordAudit } from "@/lib/audit/record";
import type { Tx } from "@/lib/db/client";
import { db } from "@/lib/db/client";
import { NotFoundError, ValidationError } from "@/lib/errors";
import { workflowForChange } from "./access";
import { requiredId } from "./fields";

// Which workflows use a credential. Saying "my workflow uses this key" is a statement about the
// workflow, so it needs the right to change the workflow (admin, or its owner), not the key.

export const credentialAttachmentInput = z.object({
  credentialId: requiredId("Unknown credential."),
  workflowId: requiredId("Choose a workflow from the list."),
});
export type CredentialAttachmentInput = z.infer<typeof credentialAttachmentInput>;

async function loadPair(tx: Tx, actor: Actor, input: CredentialAttachmentInput) {
  const credential = await tx.credential.findUnique({ where: { id: input.credentialId }, select: { id: true, name: true } });
  if (!credential) throw new NotFoundError("Credential");
  const workflow = await workflowForChange(tx, actor, input.workflowId);
  return { credential, workflow };
}

export async function attachCredential(actor: Actor, input: CredentialAttachmentInput, requestId: string): Promise<{ credentialId: string; workflowId: string }> {
  return db.$transaction(async (tx) => {
    const { credential, workflow } = await loadPair(tx, actor, input);
    const key = { workflowId_credentialId: { workflowId: workflow.id, credentialId: credential.id } };
    if (await tx.workflowCredential.findUnique({ where: key })) {
      throw new ValidationError("Some fields need attention.", { workflowId: `${workflow.name} already uses this credential.` });
    }
    await tx.workflowCredential.create({ data: { workflowId: workflow.id, credentialId: credential.id } });
    await recordAudit(tx, {
      actor,
      action: "credential.attach_workflow",
      target: { type: "credential", id: credential.id },
      after: { workflowId: workflow.id, workflow: workflow.name },
      requestId,
    });
    return { credentialId: credential.id, workflowId: workflow.id };
  });
}

export async function detachCredential(actor: Actor, input: CredentialAttachmentInput, requestId: string): Promise<{ credentialId: string; workflowId: string }> {
  return db.$transaction(async (tx) => {
    const { credential, workflow } = await loadPair(tx, actor, input);
    const removed = await tx.workflowCredential.deleteMany({ where: { workflowId: workflow.id, credentialId: credential.id } });
    if (removed.count === 0) throw new NotFoundError(`${workflow.name}'s use of this credential`);
    await recordAudit(tx, {
      actor,
      action: "credential.detach_workflow",
      target: { type: "credential", id: credential.id },
      before: { workflowId: workflow.id, workflow: workflow.name },
      requestId,
    });
    return { credentialId: credential.id, workflowId: workflow.id };
  });
}
