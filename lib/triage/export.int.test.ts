import { NextRequest } from "next/server";
import { beforeAll, describe, expect, it } from "vitest";
import { GET as exportInteractions } from "@/app/api/interactions/export/route";
import { db } from "@/lib/db/client";
import { createTestUser, testRequestId, unique } from "@/lib/testing/factories";
import { createInteraction } from "@/lib/testing/interaction-fixtures";
import { createApiToken } from "@/lib/tokens/create-token";
import { exportQueue } from "./export";
import { parseQueueFilters } from "./queue-filters";
import { parseCsv } from "@/lib/testing/csv";

// The export: the view's rows, every one, as CSV or JSON, streamed page by page; open to auditors
// and to tokens with triage:export, refused to every other token; recorded in the audit trail.

const noParams = { params: Promise.resolve({}) };
const call = (path: string, token?: string) =>
  exportInteractions(new NextRequest(`http://warden.test${path}`, { headers: token ? { authorization: `Bearer ${token}` } : {} }), noParams);

const YEAR = 2040 + Math.floor(Math.random() * 50);
const MONTH = `${YEAR}-08`;
const window = `from=${MONTH}-01&to=${MONTH}-28&status=all`;


describe("exporting the queue", () => {
  const ids: string[] = [];
  let exportToken: string;
  let otherToken: string;

  beforeAll(async () => {
    const admin = await createTestUser("admin");
    exportToken = (await createApiToken(admin, { name: unique("siem"), scopes: ["triage:export"] }, testRequestId())).token;
    otherToken = (await createApiToken(admin, { name: unique("reader"), scopes: ["inventory:read", "audit:read"] }, testRequestId())).token;
    const groupKey = unique("workflow:export");
    for (let k = 0; k < 40; k++) {
      const created = await createInteraction({
        occurredAt: new Date(Date.UTC(YEAR, 7, 1 + (k % 27), k % 24, k % 60)),
        groupKey: k % 2 ? groupKey : undefined,
        model: k === 3 ? "=HYPERLINK(\"http://evil\")" : "gpt-4o",
        findings: [
          { category: "secret", owasp: "LLM02:2025", detector: "secrets", rule: "openai_api_key", severity: "critical", explanation: 'An OpenAI key, "sk-…WXYZ", masked.', secretKind: "openai_api_key", secretLastFour: "WXYZ", secretHash: "hash-not-exported" },
        ],
      });
      ids.push(created.id);
    }
  });

  it("streams every row of the view as CSV to a token with triage:export", async () => {
    const response = await call(`/api/interactions/export?format=csv&${window}&category=secret`, exportToken);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("content-disposition")).toMatch(/^attachment; filename="warden-interactions-\d{4}-\d{2}-\d{2}\.csv"$/);
    const [header, ...rows] = parseCsv(await response.text());
    expect(header).toEqual(expect.arrayContaining(["interaction_id", "occurred_at", "status", "severity", "categories", "workflow", "owner", "group_key", "findings"]));
    const idColumn = header!.indexOf("interaction_id");
    expect(rows.map((r) => r[idColumn]).sort()).toEqual([...ids].sort());
    // Newest first, as the queue shows them.
    const times = rows.map((r) => r[header!.indexOf("occurred_at")]!);
    expect([...times].sort().reverse()).toEqual(times);
    const findings = rows[0]![header!.indexOf("findings")]!;
    expect(findings).toContain('secret/openai_api_key (critical in messages[1].content): An OpenAI key, "sk-…WXYZ", masked.');
    expect(findings).not.toContain("hash-not-exported");
    // A value that a spreadsheet would run as a formula is made text.
    expect(rows.map((r) => r[header!.indexOf("model")])).toContain("'=HYPERLINK(\"http://evil\")");
  });

  it("streams the same rows as a JSON array, findings included", async () => {
    const response = await call(`/api/interactions/export?format=json&${window}&category=secret&sort=oldest`, exportToken);
    expect(response.headers.get("content-type")).toBe("application/json; charset=utf-8");
    const rows = JSON.parse(await response.text()) as { interactionId: string; occurredAt: string; findings: { rule: string; secretLastFour: string; secretHash?: string }[]; groupKey: string }[];
    expect(rows.map((r) => r.interactionId).sort()).toEqual([...ids].sort());
    expect(rows.map((r) => r.occurredAt)).toEqual(rows.map((r) => r.occurredAt).sort());
    expect(rows[0]!.findings[0]).toMatchObject({ rule: "openai_api_key", secretLastFour: "WXYZ" });
    expect(rows[0]!.findings[0]).not.toHaveProperty("secretHash");
  });

  it("exports an empty view as a header, or an empty array", async () => {
    const csv = await (await call(`/api/interactions/export?${window}&category=${unique("nothing")}`, exportToken)).text();
    expect(csv.split("\r\n").filter(Boolean)).toHaveLength(1);
    expect(JSON.parse(await (await call(`/api/interactions/export?format=json&${window}&category=${unique("nothing")}`, exportToken)).text())).toEqual([]);
  });

  it("refuses a token without the export scope, and bad filters, with problem+json", async () => {
    const refused = await call(`/api/interactions/export?${window}`, otherToken);
    expect(refused.status).toBe(403);
    expect(refused.headers.get("content-type")).toBe("application/problem+json");
    const bad = await call(`/api/interactions/export?format=xlsx&severity=urgent`, exportToken);
    expect(bad.status).toBe(422);
    expect(((await bad.json()) as { errors: Record<string, string> }).errors).toMatchObject({ format: "Format must be csv or json.", severity: expect.stringContaining("Severity must be one of") });
    const me = await call(`/api/interactions/export?assignee=me`, exportToken);
    expect(me.status).toBe(422);
  });

  it("lets an auditor export (read-only is not no-export), page by page, and records every export", async () => {
    const auditor = await createTestUser("auditor");
    const filters = parseQueueFilters({ from: `${MONTH}-01`, to: `${MONTH}-28`, status: "all", category: "secret", view: "groups" });
    const requestId = testRequestId();
    // Pages of 7 rows: the stream reads the view in six keyset pages.
    const { stream } = await exportQueue(auditor, filters.data!, "json", requestId, 7);
    const rows = JSON.parse(await new Response(stream).text()) as { interactionId: string }[];
    // Grouped on screen or not, the export lists every interaction, in the view's order, once.
    const whole = JSON.parse(await (await call(`/api/interactions/export?format=json&${window}&category=secret`, exportToken)).text()) as { interactionId: string }[];
    expect(rows.map((r) => r.interactionId)).toEqual(whole.map((r) => r.interactionId));
    expect(new Set(rows.map((r) => r.interactionId)).size).toBe(ids.length);
    const audit = await db.auditEvent.findFirstOrThrow({ where: { action: "triage.export", requestId } });
    expect(audit).toMatchObject({ actorId: auditor.id, targetType: "triage_queue", after: { format: "json", view: expect.stringContaining("category=secret") } });
  });
});
