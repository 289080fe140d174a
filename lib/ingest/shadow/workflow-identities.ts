import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db/client";
import { parseIdentityKey, type IdentityKind } from "../identity";

// Reads for linking: the gateway identities of one workflow (its page), and the workflows a person
// may link an identity to (the "Link to workflow…" picker). Every role may read the inventory.

export interface LinkedIdentity {
  id: string;
  identityKey: string;
  kind: IdentityKind | null;
  value: string;
  createdAt: Date;
  createdBy: string | null;
  /** Interactions counted as this workflow's under this identity (per-day counts, registered). */
  interactions: number;
  lastDay: Date | null;
}

export async function listWorkflowIdentities(workflowId: string): Promise<LinkedIdentity[]> {
  const links = await db.workflowIdentity.findMany({
    where: { workflowId },
    select: { id: true, identityKey: true, createdAt: true, createdBy: { select: { name: true } } },
    orderBy: { identityKey: "asc" },
  });
  if (links.length === 0) return [];
  const counts = await db.interactionDailyCount.groupBy({
    by: ["identityKey"],
    where: { identityKey: { in: links.map((l) => l.identityKey) }, registered: true },
    _sum: { interactions: true },
    _max: { day: true },
  });
  const byKey = new Map(counts.map((c) => [c.identityKey, c]));
  return links.map((link) => {
    const parsed = parseIdentityKey(link.identityKey);
    const count = byKey.get(link.identityKey);
    return {
      id: link.id,
      identityKey: link.identityKey,
      kind: parsed?.kind ?? null,
      value: parsed?.value ?? link.identityKey,
      createdAt: link.createdAt,
      createdBy: link.createdBy?.name ?? null,
      interactions: count?._sum.interactions ?? 0,
      lastDay: count?._max.day ?? null,
    };
  });
}

/** Workflows this person may link an identity to: any live one for an admin, their own for a product owner. */
export async function listLinkableWorkflows(actor: Actor): Promise<{ id: string; name: string }[]> {
  if (actor.type !== "user" || (actor.role !== "admin" && actor.role !== "owner")) return [];
  return db.workflow.findMany({
    where: { status: { not: "retired" }, ...(actor.role === "owner" ? { ownerId: actor.id } : {}) },
    select: { id: true, name: true },
    orderBy: { name: "asc" },
  });
}
