"use server";

import { defineAction } from "@/lib/http/action";
import { attachCredential, credentialAttachmentInput, detachCredential } from "@/lib/inventory/attach-credential";
import { createCredential, createCredentialInput } from "@/lib/inventory/create-credential";
import { rotateCredential, rotateCredentialInput } from "@/lib/inventory/rotate-credential";
import { updateCredential, updateCredentialInput } from "@/lib/inventory/update-credential";

export const createCredentialAction = defineAction({
  name: "credential.create",
  permission: "credential:write",
  input: createCredentialInput,
  handler: ({ actor, input, requestId }) => createCredential(actor, input, requestId),
});

export const updateCredentialAction = defineAction({
  name: "credential.update",
  permission: "credential:write",
  input: updateCredentialInput,
  handler: ({ actor, input, requestId }) => updateCredential(actor, input, requestId),
});

export const attachCredentialAction = defineAction({
  name: "credential.attach_workflow",
  permission: "credential:write",
  input: credentialAttachmentInput,
  handler: ({ actor, input, requestId }) => attachCredential(actor, input, requestId),
});

export const detachCredentialAction = defineAction({
  name: "credential.detach_workflow",
  permission: "credential:write",
  input: credentialAttachmentInput,
  handler: ({ actor, input, requestId }) => detachCredential(actor, input, requestId),
});

export const rotateCredentialAction = defineAction({
  name: "credential.rotate",
  permission: "credential:write",
  input: rotateCredentialInput,
  handler: ({ actor, input, requestId }) => rotateCredential(actor, input, requestId),
});
