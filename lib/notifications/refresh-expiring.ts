import "server-only";
import { db } from "@/lib/db/client";
import { DAY_MS } from "@/lib/grants/scope";

export const EXPIRING_SOON_DAYS = 14;

/**
 * Tells each workflow owner about their approved grants that expire within 14 days. Safe to run
 * on every read and from every instance: the dedupe key makes the second run a no-op.
 */
export async function refreshExpiringNotifications(now = new Date()): Promise<number> {
  const soon = new Date(now.getTime() + EXPIRING_SOON_DAYS * DAY_MS);
  const grants = await db.grant.findMany({
    where: { status: "approved", expiresAt: { gt: now, lte: soon }, workflow: { owner: { active: true } } },
    select: { id: true, expiresAt: true, workflow: { select: { name: true, ownerId: true } }, connector: { select: { name: true } } },
  });
  const data = grants.flatMap((grant) =>
    grant.workflow.ownerId && grant.expiresAt
      ? [
          {
            userId: grant.workflow.ownerId,
            kind: "grant.expiring",
            title: `${grant.workflow.name}'s grant on ${grant.connector.name} expires on ${grant.expiresAt.toISOString().slice(0, 10)}.`,
            href: `/grants/${grant.id}`,
            dedupeKey: `grant-expiring:${grant.id}`,
          },
        ]
      : [],
  );
  if (data.length === 0) return 0;
  const result = await db.notification.createMany({ data, skipDuplicates: true });
  return result.count;
}
