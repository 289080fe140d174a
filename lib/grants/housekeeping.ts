import "server-only";
import { refreshExpiringNotifications } from "@/lib/notifications/refresh-expiring";
import { expireDueGrants } from "./expire-grants";

/** What the clock does to grants: expire the due ones, warn owners about the ones expiring soon. */
export async function runGrantHousekeeping(now = new Date()): Promise<{ expired: number; notified: number }> {
  const expired = await expireDueGrants(now);
  const notified = await refreshExpiringNotifications(now);
  return { expired: expired.length, notified };
}
