import "server-only";
import { cache } from "react";
import { headers } from "next/headers";
import { getServerSession } from "next-auth";
import { db } from "@/lib/db/client";
import type { Actor } from "./actor";
import { authOptions } from "./options";

/**
 * The signed-in person for this request, read fresh from the database (a deactivated user or a
 * changed role takes effect on the next request). Null when nobody is signed in.
 */
export const getSessionActor = cache(async (): Promise<Actor | null> => {
  const session = await getServerSession(authOptions());
  const uid = (session as { uid?: string } | null)?.uid ?? null;
  if (!uid) return null;
  const user = await db.user.findUnique({ where: { id: uid } });
  if (!user || !user.active) return null;
  return { type: "user", id: user.id, email: user.email, name: user.name, role: user.role };
});

/** The id of this request, set by proxy.ts; echoed in audit events and error messages. */
export async function currentRequestId(): Promise<string> {
  const h = await headers();
  return h.get("x-request-id") ?? crypto.randomUUID();
}
