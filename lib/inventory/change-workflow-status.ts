import "server-only";
import { z } from "zod";
import type { Actor } from "@/lib/auth/actor";
import { recordAudit } from "@/lib/audit/record";
import { db } from "@/lib/db/client";
import { ValidationError } from "@/lib/errors";
import { workflowForChange } from "./access";
import { oneOf, requiredId } from "./fields";
import { WORKFLOW_STATUSES } from "./vocabulary";
import { aStatus, canTransition } from "./workflow-lifecycle";

const capitalize = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

export const changeWorkflowStatusInput = z.object({
  id: requiredId("Unknown workflow."),
  status: oneOf("Status", WORKFLOW_STATUSES),
});
export type ChangeWorkflowStatusInput = z.infer<typeof changeWorkflowStatusInput>;

/** Moves a workflow along draft → active → suspended → retired. Nothing goes live unowned. */
export async function changeWorkflowStatus(actor: Actor, input: ChangeWorkflowStatusInput, requestId: string): Promise<{ id: string; status: string }> {
  return db.$transaction(async (tx) => {
    const workflow = await workflowForChange(tx, actor, input.id);
    if (!canTransition(workflow.status, input.status)) {
      const message = `${capitalize(aStatus(workflow.status))} workflow cannot become ${input.status}.`;
      throw new ValidationError(message, { status: message });
    }
    if (input.status === "active" && !workflow.owner?.active) {
      const message = workflow.owner
        ? "The owner is deactivated. Name a new accountable owner before activating this workflow."
        : "Name an accountable owner before activating this workflow.";
      throw new ValidationError(message, { status: message });
    }
    await tx.workflow.update({ where: { id: workflow.id }, data: { status: input.status } });
    await recordAudit(tx, {
      actor,
      action: "workflow.status_change",
      target: { type: "workflow", id: workflow.id },
      before: { status: workflow.status },
      after: { status: input.status },
      requestId,
    });
    return { id: workflow.id, status: input.status };
  });
}
