// The one server-side permission table: which role may do which action. The server refuses with
// it and the UI hides with it; an unknown role or permission means no.

export const ROLES = ["admin", "owner", "reviewer", "analyst", "auditor"] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_DESCRIPTIONS: Record<Role, string> = {
  admin: "Runs the console: users, API tokens, settings, and everything else.",
  owner: "Product owner: registers AI workflows, requests and approves what they may call.",
  reviewer: "Identity governance: reviews delegated permissions and revokes what should go.",
  analyst: "Security triage: works the findings on inventory and interactions.",
  auditor: "Read-only: sees everything, including the audit trail and evidence; changes nothing.",
};

const ALL: readonly Role[] = ROLES;

export const PERMISSIONS = {
  "overview:read": ALL,
  "inventory:read": ALL,
  "inventory:export": ALL,
  "workflow:write": ["admin", "owner"],
  "connector:write": ["admin", "owner"],
  "credential:write": ["admin", "owner"],
  "grant:request": ["admin", "owner"],
  // Who may decide a particular request is narrowed further by lib/grants (owner or designated
  // approver of the workflow, never the requester).
  "grant:decide": ["admin", "owner", "reviewer"],
  "grant:revoke": ["admin", "owner", "reviewer"],
  // Access reviews: governance leads run campaigns; owners and reviewers decide the items assigned
  // to them (narrowed further in lib/reviews/authority.ts); everyone, the auditor included, reads.
  "review:read": ALL,
  "review:manage": ["admin", "reviewer"],
  "review:decide": ["admin", "owner", "reviewer"],
  "findings:read": ALL,
  "notification:read": ALL,
  "audit:read": ["admin", "auditor"],
  "settings:read": ["admin", "auditor"],
  "token:manage": ["admin"],
  "user:manage": ["admin"],
  // Machine clients only (API tokens): gateways that send interaction logs.
  "interactions:ingest": [],
  // People who bring in a log export through the browser.
  "interactions:upload": ["admin", "analyst"],
  // Ingestion health: per-source counts, the quarantine of records that could not be read.
  "ingest:read": ["admin", "analyst", "auditor"],
  // Fixing and replaying (or discarding) quarantined records.
  "ingest:manage": ["admin"],
  // The analysts' queue of flagged interactions and the risk dashboard; auditors look and export.
  "triage:read": ["admin", "analyst", "auditor"],
  "triage:write": ["admin", "analyst"],
  "triage:export": ["admin", "analyst", "auditor"],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof PERMISSIONS;

/** Scopes an API token may carry. A token can do exactly what its scopes name, nothing else. */
export const TOKEN_SCOPES = ["interactions:ingest", "inventory:read", "inventory:export", "audit:read", "triage:export"] as const satisfies readonly Permission[];
export type TokenScope = (typeof TOKEN_SCOPES)[number];

export function roleCan(role: string, permission: string): boolean {
  const allowed = (PERMISSIONS as Record<string, readonly string[]>)[permission];
  return allowed !== undefined && allowed.includes(role);
}
