"use server";

import { defineAction } from "@/lib/http/action";
import { linkIdentity, linkIdentityInput, registerFromIdentityInput, registerWorkflowFromIdentity, unlinkIdentity, unlinkIdentityInput } from "@/lib/ingest/shadow/link-identity";

// Registering unregistered AI usage as a workflow, and linking gateway identities to workflows (also
// used by the gateway-identities section of a workflow's page).

export const registerFromIdentityAction = defineAction({
  name: "workflow.register_from_identity",
  permission: "workflow:write",
  input: registerFromIdentityInput,
  handler: ({ actor, input, requestId }) => registerWorkflowFromIdentity(actor, input, requestId),
});

export const linkIdentityAction = defineAction({
  name: "workflow.identity_link",
  permission: "workflow:write",
  input: linkIdentityInput,
  handler: ({ actor, input, requestId }) => linkIdentity(actor, input, requestId),
});

export const unlinkIdentityAction = defineAction({
  name: "workflow.identity_unlink",
  permission: "workflow:write",
  input: unlinkIdentityInput,
  handler: ({ actor, input, requestId }) => unlinkIdentity(actor, input, requestId),
});
