import path from "node:path";
import type { Role } from "../lib/auth/permissions";

// Where the end-to-end run puts things. Ports 3200 and 3299 are this suite's own, so a developer's
// `npm start` (3000) can keep running beside it.

export const APP_PORT = 3200;
export const APP_URL = `http://localhost:${APP_PORT}`;

export const OIDC = {
  issuer: "http://127.0.0.1:3299",
  clientId: "warden-e2e",
  clientSecret: "warden-e2e-client-secret",
  redirectUri: `${APP_URL}/api/auth/callback/oidc`,
  /** A person the identity provider knows but Warden does not: gets OIDC_DEFAULT_ROLE. */
  defaultRole: "analyst" as Role,
};

const root = path.resolve(import.meta.dirname, "..");
/** A fresh embedded database for every run (deleted before the app starts). */
export const DATA_DIR = path.join(root, ".warden-data-e2e");
export const DIST_DIR = ".next-e2e";
export const AUTH_DIR = path.join(root, "e2e", ".auth");

// The demo accounts seeded on first start (lib/seed/demo.ts), one per role. The setup project signs
// each in and fails loudly if the seed changes.
export const DEMO_PASSWORD = "warden-demo-password";
export const ROLE_ACCOUNTS: Record<Role, string> = {
  admin: "admin@acme.example",
  owner: "priya@acme.example",
  reviewer: "rosa@acme.example",
  analyst: "sam@acme.example",
  auditor: "audrey@acme.example",
};

/** Set for the app under test (the default), so the lockout test knows when the lock comes. */
export const LOGIN_MAX_FAILURES = 5;

export const storageStateFor = (role: Role) => path.join(AUTH_DIR, `${role}.json`);
