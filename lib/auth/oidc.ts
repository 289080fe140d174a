import "server-only";
import { randomUUID } from "node:crypto";
import { recordAudit } from "@/lib/audit/record";
import { db } from "@/lib/db/client";
import { env } from "@/lib/env";
import { SYSTEM_ACTOR } from "./actor";

export interface OidcIdentity {
  subject: string;
  email: string | null;
  name: string | null;
}

/**
 * Maps a person signed in at the identity provider to a Warden user: by subject if seen before,
 * else by email (an account an admin created), else a new account with OIDC_DEFAULT_ROLE when
 * that is set. Returns null when the person may not sign in.
 */
export async function resolveOidcUser(identity: OidcIdentity): Promise<string | null> {
  const requestId = randomUUID();
  const email = identity.email?.trim().toLowerCase() ?? null;
  let user = await db.user.findUnique({ where: { oidcSubject: identity.subject } });
  if (!user && email) {
    const byEmail = await db.user.findUnique({ where: { email } });
    if (byEmail && !byEmail.oidcSubject) {
      user = await db.$transaction(async (tx) => {
        const linked = await tx.user.update({ where: { id: byEmail.id }, data: { oidcSubject: identity.subject } });
        await recordAudit(tx, {
          actor: SYSTEM_ACTOR,
          action: "auth.sso_linked",
          target: { type: "user", id: byEmail.id },
          after: { oidcSubject: identity.subject },
          requestId,
        });
        return linked;
      });
    }
  }
  if (!user) {
    const role = env().OIDC_DEFAULT_ROLE;
    if (!role || !email) return null;
    user = await db.$transaction(async (tx) => {
      const created = await tx.user.create({
        data: { email, name: identity.name ?? email, role, oidcSubject: identity.subject },
      });
      await recordAudit(tx, {
        actor: SYSTEM_ACTOR,
        action: "user.provisioned_by_sso",
        target: { type: "user", id: created.id },
        after: { email, role },
        requestId,
      });
      return created;
    });
  }
  if (!user.active) return null;
  const signedIn = user;
  await db.$transaction(async (tx) => {
    await tx.user.update({ where: { id: signedIn.id }, data: { lastLoginAt: new Date() } });
    await recordAudit(tx, {
      actor: { type: "user", id: signedIn.id, email: signedIn.email, name: signedIn.name, role: signedIn.role },
      action: "auth.sign_in",
      target: { type: "user", id: signedIn.id },
      after: { method: "oidc" },
      requestId,
    });
  });
  return signedIn.id;
}
