import "server-only";
import type { z } from "zod";
import { actorUserId, type Actor } from "@/lib/auth/actor";
import { recordAudit } from "@/lib/audit/record";
import { db, type Tx } from "@/lib/db/client";
import { ValidationError } from "@/lib/errors";
import { defaultOwnerId } from "./people";
import { withUniqueName } from "./unique-name";
import { WORKFLOW_NAME_TAKEN, workflowFields, workflowReferenceProblems, workflowSnapshot } from "./workflow-input";

export const createWorkflowInput = workflowFields;
export type CreateWorkflowInput = z.infer<typeof createWorkflowInput>;

/** Registers a workflow as a draft. A product owner who names no owner becomes the owner. */
export async function createWorkflow(actor: Actor, input: CreateWorkflowInput, requestId: string): Promise<{ id: string }> {
  return withUniqueName(WORKFLOW_NAME_TAKEN, () => db.$transaction((tx) => createWorkflowInTx(tx, actor, input, requestId)));
}

/** The same, inside a caller's transaction (e.g. registering a workflow from unregistered AI usage and linking it at once). */
export async function createWorkflowInTx(tx: Tx, actor: Actor, input: CreateWorkflowInput, requestId: string): Promise<{ id: string }> {
  const fields = { ...input, ownerId: input.ownerId ?? defaultOwnerId(actor) };
  const problems = await workflowReferenceProblems(tx, fields, null);
  if (Object.keys(problems).length) throw new ValidationError("Some fields need attention.", problems);
  const workflow = await tx.workflow.create({ data: { ...fields, status: "draft", createdById: actorUserId(actor) } });
  await recordAudit(tx, { actor, action: "workflow.create", target: { type: "workflow", id: workflow.id }, after: workflowSnapshot(workflow), requestId });
  return { id: workflow.id };
}
