"use server";

import { defineAction } from "@/lib/http/action";
import { createConnector, createConnectorInput } from "@/lib/inventory/create-connector";
import { updateConnector, updateConnectorInput } from "@/lib/inventory/update-connector";

export const createConnectorAction = defineAction({
  name: "connector.create",
  permission: "connector:write",
  input: createConnectorInput,
  handler: ({ actor, input, requestId }) => createConnector(actor, input, requestId),
});

export const updateConnectorAction = defineAction({
  name: "connector.update",
  permission: "connector:write",
  input: updateConnectorInput,
  handler: ({ actor, input, requestId }) => updateConnector(actor, input, requestId),
});
