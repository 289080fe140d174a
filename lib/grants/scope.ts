// Pure rules about a grant's scope: how resources, actions, modes and expiry compare. Shared by the
// request and decision code, the forms and the findings, so "narrower" means the same everywhere.

export const EXECUTION_MODES = ["suggest", "approve", "autonomous"] as const;
export type ExecutionMode = (typeof EXECUTION_MODES)[number];

export const MODE_LABELS: Record<ExecutionMode, string> = {
  suggest: "Suggest — the model proposes, a person executes",
  approve: "Approve — the agent executes after a person confirms each action",
  autonomous: "Autonomous — the agent executes on its own",
};

/** suggest < approve < autonomous: a higher rank lets the agent act with less human control. */
export function modeRank(mode: ExecutionMode): number {
  return EXECUTION_MODES.indexOf(mode);
}

/** Actions that change or run something; in autonomous mode they deserve a finding. "admin" can do all three. */
export const WRITE_LIKE_ACTIONS = new Set(["write", "delete", "execute", "admin"]);

// Ingestion checks every tool call against its grants' patterns: compile each pattern once.
const GLOBS = new Map<string, RegExp>();

function globToRegExp(pattern: string): RegExp {
  let regex = GLOBS.get(pattern);
  if (regex === undefined) {
    const escaped = pattern.split("*").map((part) => part.replace(/[.+?^${}()|[\]\\]/g, "\\$&"));
    regex = new RegExp(`^${escaped.join(".*")}$`, "s");
    if (GLOBS.size >= 10_000) GLOBS.clear();
    GLOBS.set(pattern, regex);
  }
  return regex;
}

/**
 * Whether every resource named by `candidate` is also named by `allowed`, where `*` in either
 * matches any run of characters. The candidate is matched as a literal string against the allowed
 * pattern: a `*` in the candidate can then only be absorbed by a `*` in the allowed pattern, which
 * makes the answer safe (never "within" when it is not).
 */
export function isResourceWithin(candidate: string, allowed: string): boolean {
  if (candidate === allowed) return true;
  if (!allowed.includes("*")) return false;
  return globToRegExp(allowed).test(candidate);
}

export function hasWildcard(resource: string): boolean {
  return resource.includes("*");
}

/** A wildcard over a whole system ("*", "worker:*") rather than under a named path. */
export function isBroadWildcard(resource: string): boolean {
  return resource === "*" || /^[^*/]*:\*$/.test(resource) || resource.startsWith("*");
}

export interface Scope {
  resources: string[];
  actions: string[];
  mode: ExecutionMode;
  expiresAt: Date | null;
}

/**
 * Why `approved` is not a narrowing of `requested`, one message per field, or an empty object
 * when it is. Each approved resource must be equal to or narrower than one requested resource.
 */
export function scopeReductionProblems(requested: Scope, approved: Scope): Record<string, string> {
  const problems: Record<string, string> = {};
  const outside = approved.resources.filter((r) => !requested.resources.some((allowed) => isResourceWithin(r, allowed)));
  if (outside.length > 0) {
    problems.resources = `Not within the requested resources: ${outside.map((r) => `'${r}'`).join(", ")}. Approve only resources equal to or narrower than what was requested.`;
  }
  const extraActions = approved.actions.filter((a) => !requested.actions.includes(a));
  if (extraActions.length > 0) {
    problems.actions = `Not requested: ${extraActions.map((a) => `'${a}'`).join(", ")}. You can drop actions, not add them.`;
  }
  if (modeRank(approved.mode) > modeRank(requested.mode)) {
    problems.mode = `The request asked for '${requested.mode}'; you can choose that or a less autonomous mode, not '${approved.mode}'.`;
  }
  if (requested.expiresAt && (!approved.expiresAt || approved.expiresAt.getTime() > requested.expiresAt.getTime())) {
    problems.expiresAt = "Expiry can be shortened, not extended beyond what was requested.";
  }
  return problems;
}

const sameSet = (a: string[], b: string[]) => a.length === b.length && a.every((x) => b.includes(x));

/** True when the approved scope is exactly what was asked for (so the decision is a plain approval). */
export function isSameScope(requested: Scope, approved: Scope): boolean {
  return (
    sameSet(requested.resources, approved.resources) &&
    sameSet(requested.actions, approved.actions) &&
    requested.mode === approved.mode &&
    (requested.expiresAt?.getTime() ?? null) === (approved.expiresAt?.getTime() ?? null)
  );
}

export const DAY_MS = 86_400_000;

/** Problems with an expiry date for a grant decided or requested at `now`, keyed "expiresAt". */
export function expiryProblem(expiresAt: Date, now: Date, maxDays: number): string | null {
  if (expiresAt.getTime() <= now.getTime()) return "Expiry must be in the future.";
  if (expiresAt.getTime() > now.getTime() + maxDays * DAY_MS) return `Expiry must be within ${maxDays} days.`;
  return null;
}
