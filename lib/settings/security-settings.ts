import "server-only";
import { db } from "@/lib/db/client";
import { env, oidcConfigured } from "@/lib/env";

export interface SecuritySettings {
  signIn: {
    local: true;
    sso: { name: string; issuer: string; autoProvisionRole: string | null } | null;
  };
  lockout: { maxFailures: number; lockoutMinutes: number };
  grants: { defaultDays: number; maxDays: number };
  database: { engine: "embedded" | "postgresql"; version: string };
}

/** "PostgreSQL 18.6 (PGlite 0.5.14) on wasm32-…" → which engine, and its version without the build details. */
export function describeDatabase(versionString: string): SecuritySettings["database"] {
  const postgres = /PostgreSQL ([\d.]+)/.exec(versionString)?.[1] ?? "unknown";
  const pglite = /PGlite ([\d.]+)/.exec(versionString)?.[1];
  return pglite
    ? { engine: "embedded", version: `PGlite ${pglite} (PostgreSQL ${postgres})` }
    : { engine: "postgresql", version: `PostgreSQL ${postgres}` };
}

/** An issuer URL is public, but one written as https://user:pass@host must not show the pair. */
function withoutUserInfo(url: string): string {
  const parsed = new URL(url);
  parsed.username = "";
  parsed.password = "";
  return parsed.toString().replace(/\/$/, "");
}

/**
 * The configuration a security team asks about. Never connection strings, client secrets or
 * anything else that grants access: only which mechanisms are on and their limits.
 */
export async function getSecuritySettings(): Promise<SecuritySettings> {
  const e = env();
  const [{ version }] = await db.$queryRaw<[{ version: string }]>`SELECT version() AS version`;
  return {
    signIn: {
      local: true,
      sso: oidcConfigured() ? { name: e.OIDC_NAME, issuer: withoutUserInfo(e.OIDC_ISSUER!), autoProvisionRole: e.OIDC_DEFAULT_ROLE ?? null } : null,
    },
    lockout: { maxFailures: e.LOGIN_MAX_FAILURES, lockoutMinutes: e.LOGIN_LOCKOUT_MINUTES },
    grants: { defaultDays: e.GRANT_DEFAULT_DAYS, maxDays: e.GRANT_MAX_DAYS },
    database: describeDatabase(version),
  };
}
