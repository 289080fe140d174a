import "server-only";
import { z } from "zod";
import type { Actor } from "@/lib/auth/actor";
import { recordAudit } from "@/lib/audit/record";
import { db } from "@/lib/db/client";
import { NotFoundError } from "@/lib/errors";

export const markNotificationsReadInput = z.object({
  // One notification; without it, every unread notification of the signed-in person.
  notificationId: z.guid({ message: "Choose a notification." }).optional(),
});

export type MarkNotificationsReadInput = z.infer<typeof markNotificationsReadInput>;

/** Marks the caller's own notifications read. Someone else's notification is "not found". */
export async function markNotificationsRead(actor: Actor, input: MarkNotificationsReadInput, requestId: string): Promise<{ marked: number }> {
  if (actor.type !== "user") throw new NotFoundError("That notification");
  const readAt = new Date();
  return db.$transaction(async (tx) => {
    if (input.notificationId) {
      const notification = await tx.notification.findFirst({ where: { id: input.notificationId, userId: actor.id } });
      if (!notification) throw new NotFoundError("That notification");
      if (notification.readAt) return { marked: 0 };
      await tx.notification.update({ where: { id: notification.id }, data: { readAt } });
      await recordAudit(tx, {
        actor,
        action: "notification.read",
        target: { type: "notification", id: notification.id },
        before: { readAt: null },
        after: { readAt },
        requestId,
      });
      return { marked: 1 };
    }
    const { count } = await tx.notification.updateMany({ where: { userId: actor.id, readAt: null }, data: { readAt } });
    if (count > 0) {
      await recordAudit(tx, { actor, action: "notification.read", target: { type: "user", id: actor.id }, after: { marked: count, readAt }, requestId });
    }
    return { marked: count };
  });
}
