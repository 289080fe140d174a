"use server";

import { defineAction } from "@/lib/http/action";
import { createApiToken, createTokenInput } from "@/lib/tokens/create-token";
import { revokeApiToken, revokeTokenInput } from "@/lib/tokens/revoke-token";

// The plaintext token travels back to the admin's browser once, in this action's answer.
export const createTokenAction = defineAction({
  name: "token.create",
  permission: "token:manage",
  input: createTokenInput,
  handler: ({ actor, input, requestId }) => createApiToken(actor, input, requestId),
});

export const revokeTokenAction = defineAction({
  name: "token.revoke",
  permission: "token:manage",
  input: revokeTokenInput,
  handler: ({ actor, input, requestId }) => revokeApiToken(actor, input, requestId),
});
