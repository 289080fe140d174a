import "server-only";
import type { Role } from "@/lib/auth/permissions";
import { db } from "@/lib/db/client";

export interface UserListRow {
  id: string;
  email: string;
  name: string;
  role: Role;
  team: string | null;
  active: boolean;
  /** Set only while the lockout is still running. */
  lockedUntil: Date | null;
  failedLoginCount: number;
  lastLoginAt: Date | null;
  /** Has a local password (can sign in with email and password). */
  local: boolean;
  /** Linked to an identity at the single sign-on provider. */
  ssoLinked: boolean;
}

/** Everyone who has an account, for the admin's user list. Active people first, then by name. */
export async function listUsers(now: Date = new Date()): Promise<UserListRow[]> {
  const users = await db.user.findMany({
    orderBy: [{ active: "desc" }, { name: "asc" }],
    select: {
      id: true,
      email: true,
      name: true,
      role: true,
      team: { select: { name: true } },
      active: true,
      lockedUntil: true,
      failedLoginCount: true,
      lastLoginAt: true,
      passwordHash: true,
      oidcSubject: true,
    },
  });
  // Only whether a password or an SSO link exists leaves this function, never the values.
  return users.map((user) => ({
    id: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    team: user.team?.name ?? null,
    active: user.active,
    lockedUntil: user.lockedUntil && user.lockedUntil > now ? user.lockedUntil : null,
    failedLoginCount: user.failedLoginCount,
    lastLoginAt: user.lastLoginAt,
    local: user.passwordHash !== null,
    ssoLinked: user.oidcSubject !== null,
  }));
}
