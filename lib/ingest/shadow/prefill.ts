import { IDENTITY_KIND_LABELS, type IdentityKind } from "../identity";

// What the "register a workflow" form starts with for an unregistered identity: a name from the
// identity, a purpose that says where it was seen, the models and providers it used, its team when
// the gateway's team name matches one of ours, and the person registering as owner. Pure, so the
// page and the tests read the same rules.

export interface PrefillSource {
  kind: IdentityKind;
  value: string;
  interactions: number;
  firstSeen: Date;
  models: string[];
  providers: string[];
  lastIdentity: Record<string, string>;
}

export interface WorkflowPrefill {
  name: string;
  purpose: string;
  teamId: string;
  environment: "production" | "staging" | "development";
  models: string;
  providers: string;
  dataClassification: "public" | "internal" | "confidential" | "restricted";
  ownerId: string;
}

const NAME_MAX = 120;

/** "marketing-experiments" → "Marketing experiments"; hashes and ids are shortened, not prettified. */
export function suggestedWorkflowName(kind: IdentityKind, value: string): string {
  if (kind === "key_hash") return `Unregistered key ${value.slice(0, 12)}`;
  const words = value.replace(/[-_.:/]+/g, " ").replace(/\s+/g, " ").trim();
  if (words === "") return `Unregistered ${IDENTITY_KIND_LABELS[kind].toLowerCase()}`;
  return (words[0]!.toUpperCase() + words.slice(1)).slice(0, NAME_MAX);
}

function teamNames(identity: Record<string, string>): string[] {
  return [identity.teamAlias, identity.teamId].filter((name): name is string => Boolean(name?.trim())).map((name) => name.trim().toLowerCase());
}

export function workflowPrefill(source: PrefillSource, teams: { id: string; name: string }[], ownerId: string | null): WorkflowPrefill {
  const gatewayTeams = teamNames(source.lastIdentity);
  const team = teams.find((t) => gatewayTeams.includes(t.name.trim().toLowerCase()));
  const seenAs = `${IDENTITY_KIND_LABELS[source.kind].toLowerCase()} "${source.value}"`;
  const teamNote = source.lastIdentity.teamAlias ? ` (gateway team ${source.lastIdentity.teamAlias})` : "";
  const since = source.firstSeen.toISOString().slice(0, 10);
  return {
    name: suggestedWorkflowName(source.kind, source.value),
    purpose: `Found as unregistered AI usage: ${source.interactions} interaction${source.interactions === 1 ? "" : "s"} through the gateway as ${seenAs}${teamNote} since ${since}. Describe what it does and for whom.`.slice(0, 1000),
    teamId: team?.id ?? "",
    environment: "production",
    models: source.models.slice(0, 20).join(", "),
    providers: source.providers.slice(0, 20).join(", "),
    dataClassification: "internal",
    ownerId: ownerId ?? "",
  };
}
