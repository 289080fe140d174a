import { isResourceWithin } from "@/lib/grants/scope";
import { CONNECTOR_ACTIONS, type ConnectorAction } from "@/lib/inventory/vocabulary";
import type { Severity } from "@/lib/generated/prisma/client";
import type { IngestToolCall } from "./event";
import type { AnalysisContext, ConnectorForCheck, GrantForCheck, GrantScopeStep } from "./analysed";

// Excessive agency (OWASP LLM06:2025): a tool call the workflow's grants do not cover.
//
// Which connector a call is on:
// - its `connector` field, else its `name` read as "<connector><separator><tool>", where the
//   separator is one of . : / - _ (or "__"), e.g. "github.create_issue", "github__create_issue",
//   "GitHub:read", "slack-post_message"; the longest prefix that names a connector wins;
// - a connector is named by its id, its name in any case and spacing ("Zendesk Tickets",
//   "zendesk_tickets", "ZendeskTickets"), or the first word of its name when no other connector's
//   name starts with that word ("salesforce" for "Salesforce CRM").
//
// Which action: the inventory's vocabulary (read, write, delete, execute, send, admin). The call's
// `action`, else the rest of its name after the connector, is taken as is when it is one of those
// words, else classified by its first verb ("create_issue" → write, "list_repos" → read,
// "post_message" → send where the connector offers send). An action that cannot be classified is
// covered only by a grant holding every action the connector offers (or admin).
//
// Which scope, as of the call's time: the actions, resources, mode and expiry set by the grant's last
// step (approval, approval with reduced scope, access-review narrowing) at or before the call; the
// first step's for a call made before it. Without recorded steps, or when none came after the call,
// the grant's current scope stands. So a late-arriving log of a call made before a narrowing is judged
// by the wider scope it ran under, and one made after it by the narrowed one.
//
// Which grant, as of the call's time: approved, decided by then (when decidedAt is known), not past
// its expiry, and not revoked by then (a revoked grant without revokedAt counts as revoked). Rules,
// in the order they are tried:
//   unknown_connector      the connector is not in the inventory
//   no_grant               no grant on the connector was ever in force (only requests, rejections)
//   grant_revoked          the grant that covered the call had been revoked
//   grant_expired          the grant that covered the call had expired
//   action_not_granted     no grant in force holds the action
//   resource_out_of_scope  grants in force hold the action, but none on the call's resource
//   suggest_only           the only grants that cover the call are suggest-only: a person was to
//                          execute, yet the call was made

export const AGENCY_RULES = ["unknown_connector", "no_grant", "grant_revoked", "grant_expired", "action_not_granted", "resource_out_of_scope", "suggest_only"] as const;
export type AgencyRule = (typeof AGENCY_RULES)[number];

export interface AgencyViolation {
  rule: AgencyRule;
  severity: Severity;
  connectorId: string | null;
  grantId: string | null;
  explanation: string;
}

export interface ResolvedToolCall {
  connector: ConnectorForCheck | null;
  /** One of CONNECTOR_ACTIONS, or null when the call's action could not be classified. */
  action: ConnectorAction | null;
  /** What the call said its action was (its action field or its name's tail), for explanations. */
  actionText: string | null;
}

// ---------------------------------------------------------------------------------------------------
// Connectors

interface ConnectorIndex {
  byKey: Map<string, ConnectorForCheck>;
}

/** Lower case, letters and digits only: "Zendesk Tickets", "zendesk_tickets" and "zendesk-tickets" alike. */
const squash = (value: string) => value.toLowerCase().replace(/[^\p{L}\p{N}]/gu, "");

// A batch shares one context, so the index is built once per connectors list, not once per event.
const INDEXES = new WeakMap<ConnectorForCheck[], ConnectorIndex>();

function connectorIndex(connectors: ConnectorForCheck[]): ConnectorIndex {
  let index = INDEXES.get(connectors);
  if (index) return index;
  const firstWords = new Map<string, ConnectorForCheck | null>();
  for (const connector of connectors) {
    const word = squash(connector.name.trim().split(/[\s_\-.:/]+/)[0] ?? "");
    if (word) firstWords.set(word, firstWords.has(word) ? null : connector);
  }
  // Later entries win: unique first words, then full names, then ids.
  const byKey = new Map<string, ConnectorForCheck>();
  for (const [word, connector] of firstWords) if (connector) byKey.set(word, connector);
  for (const connector of connectors) if (squash(connector.name)) byKey.set(squash(connector.name), connector);
  for (const connector of connectors) byKey.set(connector.id.toLowerCase(), connector);
  index = { byKey };
  INDEXES.set(connectors, index);
  return index;
}

function lookup(index: ConnectorIndex, value: string): ConnectorForCheck | undefined {
  return index.byKey.get(value.toLowerCase()) ?? index.byKey.get(squash(value));
}

const SEPARATOR = /[.:/\-_]/;

/** The longest "<connector><separator>" prefix of a tool name that names a connector, and the rest of the name. */
function connectorFromName(index: ConnectorIndex, name: string): { connector: ConnectorForCheck; rest: string } | null {
  const whole = lookup(index, name);
  if (whole) return { connector: whole, rest: "" };
  for (let end = name.length - 1; end > 0; end--) {
    if (!SEPARATOR.test(name[end]!)) continue;
    const connector = lookup(index, name.slice(0, end));
    if (connector) return { connector, rest: name.slice(end).replace(/^[.:/\-_]+/, "") };
  }
  return null;
}

// ---------------------------------------------------------------------------------------------------
// Actions

const VERBS: Record<string, ConnectorAction[]> = {};
const verbs = (actions: ConnectorAction[], words: string) => {
  for (const word of words.split(" ")) VERBS[word] = actions;
};
verbs(["read"], "get list read search fetch find query lookup view show describe retrieve download count browse inspect select load check summarize summarise");
verbs(["write"], "create update write put add edit set patch insert upsert modify upload comment open merge close assign label move rename save append commit push reply");
verbs(["delete"], "delete remove drop destroy purge truncate unlink erase archive");
verbs(["execute"], "run execute exec invoke trigger start stop deploy build launch dispatch eval evaluate restart schedule");
verbs(["send"], "send email mail notify message publish forward sms text");
verbs(["send", "write"], "post");
verbs(["admin"], "grant revoke invite admin configure permit manage");

const isConnectorAction = (word: string): word is ConnectorAction => (CONNECTOR_ACTIONS as readonly string[]).includes(word);

/** Words of an identifier: "createIssue", "create_issue", "create-issue" → ["create", "issue"]. */
const words = (value: string) =>
  value
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);

export function classifyAction(value: string, connector: ConnectorForCheck | null): ConnectorAction | null {
  const lower = value.trim().toLowerCase();
  if (isConnectorAction(lower)) return lower;
  for (const word of words(value)) {
    const candidates = VERBS[word];
    if (!candidates) continue;
    return candidates.find((action) => connector?.actions.includes(action)) ?? candidates[0]!;
  }
  return null;
}

// The same few tools are called over and over: resolutions are kept per connectors list.
const RESOLVED = new WeakMap<ConnectorForCheck[], Map<string, ResolvedToolCall>>();
const MAX_RESOLVED = 10_000;

export function resolveToolCall(call: Pick<IngestToolCall, "name" | "connector" | "action">, connectors: ConnectorForCheck[]): ResolvedToolCall {
  let cache = RESOLVED.get(connectors);
  if (!cache) RESOLVED.set(connectors, (cache = new Map()));
  const key = `${call.name}\u0000${call.connector ?? "\u0001"}\u0000${call.action ?? "\u0001"}`;
  let resolved = cache.get(key);
  if (!resolved) {
    resolved = resolveUncached(call, connectors);
    if (cache.size >= MAX_RESOLVED) cache.clear();
    cache.set(key, resolved);
  }
  return resolved;
}

function resolveUncached(call: Pick<IngestToolCall, "name" | "connector" | "action">, connectors: ConnectorForCheck[]): ResolvedToolCall {
  const index = connectorIndex(connectors);
  let connector: ConnectorForCheck | null = null;
  let rest = call.name;
  if (call.connector !== undefined && call.connector.trim() !== "") {
    connector = lookup(index, call.connector.trim()) ?? null;
    // "workday.read_balance" on connector Workday: the action is in the part after the connector.
    const named = connector && connectorFromName(index, call.name);
    if (named && named.connector === connector) rest = named.rest;
  } else {
    const named = connectorFromName(index, call.name);
    if (named) {
      connector = named.connector;
      rest = named.rest;
    }
  }
  const actionText = call.action?.trim() || rest || null;
  return { connector, action: actionText === null ? null : classifyAction(actionText, connector), actionText };
}

// ---------------------------------------------------------------------------------------------------
// Grants

type GrantState = "in_force" | "revoked" | "expired" | "never";

/** A grant with the scope it had at a call's time, and the steps that set it and, if any, changed it after. */
interface GrantAsOf extends GrantForCheck {
  setBy?: GrantScopeStep;
  changedLater?: GrantScopeStep;
}

/** The grant as it stood at `at`: the scope of its last step by then (its first, before any), else its current scope. */
function grantAsOf(grant: GrantForCheck, at: Date): GrantAsOf {
  const history = grant.scopeHistory ?? [];
  if (history.length === 0) return grant;
  const later = history.findIndex((step) => step.at.getTime() > at.getTime());
  const index = later === -1 ? history.length - 1 : Math.max(later - 1, 0);
  const setBy = history[index]!;
  const changedLater = history[index + 1];
  // Nothing changed after the call: the current scope stands (the last step's, unless changed without one).
  if (!changedLater) return { ...grant, setBy };
  const { mode, actions, resources, expiresAt } = setBy;
  return { ...grant, mode, actions, resources, expiresAt, setBy, changedLater };
}

/** What a grant was at `at`. */
export function grantStateAt(grant: GrantForCheck, at: Date): GrantState {
  return stateAsOf(grantAsOf(grant, at), at);
}

/** What a grant, taken with the scope it had at `at` (grantAsOf), was then. */
function stateAsOf(grant: GrantAsOf, at: Date): GrantState {
  if (grant.status === "requested" || grant.status === "rejected") return "never";
  if (grant.decidedAt && grant.decidedAt.getTime() > at.getTime()) return "never";
  if (grant.status === "revoked" && !(grant.revokedAt && grant.revokedAt.getTime() > at.getTime())) return "revoked";
  const { expiresAt, changedLater } = grant;
  // Expired without a known expiry: it ran out under its last scope, so after any call made before a later step.
  if (expiresAt ? expiresAt.getTime() <= at.getTime() : grant.status === "expired" && !changedLater) return "expired";
  return "in_force";
}

function holdsAction(grant: GrantForCheck, action: ConnectorAction | null, connector: ConnectorForCheck): boolean {
  const granted = new Set(grant.actions.map((a) => a.toLowerCase()));
  if (granted.has("admin")) return true;
  if (action !== null) return granted.has(action);
  return connector.actions.length > 0 && connector.actions.every((a) => granted.has(a.toLowerCase()));
}

const holdsResource = (grant: GrantForCheck, resource: string | undefined) => resource === undefined || grant.resources.some((allowed) => isResourceWithin(resource, allowed));

const covers = (grant: GrantForCheck, call: Pick<IngestToolCall, "resource">, resolved: ResolvedToolCall, connector: ConnectorForCheck) =>
  holdsAction(grant, resolved.action, connector) && holdsResource(grant, call.resource);

const STEP_WORDS: Record<GrantScopeStep["type"], string> = { approved: "approved", approved_reduced: "approved with reduced scope", narrowed: "narrowed" };

/** Which scope was in force, when it is not simply the grant's as approved: "as approved on …, before it was narrowed on …". */
function scopeNote(grant: GrantAsOf): string {
  const { setBy, changedLater } = grant;
  if (setBy && changedLater) return `, as ${STEP_WORDS[setBy.type]} on ${setBy.at.toISOString()}, before it was ${STEP_WORDS[changedLater.type]} on ${changedLater.at.toISOString()}`;
  if (setBy && setBy.type !== "approved") return `, as ${STEP_WORDS[setBy.type]} on ${setBy.at.toISOString()}`;
  return "";
}

const describeGrant = (grant: GrantAsOf) =>
  `grant ${grant.id} (${grant.actions.join(", ") || "no actions"} on ${grant.resources.join(", ") || "no resources"}, ${grant.mode}${grant.expiresAt ? `, expires ${grant.expiresAt.toISOString()}` : ""}${scopeNote(grant)})`;

/** Changes something: write, delete, execute, send or admin (an unclassified action is not assumed to be a read). */
const changesSomething = (action: ConnectorAction | null) => action !== "read";

/** The violation of a call made by a registered workflow, or null when a grant in force covers it. */
export function checkToolCall(
  call: Pick<IngestToolCall, "name" | "resource">,
  resolved: ResolvedToolCall,
  context: Pick<AnalysisContext, "grants">,
  at: Date,
): AgencyViolation | null {
  const connector = resolved.connector;
  if (!connector) {
    return {
      rule: "unknown_connector",
      severity: "medium",
      connectorId: null,
      grantId: null,
      explanation: `${describeCall(call, resolved)} is on a connector that is not in the inventory, so no grant can cover it. Register the connector and request a grant, or stop the workflow calling it.`,
    };
  }
  const grants = context.grants.filter((grant) => grant.connectorId === connector.id);
  // Judged by the scope each grant had at the call's time, not the one it has now.
  const states = grants.map((grant) => {
    const asOf = grantAsOf(grant, at);
    return { grant: asOf, state: stateAsOf(asOf, at) };
  });
  const inForce = states.filter((s) => s.state === "in_force").map((s) => s.grant);
  const ended = states.filter((s) => s.state === "revoked" || s.state === "expired");
  const covering = inForce.filter((grant) => covers(grant, call, resolved, connector));
  const serious: Severity = changesSomething(resolved.action) ? "critical" : "high";
  const violation = (rule: AgencyRule, severity: Severity, grant: GrantForCheck | null, why: string): AgencyViolation => ({
    rule,
    severity,
    connectorId: connector.id,
    grantId: grant?.id ?? null,
    explanation: `${describeCall(call, resolved)} ${why}`,
  });

  const executing = covering.find((grant) => grant.mode !== "suggest");
  if (executing) return null;
  if (covering.length > 0) {
    const grant = covering[0]!;
    return violation("suggest_only", changesSomething(resolved.action) ? "high" : "medium", grant, `ran under ${describeGrant(grant)}, which is suggest-only: the model may propose the action, a person executes it.`);
  }
  // A grant that would have covered the call but had ended says more than "not granted".
  const endedCovering = ended.find((s) => covers(s.grant, call, resolved, connector)) ?? (inForce.length === 0 ? ended[0] : undefined);
  if (endedCovering) {
    const { grant, state } = endedCovering;
    return state === "revoked"
      ? violation("grant_revoked", serious, grant, `ran on ${describeGrant(grant)}, which had been revoked.`)
      : violation("grant_expired", serious, grant, `ran on ${describeGrant(grant)}, which had expired${grant.expiresAt ? ` at ${grant.expiresAt.toISOString()}` : ""}.`);
  }
  if (inForce.length === 0) {
    const pending = grants.length > 0 ? ` (it has ${grants.map((g) => `a ${g.status} grant ${g.id}`).join(", ")}, none in force at the time)` : "";
    return violation("no_grant", serious, null, `was made, but the workflow holds no grant on ${connector.name}${pending}.`);
  }
  const withAction = inForce.filter((grant) => holdsAction(grant, resolved.action, connector));
  if (withAction.length === 0) {
    const grant = inForce.find((g) => holdsResource(g, call.resource)) ?? inForce[0]!;
    const why =
      resolved.action === null
        ? `is not one of ${connector.name}'s actions Warden can name (${connector.actions.join(", ") || "none listed"}), and ${describeGrant(grant)} does not hold them all. Report the call's action in the gateway log.`
        : `needs '${resolved.action}', which ${inForce.length === 1 ? describeGrant(grant) + " does" : "no grant in force on " + connector.name + " does"} not hold.`;
    return violation("action_not_granted", resolved.action === null ? "medium" : serious, grant, why);
  }
  const grant = withAction[0]!;
  return violation(
    "resource_out_of_scope",
    serious,
    grant,
    `touched '${call.resource}', outside ${withAction.length === 1 ? describeGrant(grant) : `every grant on ${connector.name} that holds '${resolved.action ?? resolved.actionText}'`}.`,
  );
}

function describeCall(call: Pick<IngestToolCall, "name" | "resource">, resolved: ResolvedToolCall): string {
  const parts = [resolved.connector ? `on ${resolved.connector.name}` : null, resolved.actionText ? `action '${resolved.actionText}'${resolved.action && resolved.action !== resolved.actionText.toLowerCase() ? ` (${resolved.action})` : ""}` : null, call.resource ? `resource '${call.resource}'` : null];
  return `Tool call '${call.name}' (${parts.filter(Boolean).join(", ") || "no connector, action or resource"})`;
}
