import { db } from "@/lib/db/client";

// Helpers for the user-management integration tests.

/** The newest audit event of this action about this target. */
export function latestAuditEvent(action: string, targetId: string) {
  return db.auditEvent.findFirst({ where: { action, targetId }, orderBy: { seq: "desc" } });
}

/**
 * Runs `check` while the given users are the only active admins in the (shared) test database,
 * then puts the other admins back. Test files run one after another, so nothing else sees the gap.
 */
export async function withOnlyActiveAdmins(userIds: string[], check: () => Promise<void>): Promise<void> {
  const others = await db.user.findMany({ where: { role: "admin", active: true, id: { notIn: userIds } }, select: { id: true } });
  const ids = others.map((user) => user.id);
  await db.user.updateMany({ where: { id: { in: ids } }, data: { active: false } });
  try {
    await check();
  } finally {
    await db.user.updateMany({ where: { id: { in: ids } }, data: { active: true } });
  }
}
