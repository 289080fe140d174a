// The least-privilege rules Warden checks, with why each matters and where it sits in the OWASP
// Top 10 for LLM Applications 2025 and the OWASP Non-Human Identities Top 10 2025.

export const SEVERITIES = ["critical", "high", "medium", "low", "info"] as const;
export type FindingSeverity = (typeof SEVERITIES)[number];

export const SEVERITY_RANK: Record<FindingSeverity, number> = { critical: 4, high: 3, medium: 2, low: 1, info: 0 };

export const OWASP_LLM = {
  "LLM06:2025": "Excessive Agency",
} as const;

export const OWASP_NHI = {
  NHI1: "Improper Offboarding",
  NHI2: "Secret Leakage",
  NHI3: "Vulnerable Third-Party NHI",
  NHI4: "Insecure Authentication",
  NHI5: "Overprivileged NHI",
  NHI6: "Insecure Cloud Deployment Configurations",
  NHI7: "Long-Lived Secrets",
  NHI8: "Environment Isolation",
  NHI9: "NHI Reuse",
  NHI10: "Human Use of NHI",
} as const;

export type OwaspLlmId = keyof typeof OWASP_LLM;
export type OwaspNhiId = keyof typeof OWASP_NHI;

export const FINDING_RULES = {
  "wildcard-resource": {
    name: "Wildcard resource scope",
    subject: "grant",
    llm: "LLM06:2025",
    nhi: "NHI5",
    summary: "A grant names resources with '*', so the agent can reach everything that matches, including what nobody meant to share.",
  },
  "autonomous-write": {
    name: "Write, delete or execute without a person",
    subject: "grant",
    llm: "LLM06:2025",
    nhi: "NHI5",
    summary: "In autonomous mode the agent changes or runs things with no person confirming each action.",
  },
  "grant-without-expiry": {
    name: "Grant without expiry or beyond the maximum",
    subject: "grant",
    llm: "LLM06:2025",
    nhi: "NHI7",
    summary: "Standing access that never lapses, or lasts longer than policy allows, outlives the need it was granted for.",
  },
  "grant-on-inactive-workflow": {
    name: "Grant on a suspended, retired or orphaned workflow",
    subject: "grant",
    llm: "LLM06:2025",
    nhi: "NHI1",
    summary: "Access kept by a workflow that is not running or that nobody answers for is access nobody will notice being misused.",
  },
  "credential-rotation-overdue": {
    name: "Credential overdue for rotation",
    subject: "credential",
    llm: null,
    nhi: "NHI7",
    summary: "A secret older than its rotation policy has had longer to leak, and a leaked one keeps working.",
  },
  "credential-expired": {
    name: "Expired credential still in use",
    subject: "credential",
    llm: null,
    nhi: "NHI1",
    summary: "An expired credential still attached to workflows was either replaced outside Warden or never offboarded.",
  },
  "credential-shared-across-workflows": {
    name: "Credential shared across workflows",
    subject: "credential",
    llm: null,
    nhi: "NHI9",
    summary: "One secret used by several workflows: its actions cannot be told apart, and revoking it breaks them all.",
  },
  "credential-shared-across-environments": {
    name: "Credential shared across environments",
    subject: "credential",
    llm: null,
    nhi: "NHI8",
    summary: "One secret used in several environments lets a weaker environment reach a stronger one.",
  },
  "production-credential-outside-production": {
    name: "Production credential used outside production",
    subject: "credential",
    llm: null,
    nhi: "NHI8",
    summary: "Staging and development are less guarded; a production secret there puts production data within their reach.",
  },
  "workflow-without-owner": {
    name: "Workflow without an owner",
    subject: "workflow",
    llm: null,
    nhi: "NHI1",
    summary: "Nobody is accountable: nobody approves its grants, reviews its access or retires it.",
  },
} as const satisfies Record<string, { name: string; subject: "grant" | "credential" | "workflow"; llm: OwaspLlmId | null; nhi: OwaspNhiId; summary: string }>;

export type FindingRuleId = keyof typeof FINDING_RULES;
export const FINDING_RULE_IDS = Object.keys(FINDING_RULES) as FindingRuleId[];

export interface Finding {
  /** Stable for the same cause, e.g. "wildcard-resource:<grant id>". */
  id: string;
  rule: FindingRuleId;
  severity: FindingSeverity;
  title: string;
  /** One line: why it matters here and what fixes it. */
  explanation: string;
  subject: { type: "grant" | "credential" | "workflow"; id: string; name: string };
  /** Workflows this finding concerns, for the per-workflow view. */
  workflowIds: string[];
  fix: { href: string; label: string };
  owasp: { llm: OwaspLlmId | null; nhi: OwaspNhiId };
}
