import "server-only";
import { z } from "zod";
import type { Actor } from "@/lib/auth/actor";
import { recordAudit } from "@/lib/audit/record";
import { db } from "@/lib/db/client";
import { ValidationError } from "@/lib/errors";
import { workflowForChange } from "./access";
import { requiredId } from "./fields";
import { defaultOwnerId } from "./people";
import { changedFields } from "./snapshot";
import { withUniqueName } from "./unique-name";
import { aStatus } from "./workflow-lifecycle";
import { WORKFLOW_NAME_TAKEN, workflowFields, workflowReferenceProblems, workflowSnapshot } from "./workflow-input";

export const updateWorkflowInput = workflowFields.extend({ id: requiredId("Unknown workflow.") });
export type UpdateWorkflowInput = z.infer<typeof updateWorkflowInput>;

/** Saves the edit form. Status has its own verb (changeWorkflowStatus), with its own rules. */
export async function updateWorkflow(actor: Actor, input: UpdateWorkflowInput, requestId: string): Promise<{ id: string }> {
  const { id, ...rest } = input;
  // As when registering: a product owner who leaves the owner empty stays the owner.
  const fields = { ...rest, ownerId: rest.ownerId ?? defaultOwnerId(actor) };
  return withUniqueName(WORKFLOW_NAME_TAKEN, () =>
    db.$transaction(async (tx) => {
      const existing = await workflowForChange(tx, actor, id);
      const problems = await workflowReferenceProblems(tx, fields, existing);
      if (!fields.ownerId && existing.status !== "draft") {
        problems.ownerId = `As ${aStatus(existing.status)} workflow it must keep an accountable owner; only a draft may have none.`;
      }
      if (Object.keys(problems).length) throw new ValidationError("Some fields need attention.", problems);
      const before = workflowSnapshot(existing);
      const diff = changedFields(before, { ...before, ...fields });
      if (!diff) return { id };
      await tx.workflow.update({ where: { id }, data: fields });
      await recordAudit(tx, { actor, action: "workflow.update", target: { type: "workflow", id }, before: diff.before, after: diff.after, requestId });
      return { id };
    }),
  );
}
