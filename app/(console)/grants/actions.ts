"use server";

import { decideGrant, decideGrantInput } from "@/lib/grants/decide-grant";
import { requestGrant, requestGrantInput } from "@/lib/grants/request-grant";
import { revokeGrant, revokeGrantInput } from "@/lib/grants/revoke-grant";
import { defineAction } from "@/lib/http/action";

export const requestGrantAction = defineAction({
  name: "grant.request",
  permission: "grant:request",
  input: requestGrantInput,
  handler: ({ actor, input, requestId }) => requestGrant(actor, input, requestId),
});

export const decideGrantAction = defineAction({
  name: "grant.decide",
  permission: "grant:decide",
  input: decideGrantInput,
  handler: ({ actor, input, requestId }) => decideGrant(actor, input, requestId),
});

export const revokeGrantAction = defineAction({
  name: "grant.revoke",
  permission: "grant:revoke",
  input: revokeGrantInput,
  handler: ({ actor, input, requestId }) => revokeGrant(actor, input, requestId),
});
