import "server-only";
import { z } from "zod";
import type { Tx } from "@/lib/db/client";
import type { FieldErrors } from "@/lib/errors";
import type { Workflow } from "@/lib/generated/prisma/client";
import { nameList, oneOf, optionalId, requiredText } from "./fields";
import { accountableOwnerProblem } from "./people";
import { DATA_CLASSIFICATIONS, ENVIRONMENTS } from "./vocabulary";

export const WORKFLOW_NAME_TAKEN = "A workflow with this name already exists.";

// The fields a person fills in for a workflow, shared by create and update.
export const workflowFields = z.object({
  name: requiredText("Name", 120),
  purpose: requiredText("Purpose", 1000),
  teamId: optionalId("Choose a team from the list."),
  environment: oneOf("Environment", ENVIRONMENTS),
  models: nameList("Models", 80, 20),
  providers: nameList("Providers", 80, 20),
  dataClassification: oneOf("Data classification", DATA_CLASSIFICATIONS),
  ownerId: optionalId("Choose the owner from the list."),
});

export type WorkflowFields = z.infer<typeof workflowFields>;

export function workflowSnapshot(workflow: Workflow) {
  return {
    name: workflow.name,
    purpose: workflow.purpose,
    teamId: workflow.teamId,
    environment: workflow.environment,
    models: workflow.models,
    providers: workflow.providers,
    dataClassification: workflow.dataClassification,
    status: workflow.status,
    ownerId: workflow.ownerId,
  };
}

/**
 * Checks what zod cannot: the name is free, the team exists, a newly named owner may be one.
 * Collects every problem so the form shows them all at once.
 */
export async function workflowReferenceProblems(
  tx: Tx,
  fields: WorkflowFields,
  existing: { id: string; ownerId: string | null } | null,
): Promise<FieldErrors> {
  const problems: FieldErrors = {};
  const sameName = await tx.workflow.findUnique({ where: { name: fields.name }, select: { id: true } });
  if (sameName && sameName.id !== existing?.id) problems.name = WORKFLOW_NAME_TAKEN;
  if (fields.teamId && !(await tx.team.findUnique({ where: { id: fields.teamId }, select: { id: true } }))) {
    problems.teamId = "That team does not exist. Choose a team from the list.";
  }
  // Keeping a deactivated owner while fixing other fields is allowed; naming a new one is checked.
  if (fields.ownerId && fields.ownerId !== existing?.ownerId) {
    const problem = await accountableOwnerProblem(tx, fields.ownerId);
    if (problem) problems.ownerId = problem;
  }
  return problems;
}

