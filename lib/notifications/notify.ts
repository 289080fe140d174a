import "server-only";
import type { Tx } from "@/lib/db/client";

export interface NotificationContent {
  kind: string;
  title: string;
  href: string;
  /** One notification per (user, cause): a repeated cause is skipped, not duplicated. */
  dedupeKey: string;
}

/** Creates one in-app notification per user, inside the caller's transaction. Returns how many were new. */
export async function notifyUsers(tx: Tx, userIds: Iterable<string>, content: NotificationContent): Promise<number> {
  const recipients = [...new Set(userIds)];
  if (recipients.length === 0) return 0;
  const result = await tx.notification.createMany({
    data: recipients.map((userId) => ({ userId, ...content })),
    skipDuplicates: true,
  });
  return result.count;
}
