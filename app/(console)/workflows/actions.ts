"use server";

import { defineAction } from "@/lib/http/action";
import { changeWorkflowStatus, changeWorkflowStatusInput } from "@/lib/inventory/change-workflow-status";
import { createWorkflow, createWorkflowInput } from "@/lib/inventory/create-workflow";
import { setWorkflowApprovers, setWorkflowApproversInput } from "@/lib/inventory/set-workflow-approvers";
import { updateWorkflow, updateWorkflowInput } from "@/lib/inventory/update-workflow";

export const createWorkflowAction = defineAction({
  name: "workflow.create",
  permission: "workflow:write",
  input: createWorkflowInput,
  handler: ({ actor, input, requestId }) => createWorkflow(actor, input, requestId),
});

export const updateWorkflowAction = defineAction({
  name: "workflow.update",
  permission: "workflow:write",
  input: updateWorkflowInput,
  handler: ({ actor, input, requestId }) => updateWorkflow(actor, input, requestId),
});

export const changeWorkflowStatusAction = defineAction({
  name: "workflow.status_change",
  permission: "workflow:write",
  input: changeWorkflowStatusInput,
  handler: ({ actor, input, requestId }) => changeWorkflowStatus(actor, input, requestId),
});

export const setWorkflowApproversAction = defineAction({
  name: "workflow.set_approvers",
  permission: "workflow:write",
  input: setWorkflowApproversInput,
  handler: ({ actor, input, requestId }) => setWorkflowApprovers(actor, input, requestId),
});
