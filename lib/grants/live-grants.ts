import type { Prisma } from "@/lib/generated/prisma/client";

// What "active" and "live" mean for a grant, in one place. Expiry also runs on a clock, but a
// query must not count a grant whose expiry has passed and that the clock has not reached yet.

/** Approved and not past its expiry. */
export function activeGrantWhere(now: Date): Prisma.GrantWhereInput {
  return { status: "approved", OR: [{ expiresAt: null }, { expiresAt: { gt: now } }] };
}

/** Active, or still awaiting a decision. */
export function liveGrantWhere(now: Date): Prisma.GrantWhereInput {
  return { OR: [{ status: "requested" }, activeGrantWhere(now)] };
}
