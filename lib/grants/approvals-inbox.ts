import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";
import { EXPIRING_SOON_DAYS } from "@/lib/notifications/refresh-expiring";
import { runGrantHousekeeping } from "./housekeeping";
import { DAY_MS, type ExecutionMode } from "./scope";

export interface InboxGrant {
  id: string;
  workflow: { id: string; name: string };
  connector: { name: string };
  resources: string[];
  actions: string[];
  mode: ExecutionMode;
  justification: string;
  expiresAt: Date | null;
  createdAt: Date;
  requestedBy: string | null;
}

/**
 * The workflows this person answers for: the ones they own or are a designated approver of. An
 * admin may decide any request (so an orphaned workflow is never stuck), so an admin's inbox
 * covers every workflow.
 */
function accountableFor(actor: Actor & { type: "user" }): Prisma.WorkflowWhereInput {
  if (actor.role === "admin") return {};
  return { OR: [{ ownerId: actor.id }, { approvers: { some: { userId: actor.id } } }] };
}

const inboxSelect = {
  id: true,
  resources: true,
  actions: true,
  mode: true,
  justification: true,
  expiresAt: true,
  createdAt: true,
  workflow: { select: { id: true, name: true } },
  connector: { select: { name: true } },
  requestedBy: { select: { name: true } },
} as const;

/**
 * What waits for this approver: pending requests they may decide (never their own), and approved
 * grants on their workflows that expire within 14 days.
 */
export async function getApprovalsInbox(actor: Actor, now = new Date()): Promise<{ pending: InboxGrant[]; expiringSoon: InboxGrant[] }> {
  await runGrantHousekeeping(now);
  if (actor.type !== "user") return { pending: [], expiringSoon: [] };
  const workflow = accountableFor(actor);
  const [pending, expiringSoon] = await Promise.all([
    db.grant.findMany({
      where: { status: "requested", workflow, OR: [{ requestedById: null }, { requestedById: { not: actor.id } }] },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      select: inboxSelect,
    }),
    db.grant.findMany({
      where: { status: "approved", workflow, expiresAt: { gt: now, lte: new Date(now.getTime() + EXPIRING_SOON_DAYS * DAY_MS) } },
      orderBy: [{ expiresAt: "asc" }, { id: "asc" }],
      select: inboxSelect,
    }),
  ]);
  const shape = (g: (typeof pending)[number]): InboxGrant => ({ ...g, requestedBy: g.requestedBy?.name ?? null });
  return { pending: pending.map(shape), expiringSoon: expiringSoon.map(shape) };
}
