import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db/client";
import { refreshExpiringNotifications } from "./refresh-expiring";

const PAGE_SIZE = 200;

export interface NotificationRow {
  id: string;
  kind: string;
  title: string;
  href: string;
  createdAt: Date;
  readAt: Date | null;
}

/** The signed-in person's notifications, newest first. Only ever their own. */
export async function listNotifications(actor: Actor, options: { unreadOnly?: boolean } = {}): Promise<{ rows: NotificationRow[]; unread: number }> {
  if (actor.type !== "user") return { rows: [], unread: 0 };
  await refreshExpiringNotifications();
  const where = { userId: actor.id, ...(options.unreadOnly ? { readAt: null } : {}) };
  const [rows, unread] = await Promise.all([
    db.notification.findMany({
      where,
      orderBy: [{ createdAt: "desc" }, { id: "asc" }],
      take: PAGE_SIZE,
      select: { id: true, kind: true, title: true, href: true, createdAt: true, readAt: true },
    }),
    db.notification.count({ where: { userId: actor.id, readAt: null } }),
  ]);
  return { rows, unread };
}

export async function countUnreadNotifications(actor: Actor): Promise<number> {
  if (actor.type !== "user") return 0;
  return db.notification.count({ where: { userId: actor.id, readAt: null } });
}
