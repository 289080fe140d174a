import "server-only";
import { db } from "@/lib/db/client";
import type { Severity, TriageStatus } from "@/lib/generated/prisma/client";
import { SEVERITIES } from "@/lib/triage/labels";
import { OPEN_TRIAGE_STATUSES } from "@/lib/triage/status";
import { riskPeriod, type RiskPeriod, type RiskPeriodDays } from "./period";
import { bucketLabel, TRIAGE_TIME_BOUNDS_SECONDS, triageTimePercentile, type TriageTimePercentile } from "./triage-time";

// The risk dashboard's figures for a period, read from daily rollups, never from the interactions
// or the triage items themselves: triage_facet_counts (items per day, status and severity, category
// or workflow; the queue's counts), triage_connector_daily_counts and triage_time_daily_counts (this
// dashboard's own), all kept by triggers on triage_items, and interaction_daily_counts, kept by
// ingestion. Each query reads (days x a few hundred) small rows, however many interactions there are.

const TOP = 8;
const OPEN: readonly TriageStatus[] = OPEN_TRIAGE_STATUSES;

export interface StatusCounts {
  flagged: number;
  open: number;
  resolved: number;
  falsePositive: number;
}

export interface RiskDashboard {
  period: RiskPeriod;
  totals: StatusCounts;
  /** Per day of the period, no gaps: items by status group, and by category (an item counts once per category). */
  days: (StatusCounts & { day: string; categories: Record<string, number> })[];
  /** Categories seen in the period, most flagged first. */
  categories: { category: string; flagged: number; open: number }[];
  /** Every severity, highest first. */
  severities: { severity: Severity; flagged: number; open: number }[];
  /** Registered workflows with the most open items. */
  workflows: { id: string; name: string; teamId: string | null; teamName: string | null; ownerName: string | null; open: number; flagged: number }[];
  /** Items from callers with no registered workflow. */
  unregisteredItems: { open: number; flagged: number };
  /** Teams (of the workflows) with the most open items; teamId null: workflows with no team. */
  teams: { teamId: string | null; name: string; open: number; flagged: number }[];
  /** Excessive-agency items per connector, most first. */
  connectors: { id: string; name: string; open: number; flagged: number }[];
  triageTime: {
    triaged: number;
    median: TriageTimePercentile | null;
    p90: TriageTimePercentile | null;
    buckets: { bucket: number; label: string; items: number }[];
  };
  unregisteredUsage: {
    interactions: number;
    flagged: number;
    /** All interactions in the period, registered or not, for the share. */
    allInteractions: number;
    days: { day: string; interactions: number; flagged: number }[];
    callers: { identityKey: string; interactions: number; flagged: number }[];
  };
}

const statusGroup = (status: TriageStatus): "open" | "resolved" | "falsePositive" =>
  status === "false_positive" ? "falsePositive" : status === "resolved" ? "resolved" : "open";

function emptyCounts(): StatusCounts {
  return { flagged: 0, open: 0, resolved: 0, falsePositive: 0 };
}

function addTo(counts: StatusCounts, status: TriageStatus, items: number) {
  counts.flagged += items;
  counts[statusGroup(status)] += items;
}

export async function getRiskDashboard(days: RiskPeriodDays, now: Date = new Date()): Promise<RiskDashboard> {
  const period = riskPeriod(days, now);
  const from = period.fromDay;
  const to = period.toDay;
  const open = [...OPEN];

  const [byDayStatus, bySeverity, byCategory, workflows, unregisteredItems, teams, connectors, triageTimes, unregisteredDays, callers, allInteractions] = await Promise.all([
    // Every item has exactly one severity: the severity rows count each item once.
    db.$queryRaw<{ day: string; status: TriageStatus; items: number }[]>`
      SELECT day::text AS day, status, sum(items)::int AS items FROM triage_facet_counts
      WHERE day BETWEEN ${from}::date AND ${to}::date AND dimension = 'severity' GROUP BY day, status`,
    db.$queryRaw<{ severity: Severity; flagged: number; open: number }[]>`
      SELECT value AS severity, sum(items)::int AS flagged, COALESCE(sum(items) FILTER (WHERE status = ANY (${open}::"TriageStatus"[])), 0)::int AS open
      FROM triage_facet_counts WHERE day BETWEEN ${from}::date AND ${to}::date AND dimension = 'severity' GROUP BY value`,
    db.$queryRaw<{ day: string; category: string; status: TriageStatus; items: number }[]>`
      SELECT day::text AS day, value AS category, status, sum(items)::int AS items FROM triage_facet_counts
      WHERE day BETWEEN ${from}::date AND ${to}::date AND dimension = 'category' AND items <> 0 GROUP BY day, value, status`,
    db.$queryRaw<RiskDashboard["workflows"]>`
      WITH counts AS (
        SELECT value AS workflow_id, COALESCE(sum(items) FILTER (WHERE status = ANY (${open}::"TriageStatus"[])), 0)::int AS open, sum(items)::int AS flagged
        FROM triage_facet_counts WHERE day BETWEEN ${from}::date AND ${to}::date AND dimension = 'workflow' AND value <> '' GROUP BY value
      )
      SELECT w.id, w.name, t.id AS "teamId", t.name AS "teamName", u.name AS "ownerName", c.open, c.flagged
      FROM counts c JOIN workflows w ON w.id::text = c.workflow_id LEFT JOIN teams t ON t.id = w.team_id LEFT JOIN users u ON u.id = w.owner_id
      WHERE c.open > 0 ORDER BY c.open DESC, c.flagged DESC, w.name LIMIT ${TOP}`,
    db.$queryRaw<{ open: number; flagged: number }[]>`
      SELECT COALESCE(sum(items) FILTER (WHERE status = ANY (${open}::"TriageStatus"[])), 0)::int AS open, COALESCE(sum(items), 0)::int AS flagged
      FROM triage_facet_counts WHERE day BETWEEN ${from}::date AND ${to}::date AND dimension = 'workflow' AND value = ''`,
    db.$queryRaw<RiskDashboard["teams"]>`
      SELECT t.id AS "teamId", COALESCE(t.name, 'No team') AS name,
             COALESCE(sum(c.items) FILTER (WHERE c.status = ANY (${open}::"TriageStatus"[])), 0)::int AS open, sum(c.items)::int AS flagged
      FROM triage_facet_counts c JOIN workflows w ON w.id::text = c.value LEFT JOIN teams t ON t.id = w.team_id
      WHERE c.day BETWEEN ${from}::date AND ${to}::date AND c.dimension = 'workflow' AND c.value <> ''
      GROUP BY t.id, t.name HAVING COALESCE(sum(c.items) FILTER (WHERE c.status = ANY (${open}::"TriageStatus"[])), 0) > 0
      ORDER BY open DESC, flagged DESC, name LIMIT ${TOP}`,
    db.$queryRaw<RiskDashboard["connectors"]>`
      SELECT k.id, k.name, COALESCE(sum(c.items) FILTER (WHERE c.status = ANY (${open}::"TriageStatus"[])), 0)::int AS open, sum(c.items)::int AS flagged
      FROM triage_connector_daily_counts c JOIN connectors k ON k.id = c.connector_id
      WHERE c.day BETWEEN ${from}::date AND ${to}::date
      GROUP BY k.id, k.name HAVING sum(c.items) > 0 ORDER BY flagged DESC, open DESC, k.name LIMIT ${TOP}`,
    db.$queryRaw<{ bucket: number; items: number }[]>`
      SELECT bucket, sum(items)::int AS items FROM triage_time_daily_counts
      WHERE day BETWEEN ${from}::date AND ${to}::date GROUP BY bucket`,
    db.$queryRaw<{ day: string; interactions: number; flagged: number }[]>`
      SELECT day::text AS day, sum(interactions)::int AS interactions, sum(flagged)::int AS flagged FROM interaction_daily_counts
      WHERE day BETWEEN ${from}::date AND ${to}::date AND NOT registered GROUP BY day`,
    db.$queryRaw<RiskDashboard["unregisteredUsage"]["callers"]>`
      SELECT identity_key AS "identityKey", sum(interactions)::int AS interactions, sum(flagged)::int AS flagged FROM interaction_daily_counts
      WHERE day BETWEEN ${from}::date AND ${to}::date AND NOT registered
      GROUP BY identity_key ORDER BY interactions DESC, identity_key LIMIT ${TOP}`,
    db.$queryRaw<{ interactions: number }[]>`
      SELECT COALESCE(sum(interactions), 0)::int AS interactions FROM interaction_daily_counts WHERE day BETWEEN ${from}::date AND ${to}::date`,
  ]);

  const totals = emptyCounts();
  const dayRows = new Map(period.dayList.map((day) => [day, { day, ...emptyCounts(), categories: {} as Record<string, number> }]));
  for (const row of byDayStatus) {
    addTo(totals, row.status, row.items);
    const day = dayRows.get(row.day);
    if (day) addTo(day, row.status, row.items);
  }

  const categories = new Map<string, { category: string; flagged: number; open: number }>();
  for (const row of byCategory) {
    const day = dayRows.get(row.day);
    if (day) day.categories[row.category] = (day.categories[row.category] ?? 0) + row.items;
    const entry = categories.get(row.category) ?? { category: row.category, flagged: 0, open: 0 };
    entry.flagged += row.items;
    if (OPEN.includes(row.status)) entry.open += row.items;
    categories.set(row.category, entry);
  }

  const severityCounts = new Map(bySeverity.map((row) => [row.severity, row]));
  const timeCounts = new Map(triageTimes.map((row) => [row.bucket, row.items]));
  const unregisteredByDay = new Map(unregisteredDays.map((row) => [row.day, row]));

  return {
    period,
    totals,
    days: [...dayRows.values()],
    categories: [...categories.values()].sort((a, b) => b.flagged - a.flagged || a.category.localeCompare(b.category)),
    severities: [...SEVERITIES].reverse().map((severity) => ({ severity, flagged: severityCounts.get(severity)?.flagged ?? 0, open: severityCounts.get(severity)?.open ?? 0 })),
    workflows,
    unregisteredItems: unregisteredItems[0] ?? { open: 0, flagged: 0 },
    teams,
    connectors,
    triageTime: {
      triaged: triageTimes.reduce((sum, row) => sum + row.items, 0),
      median: triageTimePercentile(timeCounts, 50),
      p90: triageTimePercentile(timeCounts, 90),
      buckets: TRIAGE_TIME_BOUNDS_SECONDS.map((_, index) => ({ bucket: index + 1, label: bucketLabel(index + 1), items: timeCounts.get(index + 1) ?? 0 })),
    },
    unregisteredUsage: {
      interactions: unregisteredDays.reduce((sum, row) => sum + row.interactions, 0),
      flagged: unregisteredDays.reduce((sum, row) => sum + row.flagged, 0),
      allInteractions: allInteractions[0]?.interactions ?? 0,
      days: period.dayList.map((day) => ({ day, interactions: unregisteredByDay.get(day)?.interactions ?? 0, flagged: unregisteredByDay.get(day)?.flagged ?? 0 })),
      callers,
    },
  };
}
