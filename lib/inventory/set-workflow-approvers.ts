import "server-only";
import { z } from "zod";
import type { Actor } from "@/lib/auth/actor";
import { recordAudit } from "@/lib/audit/record";
import { db } from "@/lib/db/client";
import { ValidationError } from "@/lib/errors";
import type { Role } from "@/lib/generated/prisma/enums";
import { workflowForChange } from "./access";
import { requiredId } from "./fields";
import { APPROVER_ROLES } from "./people";

const MAX_APPROVERS = 10;

export const setWorkflowApproversInput = z.object({
  workflowId: requiredId("Unknown workflow."),
  userIds: z
    .array(requiredId("Choose approvers from the list."), { error: "Approvers must be a list of people." })
    .max(MAX_APPROVERS, `Approvers: ${MAX_APPROVERS} people at most.`)
    .transform((ids) => [...new Set(ids)]),
});
export type SetWorkflowApproversInput = z.infer<typeof setWorkflowApproversInput>;

/**
 * Replaces the designated approvers: people besides the owner who may decide this workflow's
 * grant requests. The owner decides anyway, so naming them again is refused as a likely mistake.
 */
export async function setWorkflowApprovers(actor: Actor, input: SetWorkflowApproversInput, requestId: string): Promise<{ workflowId: string; approverIds: string[] }> {
  return db.$transaction(async (tx) => {
    const workflow = await workflowForChange(tx, actor, input.workflowId);
    const people = await tx.user.findMany({ where: { id: { in: input.userIds } }, select: { id: true, email: true, active: true, role: true } });
    const byId = new Map(people.map((p) => [p.id, p]));
    for (const userId of input.userIds) {
      const person = byId.get(userId);
      const problem = !person
        ? "Choose approvers from the list."
        : userId === workflow.ownerId
          ? "The owner already decides this workflow's requests; choose someone else."
          : !person.active || !(APPROVER_ROLES as readonly Role[]).includes(person.role)
            ? `${person.email} cannot approve: approvers must be active admins, owners or reviewers.`
            : null;
      if (problem) throw new ValidationError("Some fields need attention.", { userIds: problem });
    }

    const current = await tx.workflowApprover.findMany({ where: { workflowId: workflow.id }, include: { user: { select: { email: true } } } });
    const currentIds = new Set(current.map((a) => a.userId));
    const wanted = new Set(input.userIds);
    const removed = current.filter((a) => !wanted.has(a.userId)).map((a) => a.userId);
    const added = input.userIds.filter((id) => !currentIds.has(id));
    if (removed.length === 0 && added.length === 0) return { workflowId: workflow.id, approverIds: [...currentIds] };

    await tx.workflowApprover.deleteMany({ where: { workflowId: workflow.id, userId: { in: removed } } });
    await tx.workflowApprover.createMany({ data: added.map((userId) => ({ workflowId: workflow.id, userId })) });
    await recordAudit(tx, {
      actor,
      action: "workflow.set_approvers",
      target: { type: "workflow", id: workflow.id },
      before: { approvers: current.map((a) => a.user.email).sort() },
      after: { approvers: input.userIds.map((id) => byId.get(id)!.email).sort() },
      requestId,
    });
    return { workflowId: workflow.id, approverIds: input.userIds };
  });
}
