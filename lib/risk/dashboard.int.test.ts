import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import type { Severity, TriageStatus } from "@/lib/generated/prisma/client";
import { createTestUser, unique } from "@/lib/testing/factories";
import { createTestConnector } from "@/lib/testing/inventory-fixtures";
import { getRiskDashboard } from "./dashboard";

// The dashboard's figures from made-up triage items with known counts, in a week of 2032 that no
// other test writes to, so every figure can be asserted exactly. The items are written with plain
// inserts, updates and deletes: the rollups the dashboard reads are kept by the database's triggers.

const NOW = new Date("2032-03-10T12:00:00.000Z");
const at = (iso: string) => new Date(iso);
const MIN = 60_000;

let w1: { id: string; name: string };
let w2: { id: string; name: string };
let w3: { id: string; name: string };
let teamId: string;
let teamName: string;
let ownerName: string;
let c1: { id: string; name: string };
let c2: { id: string; name: string };
const ids: Record<number, string> = {};

function item(n: number, data: { occurredAt: Date; workflowId: string | null; severity: Severity; status: TriageStatus; categories: string[]; connectorIds?: string[]; triagedAfterMs?: number }) {
  ids[n] = randomUUID();
  const createdAt = new Date(data.occurredAt.getTime() + 1000);
  return {
    interactionId: ids[n],
    occurredAt: data.occurredAt,
    workflowId: data.workflowId,
    identityKey: data.workflowId ? null : "key_alias:shadow-risk-test",
    source: "litellm",
    severity: data.severity,
    status: data.status,
    categories: data.categories,
    connectorIds: data.connectorIds ?? [],
    groupKey: `test:${n}`,
    createdAt,
    triagedAt: data.triagedAfterMs === undefined ? null : new Date(createdAt.getTime() + data.triagedAfterMs),
  };
}

beforeAll(async () => {
  const owner = await createTestUser("owner");
  ownerName = owner.name;
  teamName = unique("Risk team");
  teamId = (await db.team.create({ data: { name: teamName } })).id;
  const workflow = (name: string, team: string | null) =>
    db.workflow.create({ data: { name: unique(name), purpose: "Risk dashboard test", environment: "production", dataClassification: "internal", status: "active", teamId: team, ownerId: owner.id } });
  w1 = await workflow("Risk Alpha", teamId);
  w2 = await workflow("Risk Beta", teamId);
  w3 = await workflow("Risk Gamma", null);
  c1 = await createTestConnector({ actions: ["read", "write", "delete"] });
  c2 = await createTestConnector();

  await db.triageItem.createMany({
    data: [
      item(1, { occurredAt: at("2032-03-10T10:00:00Z"), workflowId: w1.id, severity: "high", status: "new", categories: ["prompt_injection"] }),
      item(2, { occurredAt: at("2032-03-10T11:00:00Z"), workflowId: w1.id, severity: "critical", status: "in_review", categories: ["prompt_injection", "jailbreak"], triagedAfterMs: 10 * MIN }),
      item(3, { occurredAt: at("2032-03-09T08:00:00Z"), workflowId: w1.id, severity: "medium", status: "resolved", categories: ["pii"], triagedAfterMs: 180 * MIN }),
      item(4, { occurredAt: at("2032-03-09T09:00:00Z"), workflowId: w2.id, severity: "high", status: "false_positive", categories: ["secret"], triagedAfterMs: 90_000 }),
      item(5, { occurredAt: at("2032-03-08T09:00:00Z"), workflowId: w2.id, severity: "high", status: "escalated", categories: ["excessive_agency"], connectorIds: [c1.id], triagedAfterMs: (49 * 60) * MIN }),
      item(6, { occurredAt: at("2032-03-05T09:00:00Z"), workflowId: w3.id, severity: "low", status: "new", categories: ["excessive_agency"], connectorIds: [c1.id, c2.id] }),
      // The first instant of the period is in it; the last instant before it is not.
      item(7, { occurredAt: at("2032-03-04T00:00:00Z"), workflowId: null, severity: "medium", status: "new", categories: ["prompt_injection"] }),
      item(8, { occurredAt: at("2032-03-03T23:59:59Z"), workflowId: w1.id, severity: "critical", status: "new", categories: ["secret"] }),
      // A connector on an item without excessive agency is not counted per connector.
      item(9, { occurredAt: at("2032-03-10T07:00:00Z"), workflowId: w3.id, severity: "info", status: "resolved", categories: ["pii"], connectorIds: [c2.id], triagedAfterMs: 300 * MIN }),
    ],
  });

  await db.interactionDailyCount.createMany({
    data: [
      { day: at("2032-03-06"), source: "litellm", identityKey: "key_alias:shadow-risk-test", registered: false, interactions: 40, flagged: 2, blocked: 1 },
      { day: at("2032-03-06"), source: "portkey", identityKey: "key_alias:shadow-risk-test", registered: false, interactions: 10, flagged: 0, blocked: 0 },
      { day: at("2032-03-07"), source: "litellm", identityKey: "team:risk-ds", registered: false, interactions: 5, flagged: 1, blocked: 0 },
      { day: at("2032-03-07"), source: "litellm", identityKey: "key_alias:registered-risk", registered: true, interactions: 100, flagged: 3, blocked: 0 },
      { day: at("2032-03-02"), source: "litellm", identityKey: "key_alias:shadow-risk-test", registered: false, interactions: 999, flagged: 9, blocked: 0 },
    ],
  });
});

describe("risk dashboard aggregates", () => {
  it("counts the period's items by status, category, severity, workflow, team and connector", async () => {
    const d = await getRiskDashboard(7, NOW);
    expect(d.period).toMatchObject({ fromDay: "2032-03-04", toDay: "2032-03-10" });
    expect(d.totals).toEqual({ flagged: 8, open: 5, resolved: 2, falsePositive: 1 });

    expect(d.categories).toEqual([
      { category: "prompt_injection", flagged: 3, open: 3 },
      { category: "excessive_agency", flagged: 2, open: 2 },
      { category: "pii", flagged: 2, open: 0 },
      { category: "jailbreak", flagged: 1, open: 1 },
      { category: "secret", flagged: 1, open: 0 },
    ]);
    expect(d.severities).toEqual([
      { severity: "critical", flagged: 1, open: 1 },
      { severity: "high", flagged: 3, open: 2 },
      { severity: "medium", flagged: 2, open: 1 },
      { severity: "low", flagged: 1, open: 1 },
      { severity: "info", flagged: 1, open: 0 },
    ]);

    expect(d.workflows).toEqual([
      { id: w1.id, name: w1.name, teamId, teamName, ownerName, open: 2, flagged: 3 },
      { id: w2.id, name: w2.name, teamId, teamName, ownerName, open: 1, flagged: 2 },
      { id: w3.id, name: w3.name, teamId: null, teamName: null, ownerName, open: 1, flagged: 2 },
    ]);
    expect(d.unregisteredItems).toEqual({ open: 1, flagged: 1 });
    expect(d.teams).toEqual([
      { teamId, name: teamName, open: 3, flagged: 5 },
      { teamId: null, name: "No team", open: 1, flagged: 2 },
    ]);
    expect(d.connectors).toEqual([
      { id: c1.id, name: c1.name, open: 2, flagged: 2 },
      { id: c2.id, name: c2.name, open: 1, flagged: 1 },
    ]);
  });

  it("lays the days out without gaps, by status and by category", async () => {
    const d = await getRiskDashboard(7, NOW);
    expect(d.days.map((day) => day.day)).toEqual(["2032-03-04", "2032-03-05", "2032-03-06", "2032-03-07", "2032-03-08", "2032-03-09", "2032-03-10"]);
    expect(d.days.at(-1)).toEqual({ day: "2032-03-10", flagged: 3, open: 2, resolved: 1, falsePositive: 0, categories: { prompt_injection: 2, jailbreak: 1, pii: 1 } });
    expect(d.days[0]).toEqual({ day: "2032-03-04", flagged: 1, open: 1, resolved: 0, falsePositive: 0, categories: { prompt_injection: 1 } });
    expect(d.days[2]).toEqual({ day: "2032-03-06", flagged: 0, open: 0, resolved: 0, falsePositive: 0, categories: {} });
  });

  it("reports time to triage as the bucket holding the median and the 90th percentile", async () => {
    const { triageTime } = await getRiskDashboard(7, NOW);
    // Triaged after 90 s, 10 min, 3 h, 5 h and 49 h: buckets 1, 2, 6, 7 and 11.
    expect(triageTime.triaged).toBe(5);
    expect(triageTime.buckets.filter((b) => b.items > 0).map((b) => [b.bucket, b.items])).toEqual([[1, 1], [2, 1], [6, 1], [7, 1], [11, 1]]);
    expect(triageTime.median).toEqual({ bucket: 6, withinSeconds: 14400, label: "within 4 h" });
    expect(triageTime.p90).toEqual({ bucket: 11, withinSeconds: 259200, label: "within 3 days" });
  });

  it("reads unregistered AI usage from the daily counts", async () => {
    const { unregisteredUsage: u } = await getRiskDashboard(7, NOW);
    expect(u).toMatchObject({ interactions: 55, flagged: 3, allInteractions: 155 });
    expect(u.callers).toEqual([
      { identityKey: "key_alias:shadow-risk-test", interactions: 50, flagged: 2 },
      { identityKey: "team:risk-ds", interactions: 5, flagged: 1 },
    ]);
    expect(u.days.find((day) => day.day === "2032-03-06")).toEqual({ day: "2032-03-06", interactions: 50, flagged: 2 });
    expect(u.days).toHaveLength(7);
  });

  it("follows status changes, deletions and a workflow's removal", async () => {
    // An analyst marks item 1 a false positive: the open count drops by one.
    await db.triageItem.update({ where: { interactionId: ids[1]! }, data: { status: "false_positive", triagedAt: new Date(at("2032-03-10T10:00:01Z").getTime() + 2 * MIN) } });
    let d = await getRiskDashboard(7, NOW);
    expect(d.totals).toEqual({ flagged: 8, open: 4, resolved: 2, falsePositive: 2 });
    expect(d.severities.find((s) => s.severity === "high")).toEqual({ severity: "high", flagged: 3, open: 1 });
    expect(d.triageTime.triaged).toBe(6);

    // The retention purge deletes item 3; none of the dashboard's own rollup rows is left at zero.
    await db.triageItem.delete({ where: { interactionId: ids[3]! } });
    d = await getRiskDashboard(7, NOW);
    expect(d.totals).toEqual({ flagged: 7, open: 4, resolved: 1, falsePositive: 2 });
    expect(d.categories.find((c) => c.category === "pii")).toEqual({ category: "pii", flagged: 1, open: 0 });
    const zeros = await db.$queryRaw<{ n: number }[]>`
      SELECT (SELECT count(*) FROM triage_connector_daily_counts WHERE items = 0) + (SELECT count(*) FROM triage_time_daily_counts WHERE items = 0) AS n`;
    expect(Number(zeros[0]!.n)).toBe(0);

    // Deleting a workflow nulls its items' workflow_id (a foreign-key action): they become unregistered.
    await db.workflow.delete({ where: { id: w3.id } });
    d = await getRiskDashboard(7, NOW);
    expect(d.unregisteredItems).toEqual({ open: 2, flagged: 3 });
    expect(d.workflows.map((w) => [w.id, w.open, w.flagged])).toEqual([[w1.id, 1, 2], [w2.id, 1, 2]]);
    expect(d.teams).toEqual([{ teamId, name: teamName, open: 2, flagged: 4 }]);
  });

  it("keeps its own rollups equal to a recount of the items", async () => {
    const mismatches = await db.$queryRaw<{ n: number }[]>`
      WITH items AS (SELECT * FROM triage_items WHERE occurred_at >= '2032-03-01' AND occurred_at < '2032-03-11'),
      by_connector AS (
        SELECT (occurred_at AT TIME ZONE 'UTC')::date AS day, c AS connector_id, status, count(*)::int AS items
        FROM items, unnest(connector_ids) AS c WHERE 'excessive_agency' = ANY (categories) GROUP BY 1, 2, 3
      ),
      by_time AS (
        SELECT (occurred_at AT TIME ZONE 'UTC')::date AS day, warden_triage_time_bucket(created_at, triaged_at) AS bucket, count(*)::int AS items FROM items WHERE triaged_at IS NOT NULL GROUP BY 1, 2
      )
      SELECT (SELECT count(*) FROM by_connector b FULL JOIN (SELECT * FROM triage_connector_daily_counts WHERE day BETWEEN '2032-03-01' AND '2032-03-10') r USING (day, connector_id, status) WHERE b.items IS DISTINCT FROM r.items)
           + (SELECT count(*) FROM by_time b FULL JOIN (SELECT * FROM triage_time_daily_counts WHERE day BETWEEN '2032-03-01' AND '2032-03-10') r USING (day, bucket) WHERE b.items IS DISTINCT FROM r.items) AS n`;
    expect(Number(mismatches[0]!.n)).toBe(0);
  });
});
