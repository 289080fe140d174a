import { DAY_MS } from "@/lib/grants/scope";
import type { GrantUsage } from "./usage";

// The recommendation shown beside each item, with its reason, from the grant and its usage. Pure,
// so every rule is unit-tested with and without log data.

/** How far back usage is read; a grant not exercised in this window is a candidate for revoking. */
export const UNUSED_DAYS = 90;
/** A grant younger than this with no use yet is too new to judge. */
export const TOO_NEW_DAYS = 30;

export type RecommendationKind = "approve" | "deny" | "modify" | "no_information";

export interface Recommendation {
  recommendation: RecommendationKind;
  reason: string;
  /** For "modify": the actions that were actually used, which the grant should narrow to. */
  actions: string[];
}

export interface RecommendationInput {
  actions: string[];
  /** When the grant took effect (decided), or was created. */
  grantedAt: Date;
  usage: GrantUsage;
}

const day = (date: Date) => date.toISOString().slice(0, 10);

export function recommend({ actions, grantedAt, usage }: RecommendationInput, now: Date): Recommendation {
  if (!usage.hasLogData) return { recommendation: "no_information", reason: "no information: no log data", actions: [] };
  const ageDays = Math.floor((now.getTime() - grantedAt.getTime()) / DAY_MS);
  const recentlyUsed = usage.lastUsedAt !== null && now.getTime() - usage.lastUsedAt.getTime() <= UNUSED_DAYS * DAY_MS;
  if (!recentlyUsed) {
    if (ageDays < TOO_NEW_DAYS) {
      return { recommendation: "no_information", reason: `no information: granted ${ageDays} days ago and not exercised yet`, actions: [] };
    }
    const reason = usage.lastUsedAt ? `deny: not exercised in ${UNUSED_DAYS} days (last on ${day(usage.lastUsedAt)})` : `deny: not exercised in ${UNUSED_DAYS} days`;
    return { recommendation: "deny", reason, actions: [] };
  }
  const used = actions.filter((action) => usage.actionsUsed.includes(action));
  const unused = actions.filter((action) => !usage.actionsUsed.includes(action));
  if (used.length > 0 && unused.length > 0) {
    return { recommendation: "modify", reason: `modify: only ${used.join(", ")} used, ${unused.join(", ")} granted`, actions: used };
  }
  return { recommendation: "approve", reason: `approve: exercised on ${day(usage.lastUsedAt!)}, all granted actions used`, actions: [] };
}

export interface CredentialRecommendationInput {
  workflowCount: number;
  hasConnector: boolean;
  /** Issued, or last rotated. */
  since: Date;
  usage: GrantUsage;
}

/** The same idea for a credential: is any workflow still using it through its connector? */
export function recommendCredential({ workflowCount, hasConnector, since, usage }: CredentialRecommendationInput, now: Date): Recommendation {
  if (workflowCount === 0) return { recommendation: "deny", reason: "deny: not attached to any workflow", actions: [] };
  if (!usage.hasLogData) return { recommendation: "no_information", reason: "no information: no log data", actions: [] };
  if (!hasConnector) return { recommendation: "no_information", reason: "no information: the credential names no connector, so calls cannot be attributed", actions: [] };
  const recentlyUsed = usage.lastUsedAt !== null && now.getTime() - usage.lastUsedAt.getTime() <= UNUSED_DAYS * DAY_MS;
  if (recentlyUsed) return { recommendation: "approve", reason: `approve: exercised on ${day(usage.lastUsedAt!)}`, actions: [] };
  const ageDays = Math.floor((now.getTime() - since.getTime()) / DAY_MS);
  if (ageDays < TOO_NEW_DAYS) return { recommendation: "no_information", reason: `no information: issued ${ageDays} days ago and not exercised yet`, actions: [] };
  return { recommendation: "deny", reason: `deny: not exercised in ${UNUSED_DAYS} days`, actions: [] };
}
