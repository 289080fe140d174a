"use server";

import { defineAction } from "@/lib/http/action";
import { closeCampaign, closeCampaignInput } from "@/lib/reviews/close-campaign";
import { createCampaign } from "@/lib/reviews/create-campaign";
import { createCampaignInput } from "@/lib/reviews/campaign-input";
import { decideItems, decideItemsInput } from "@/lib/reviews/decide-items";
import { launchCampaign, launchCampaignInput } from "@/lib/reviews/launch-campaign";
import { reassignItem, reassignItemInput } from "@/lib/reviews/reassign-item";

export const createCampaignAction = defineAction({
  name: "review.create",
  permission: "review:manage",
  input: createCampaignInput,
  handler: ({ actor, input, requestId }) => createCampaign(actor, input, requestId),
});

export const launchCampaignAction = defineAction({
  name: "review.launch",
  permission: "review:manage",
  input: launchCampaignInput,
  handler: ({ actor, input, requestId }) => launchCampaign(actor, input, requestId),
});

export const decideItemsAction = defineAction({
  name: "review.decide",
  permission: "review:decide",
  input: decideItemsInput,
  handler: ({ actor, input, requestId }) => decideItems(actor, input, requestId),
});

export const reassignItemAction = defineAction({
  name: "review.reassign",
  permission: "review:decide",
  input: reassignItemInput,
  handler: ({ actor, input, requestId }) => reassignItem(actor, input, requestId),
});

export const closeCampaignAction = defineAction({
  name: "review.close",
  permission: "review:manage",
  input: closeCampaignInput,
  handler: ({ actor, input, requestId }) => closeCampaign(actor, input, requestId),
});
