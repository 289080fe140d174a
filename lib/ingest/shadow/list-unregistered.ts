import "server-only";
import { z } from "zod";
import { db } from "@/lib/db/client";
import { IDENTITY_KINDS, parseIdentityKey, type IdentityKind } from "../identity";

// The unregistered-AI list: gateway identities whose events belong to no registered workflow,
// grouped by the identity each event was stored under (its most specific name: key alias, key hash,
// agent, service, team). Totals come from the per-day counts the ingest path keeps, never from
// scanning interactions; details for the groups on the page come from the (identity_key,
// occurred_at) index, a few rows per group, so the page stays fast at millions of interactions.

/** Groups shown at once, busiest first. */
export const SHADOW_PAGE_SIZE = 100;
/** "Recent" activity column and the models/providers sample. */
export const RECENT_DAYS = 30;
/** Latest interactions per group whose models and providers are shown (small enough for index scans). */
const MODEL_SAMPLE = 100;
const DAY_MS = 86_400_000;

export const shadowFilters = z.object({
  kind: z.preprocess((v) => (v === "" ? undefined : v), z.enum(IDENTITY_KINDS).optional().catch(undefined)),
  q: z.preprocess((v) => (typeof v === "string" && v.trim() !== "" ? v.trim().slice(0, 200) : undefined), z.string().optional().catch(undefined)),
});
export type ShadowFilters = z.infer<typeof shadowFilters>;

export interface UnregisteredGroup {
  identityKey: string;
  kind: IdentityKind;
  value: string;
  interactions: number;
  recentInteractions: number;
  flagged: number;
  blocked: number;
  sources: string[];
  firstSeen: Date;
  lastSeen: Date;
  models: string[];
  providers: string[];
  /** The caller as the gateway last named it (key alias, team, service…), secrets masked. */
  lastIdentity: Record<string, string>;
  /** Set when the identity is already linked and its past events are still being re-linked. */
  linkedWorkflow: { id: string; name: string } | null;
}

export interface UnregisteredUsage {
  groups: UnregisteredGroup[];
  /** Identities matching the filters (the page shows at most SHADOW_PAGE_SIZE). */
  totalGroups: number;
  totalInteractions: number;
  /** Unregistered interactions whose gateway named no caller at all: they cannot be linked. */
  unnamedInteractions: number;
}

const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

export async function listUnregisteredUsage(filters: ShadowFilters, now: Date = new Date()): Promise<UnregisteredUsage> {
  const pattern = `${filters.kind ? `${escapeLike(filters.kind)}:` : ""}%${filters.q ? `${escapeLike(filters.q)}%` : ""}`;
  const recentFrom = new Date(now.getTime() - RECENT_DAYS * DAY_MS).toISOString().slice(0, 10);
  // One pass over the counts, aggregated by hash (no DISTINCT, no sort of the whole table); the
  // filter applies to the grouped identities, and the window functions count every match before LIMIT.
  const groups = await db.$queryRaw<
    { identity_key: string; interactions: number; recent: number; flagged: number; blocked: number; sources: string[]; first_day: Date; last_day: Date; total_groups: number; total_interactions: number; unnamed: number }[]
  >`
    WITH per_source AS (
      SELECT identity_key, source, sum(interactions) AS interactions, sum(interactions) FILTER (WHERE day >= ${recentFrom}::date) AS recent,
             sum(flagged) AS flagged, sum(blocked) AS blocked, min(day) AS first_day, max(day) AS last_day
      FROM interaction_daily_counts WHERE NOT registered
      GROUP BY identity_key, source
    ), grouped AS (
      SELECT identity_key, sum(interactions)::int AS interactions, COALESCE(sum(recent), 0)::int AS recent, sum(flagged)::int AS flagged, sum(blocked)::int AS blocked,
             array_agg(source ORDER BY source) AS sources, min(first_day) AS first_day, max(last_day) AS last_day
      FROM per_source GROUP BY identity_key
    ), matching AS (
      SELECT * FROM grouped WHERE identity_key <> '' AND identity_key ILIKE ${pattern}
    )
    SELECT m.*, count(*) OVER ()::int AS total_groups, (sum(m.interactions) OVER ())::int AS total_interactions,
           COALESCE((SELECT interactions FROM grouped WHERE identity_key = ''), 0)::int AS unnamed
    FROM matching m
    ORDER BY m.interactions DESC, m.identity_key
    LIMIT ${SHADOW_PAGE_SIZE}`;
  // With no group on the page the totals still need the unnamed count.
  const unnamed =
    groups[0]?.unnamed ??
    (await db.$queryRaw<[{ unnamed: number }]>`SELECT COALESCE(sum(interactions), 0)::int AS unnamed FROM interaction_daily_counts WHERE NOT registered AND identity_key = ''`)[0].unnamed;
  const keys = groups.map((g) => g.identity_key);
  const details = new Map(
    keys.length === 0
      ? []
      : (
          // Per group, a few rows through the (identity_key, occurred_at) index of each partition: the first
          // and last unlinked interaction, and the models of the latest ones (within a month of the last,
          // so even a very busy identity costs a bounded read).
          await db.$queryRaw<{ key: string; first_at: Date | null; last_at: Date | null; last_identity: Record<string, string> | null; models: string[] | null; providers: string[] | null; workflow_id: string | null; workflow_name: string | null }[]>`
            SELECT g.key, first.occurred_at AS first_at, last.occurred_at AS last_at, last.identity AS last_identity, sample.models, sample.providers,
                   w.id::text AS workflow_id, w.name AS workflow_name
            FROM unnest(${keys}::text[]) AS g(key)
            LEFT JOIN LATERAL (SELECT occurred_at FROM interactions WHERE identity_key = g.key AND workflow_id IS NULL ORDER BY occurred_at LIMIT 1) first ON true
            LEFT JOIN LATERAL (SELECT occurred_at, identity FROM interactions WHERE identity_key = g.key AND workflow_id IS NULL ORDER BY occurred_at DESC LIMIT 1) last ON true
            LEFT JOIN LATERAL (
              SELECT array_agg(DISTINCT model) FILTER (WHERE model IS NOT NULL) AS models, array_agg(DISTINCT provider) FILTER (WHERE provider IS NOT NULL) AS providers
              FROM (SELECT model, provider FROM interactions
                    WHERE identity_key = g.key AND workflow_id IS NULL AND occurred_at > last.occurred_at - interval '30 days' AND occurred_at <= last.occurred_at
                    ORDER BY occurred_at DESC LIMIT ${MODEL_SAMPLE}) recent
            ) sample ON true
            LEFT JOIN workflow_identities wi ON wi.identity_key = g.key
            LEFT JOIN workflows w ON w.id = wi.workflow_id`
        ).map((row) => [row.key, row] as const),
  );

  return {
    totalGroups: groups[0]?.total_groups ?? 0,
    totalInteractions: groups[0]?.total_interactions ?? 0,
    unnamedInteractions: unnamed,
    groups: groups.flatMap((group) => {
      const parsed = parseIdentityKey(group.identity_key);
      if (!parsed) return [];
      const detail = details.get(group.identity_key);
      return [
        {
          identityKey: group.identity_key,
          kind: parsed.kind,
          value: parsed.value,
          interactions: group.interactions,
          recentInteractions: group.recent ?? 0,
          flagged: group.flagged,
          blocked: group.blocked,
          sources: group.sources,
          // The exact times when the interactions are still there; the counted days otherwise.
          firstSeen: detail?.first_at ?? group.first_day,
          lastSeen: detail?.last_at ?? group.last_day,
          models: detail?.models ?? [],
          providers: detail?.providers ?? [],
          lastIdentity: detail?.last_identity ?? {},
          linkedWorkflow: detail?.workflow_id && detail.workflow_name ? { id: detail.workflow_id, name: detail.workflow_name } : null,
        },
      ];
    }),
  };
}
