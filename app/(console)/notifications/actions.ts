"use server";

import { defineAction } from "@/lib/http/action";
import { markNotificationsRead, markNotificationsReadInput } from "@/lib/notifications/mark-read";

export const markNotificationsReadAction = defineAction({
  name: "notification.read",
  permission: "notification:read",
  input: markNotificationsReadInput,
  handler: ({ actor, input, requestId }) => markNotificationsRead(actor, input, requestId),
});
