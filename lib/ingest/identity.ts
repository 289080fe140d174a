import type { WorkflowIdentity } from "./event";

// How an event's caller is named for linking to a registered workflow and for the unregistered-AI
// list. Gateways name callers several ways at once (a virtual key's alias and hash, a team, an
// agent, a service); each becomes a key "<kind>:<value>", most specific first.

export const IDENTITY_KINDS = ["key_alias", "key_hash", "agent", "service", "team"] as const;
export type IdentityKind = (typeof IDENTITY_KINDS)[number];

export const IDENTITY_KIND_LABELS: Record<IdentityKind, string> = {
  key_alias: "Key alias",
  key_hash: "Key hash",
  agent: "Agent",
  service: "Service",
  team: "Team",
};

/** Every key the event could be linked by, most specific first; the first is the one stored on the interaction. */
export function identityKeys(identity: WorkflowIdentity): string[] {
  const keys: string[] = [];
  const add = (kind: IdentityKind, value: string | undefined) => {
    const trimmed = value?.trim();
    if (trimmed) keys.push(`${kind}:${trimmed}`);
  };
  add("key_alias", identity.keyAlias);
  add("key_hash", identity.keyHash);
  add("agent", identity.agentId ?? identity.agentName);
  add("service", identity.service);
  add("team", identity.teamAlias ?? identity.teamId);
  return keys;
}

export function parseIdentityKey(key: string): { kind: IdentityKind; value: string } | null {
  const colon = key.indexOf(":");
  const kind = key.slice(0, colon) as IdentityKind;
  if (colon <= 0 || !IDENTITY_KINDS.includes(kind)) return null;
  return { kind, value: key.slice(colon + 1) };
}
