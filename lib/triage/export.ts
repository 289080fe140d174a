import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { recordAudit } from "@/lib/audit/record";
import { db } from "@/lib/db/client";
import type { StoredFinding } from "@/lib/ingest/analysed";
import { csvCell, type CsvValue } from "@/lib/inventory/csv";
import { listQueue, type QueueRow } from "./list-queue";
import { queueQuery, type QueueFilters } from "./queue-filters";
import { resolveFilters } from "./queue-sql";

// The queue's current view as CSV or JSON, for an incident or an auditor: every interaction the
// filters match (one per row, grouped or not on screen, with its group key), in the view's sort
// order, with its findings. Streamed: each chunk is one keyset page read when the client asks for
// more, so an export of the whole queue never sits in memory.

export const EXPORT_FORMATS = ["csv", "json"] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

const EXPORT_PAGE_SIZE = 500;

/** What an export says of each finding: the stored finding without its hashes and ids. */
type ExportFinding = Pick<StoredFinding, "category" | "owasp" | "severity" | "detector" | "rule" | "field" | "spanStart" | "spanEnd" | "explanation" | "secretKind" | "secretLastFour">;

type ExportRow = QueueRow & { findings: ExportFinding[] };

const CSV_COLUMNS: { header: string; value: (row: ExportRow) => CsvValue }[] = [
  { header: "interaction_id", value: (r) => r.interactionId },
  { header: "occurred_at", value: (r) => r.occurredAt },
  { header: "status", value: (r) => r.status },
  { header: "severity", value: (r) => r.severity },
  { header: "categories", value: (r) => r.categories },
  { header: "owasp", value: (r) => r.owasp },
  { header: "detectors", value: (r) => r.detectors },
  { header: "rules", value: (r) => r.rules },
  { header: "workflow", value: (r) => r.workflow?.name },
  { header: "workflow_id", value: (r) => r.workflow?.id },
  { header: "owner", value: (r) => r.owner?.name },
  { header: "source", value: (r) => r.source },
  { header: "model", value: (r) => r.model },
  { header: "caller", value: (r) => r.identityKey },
  { header: "assignee", value: (r) => r.assignee?.name },
  { header: "group_key", value: (r) => r.groupKey },
  { header: "related_in_view", value: (r) => (r.relatedCapped ? `${r.related}+` : r.related) },
  { header: "findings", value: (r) => r.findings.map((f) => `${f.category}/${f.rule} (${f.severity}${f.field ? ` in ${f.field}` : ""}): ${f.explanation}`) },
];

function jsonRow(row: ExportRow) {
  return {
    interactionId: row.interactionId,
    occurredAt: row.occurredAt.toISOString(),
    status: row.status,
    severity: row.severity,
    categories: row.categories,
    owasp: row.owasp,
    detectors: row.detectors,
    rules: row.rules,
    workflow: row.workflow,
    owner: row.owner,
    source: row.source,
    model: row.model,
    caller: row.identityKey,
    assignee: row.assignee,
    groupKey: row.groupKey,
    relatedInView: row.related,
    relatedCapped: row.relatedCapped,
    findings: row.findings,
  };
}

async function findingsFor(rows: QueueRow[]): Promise<Map<string, ExportFinding[]>> {
  if (rows.length === 0) return new Map();
  const times = rows.map((r) => r.occurredAt.getTime());
  const found = await db.interactionFinding.findMany({
    // The time range lets PostgreSQL read only the partitions these rows live in.
    where: { interactionId: { in: rows.map((r) => r.interactionId) }, occurredAt: { gte: new Date(Math.min(...times)), lte: new Date(Math.max(...times)) } },
    orderBy: [{ interactionId: "asc" }, { field: "asc" }, { spanStart: "asc" }],
    select: { interactionId: true, category: true, owasp: true, severity: true, detector: true, rule: true, field: true, spanStart: true, spanEnd: true, explanation: true, secretKind: true, secretLastFour: true },
  });
  const byInteraction = new Map<string, ExportFinding[]>();
  for (const { interactionId, ...finding } of found) byInteraction.set(interactionId, [...(byInteraction.get(interactionId) ?? []), finding]);
  return byInteraction;
}

/**
 * Starts an export of this view. The export is recorded in the audit trail (data leaving Warden)
 * before the first byte is sent; bad filters are refused before that too.
 */
export async function exportQueue(actor: Actor, filters: QueueFilters, format: ExportFormat, requestId: string, pageSize = EXPORT_PAGE_SIZE) {
  const view: QueueFilters = { ...filters, view: "all", after: undefined, before: undefined };
  resolveFilters(view, actor);
  await db.$transaction((tx) =>
    recordAudit(tx, { actor, action: "triage.export", target: { type: "triage_queue" }, after: { format, view: queueQuery({ ...filters, after: undefined, before: undefined }) }, requestId }),
  );

  const encoder = new TextEncoder();
  let after: string | undefined;
  let rowsSent = 0;
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(encoder.encode(format === "csv" ? CSV_COLUMNS.map((c) => csvCell(c.header)).join(",") + "\r\n" : "[\n"));
    },
    async pull(controller) {
      try {
        const page = await listQueue(actor, { ...view, after }, pageSize);
        const findings = await findingsFor(page.rows);
        const rows = page.rows.map((row) => ({ ...row, findings: findings.get(row.interactionId) ?? [] }));
        let chunk = "";
        for (const row of rows) {
          if (format === "csv") chunk += CSV_COLUMNS.map((c) => csvCell(c.value(row))).join(",") + "\r\n";
          else chunk += (rowsSent > 0 ? ",\n" : "") + JSON.stringify(jsonRow(row));
          rowsSent++;
        }
        if (!page.next) {
          if (format === "json") chunk += rowsSent > 0 ? "\n]\n" : "]\n";
          if (chunk) controller.enqueue(encoder.encode(chunk));
          controller.close();
          return;
        }
        after = page.next;
        controller.enqueue(encoder.encode(chunk));
      } catch (error) {
        console.error(`[${requestId}] triage export failed after ${rowsSent} rows`, error);
        controller.error(error);
      }
    },
  });
  const filename = `warden-interactions-${new Date().toISOString().slice(0, 10)}.${format}`;
  return { stream, filename, contentType: format === "csv" ? "text/csv; charset=utf-8" : "application/json; charset=utf-8" };
}
