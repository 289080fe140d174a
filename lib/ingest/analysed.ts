import type { ExecutionMode, GrantStatus, InteractionVerdict, Severity } from "@/lib/generated/prisma/client";
import type { IngestEvent } from "./event";

// What lib/ingest/analyse.ts makes of one event before storage: masked texts, findings with spans into
// the masked text, every check that ran, and the verdict. Pure data; lib/ingest/store.ts writes it.

/** A grant of the event's workflow, whatever its status, so a call on a revoked grant says so. */
export interface GrantForCheck {
  id: string;
  connectorId: string;
  status: GrantStatus;
  mode: ExecutionMode;
  actions: string[];
  resources: string[];
  expiresAt: Date | null;
  /**
   * When it was decided and, if revoked, when (from its "revoked" event). Optional: when known, a
   * call made before the approval has no grant, and one made before the revocation ran under it;
   * when not, the grant's current status stands for the call's time.
   */
  decidedAt?: Date | null;
  revokedAt?: Date | null;
  /**
   * The scopes its steps set, oldest first (from its grant events), so a late-arriving call is judged
   * by the scope in force then, not one an access review narrowed afterwards. Optional: without it,
   * the current scope stands for the call's time.
   */
  scopeHistory?: GrantScopeStep[];
}

/** The scope a grant had after one step: its approval (as requested or reduced) or a narrowing. */
export interface GrantScopeStep {
  type: "approved" | "approved_reduced" | "narrowed";
  at: Date;
  mode: ExecutionMode;
  actions: string[];
  resources: string[];
  expiresAt: Date | null;
}

export interface ConnectorForCheck {
  id: string;
  name: string;
  actions: string[];
}

export interface AnalysisContext {
  /** The registered workflow the event belongs to, or null (unregistered AI usage: no grant checks). */
  workflowId: string | null;
  /** Every grant of that workflow (any status). */
  grants: GrantForCheck[];
  /** Every connector, to resolve a tool call's connector by name (case-insensitive) or id. */
  connectors: ConnectorForCheck[];
  /** Key of the keyed hash kept for each masked secret (lib/ingest/secret-key.ts). */
  secretKey: string | Buffer;
  /** False when the event is older than the text retention: texts are not kept, detectors still run. */
  keepText: boolean;
}

export interface StoredFinding {
  source: "warden" | "gateway";
  detector: string;
  rule: string;
  category: string;
  owasp: string | null;
  severity: Severity;
  /** "messages[2].content", "output", "toolCalls[0].arguments", "toolCalls[0].result", "toolCalls[0]" or null (whole event). */
  field: string | null;
  /** UTF-16 offsets into the stored, masked text of `field`. */
  spanStart: number | null;
  spanEnd: number | null;
  explanation: string;
  secretKind: string | null;
  secretLastFour: string | null;
  secretHash: string | null;
  connectorId: string | null;
  grantId: string | null;
}

export type CheckStatus = "passed" | "failed" | "flagged" | "blocked" | "error" | "not_run";

/** One check that ran on the event (ours aggregated per detector over all fields, or one gateway guardrail). */
export interface StoredCheck {
  source: "warden" | "gateway";
  /** Detector ("secrets", "pii", "injection", "agency") or the gateway's guardrail name. */
  name: string;
  /** Our rule set and version, e.g. "secrets@2026.11". */
  ruleSet?: string;
  /** The gateway's mode (pre_call, post_call, during_call, …). */
  mode?: string;
  status: CheckStatus;
  passed: boolean;
  durationMs: number | null;
  findings: number;
  /** Why it did not run, or what it looked at ("7 fields", "3 tool calls"). */
  detail?: string;
  categories?: string[];
  /** What the gateway reported, as it reported it (bounded by the parser). */
  raw?: unknown;
}

export interface StoredToolCall {
  name: string;
  connector?: string;
  /** As reported; when the call reported none, the action read from its name (lib/ingest/agency.ts), if any. */
  action?: string;
  resource?: string;
  inHistory?: boolean;
  /** The connector it resolved to, when it did. */
  connectorId?: string;
}

export interface StoredTexts {
  messages: { role: string; content: string }[];
  output: string | null;
  toolIo: { arguments: string; result?: string }[];
}

export interface AnalysedEvent {
  event: IngestEvent;
  /** Masked; null when the texts are not kept (keepText false). */
  texts: StoredTexts | null;
  toolCalls: StoredToolCall[];
  findings: StoredFinding[];
  checks: StoredCheck[];
  verdict: InteractionVerdict;
  /** Highest finding severity, null when there is none. */
  severity: Severity | null;
  categories: string[];
  owasp: string[];
  detectors: string[];
  rules: string[];
  connectorIds: string[];
  /** Whether it goes to the analysts' queue (a triage item). */
  flagged: boolean;
  /** Shared by related flagged interactions (see triage_items.group_key); null when not flagged. */
  groupKey: string | null;
  /** Masked prompt and response text for free-text search, bounded; "" when texts are not kept. */
  searchText: string;
}
