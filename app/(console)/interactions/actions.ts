"use server";

import { revalidatePath } from "next/cache";
import { defineAction } from "@/lib/http/action";
import { createSavedView, createViewInput, deleteSavedView, deleteViewInput } from "@/lib/triage/saved-views";
import { addTriageComment, assignInput, assignTriageItems, changeStatusInput, changeTriageStatus, commentInput } from "@/lib/triage/update-items";

// The queue's and the interaction page's changes. Each needs triage:write; auditors can look and
// export but these refuse them (the forms are hidden from them as well).

export const changeTriageStatusAction = defineAction({
  name: "triage.status",
  permission: "triage:write",
  input: changeStatusInput,
  handler: async ({ actor, input, requestId }) => {
    const result = await changeTriageStatus(actor, input, requestId);
    revalidatePath("/interactions", "layout");
    return result;
  },
});

export const assignTriageAction = defineAction({
  name: "triage.assign",
  permission: "triage:write",
  input: assignInput,
  handler: async ({ actor, input, requestId }) => {
    const result = await assignTriageItems(actor, input, requestId);
    revalidatePath("/interactions", "layout");
    return result;
  },
});

export const commentTriageAction = defineAction({
  name: "triage.comment",
  permission: "triage:write",
  input: commentInput,
  handler: ({ actor, input, requestId }) => addTriageComment(actor, input, requestId),
});

export const createSavedViewAction = defineAction({
  name: "triage.view.create",
  permission: "triage:write",
  input: createViewInput,
  handler: ({ actor, input, requestId }) => createSavedView(actor, input, requestId),
});

export const deleteSavedViewAction = defineAction({
  name: "triage.view.delete",
  permission: "triage:write",
  input: deleteViewInput,
  handler: ({ actor, input, requestId }) => deleteSavedView(actor, input, requestId),
});
