import "server-only";
import { z } from "zod";
import { db } from "@/lib/db/client";
import { textCutoff } from "@/lib/ingest/retention-window";
import type { GrantStatus, ExecutionMode, InteractionVerdict, Severity, TriageStatus } from "@/lib/generated/prisma/client";
import { readStoredTexts, type StoredTextsView } from "./fields";
import { RELATED_COUNT_CAP } from "./list-queue";

// One interaction as an analyst needs it: what was said (masked, as stored), what flagged it and
// why, every check that ran, who is accountable (workflow, owner, the grant a tool call ran under),
// the rest of the conversation, related interactions, and the triage decisions so far. Reads by
// (id, occurred_at) so each partitioned table is probed in one partition.

export const CONVERSATION_TURNS_SHOWN = 50;
/** Turns are looked for this far either side of the interaction, so only a partition or two is read. */
export const CONVERSATION_WINDOW_MS = 7 * 86_400_000;
export const RELATED_SHOWN = 20;

export interface CheckView {
  source: string;
  name: string;
  ruleSet: string | null;
  mode: string | null;
  status: string;
  passed: boolean | null;
  durationMs: number | null;
  findings: number | null;
  detail: string | null;
}

export interface ToolCallView {
  name: string;
  connector: string | null;
  action: string | null;
  resource: string | null;
  inHistory: boolean;
}

export interface FindingView {
  id: string;
  source: string;
  detector: string;
  rule: string;
  category: string;
  owasp: string | null;
  severity: Severity;
  field: string | null;
  spanStart: number | null;
  spanEnd: number | null;
  explanation: string;
  secret: { kind: string | null; lastFour: string | null } | null;
  connector: { id: string; name: string } | null;
  /** For excessive-agency findings: the grant the call ran under, or null when it ran under none. */
  grant: { id: string; status: GrantStatus; mode: ExecutionMode; actions: string[]; resources: string[]; expiresAt: Date | null } | null;
  /** Whether this finding is about a tool call's authority (the grant it ran under, or none). */
  agency: boolean;
}

export interface HistoryEntry {
  kind: "status" | "assignment" | "comment";
  id: string;
  at: Date;
  actor: string;
  fromStatus: TriageStatus | null;
  toStatus: TriageStatus | null;
  fromAssignee: string | null;
  toAssignee: string | null;
  /** The reason of a decision, or the text of a comment. */
  text: string | null;
  viaGroup: boolean;
}

export interface InteractionDetail {
  id: string;
  occurredAt: Date;
  ingestedAt: Date;
  source: string;
  model: string | null;
  provider: string | null;
  endUser: string | null;
  conversationId: string | null;
  identityKey: string | null;
  verdict: InteractionVerdict;
  severity: Severity | null;
  categories: string[];
  tokensIn: number | null;
  tokensOut: number | null;
  latencyMs: number | null;
  truncatedFields: string[];
  toolCalls: ToolCallView[];
  checks: CheckView[];
  /** The masked texts, or null when none are stored (see textGone). */
  texts: StoredTextsView | null;
  /** Why there is no text: purged by retention, or never stored. */
  textGone: "purged" | "not_stored" | null;
  findings: FindingView[];
  workflow: {
    id: string;
    name: string;
    status: string;
    owner: { id: string; name: string; email: string; active: boolean } | null;
    team: { id: string; name: string } | null;
  } | null;
  triage: {
    status: TriageStatus;
    assignee: { id: string; name: string } | null;
    triagedAt: Date | null;
    groupKey: string;
    updatedAt: Date;
  } | null;
  history: HistoryEntry[];
  conversation: { id: string; occurredAt: Date; verdict: InteractionVerdict; severity: Severity | null; model: string | null; status: TriageStatus | null }[];
  related: { id: string; occurredAt: Date; status: TriageStatus; severity: Severity; workflowName: string | null }[];
  /** Items in the same group besides this one (capped at RELATED_COUNT_CAP - 1). */
  relatedTotal: number;
}

const checkShape = z
  .object({
    source: z.string().catch("unknown"),
    name: z.string().optional(),
    detector: z.string().optional(),
    ruleSet: z.string().optional(),
    mode: z.string().optional(),
    status: z.string().optional(),
    passed: z.boolean().optional(),
    durationMs: z.number().nullable().optional(),
    findings: z.number().optional(),
    detail: z.string().optional(),
  })
  .loose();

const toolCallShape = z
  .object({
    name: z.string().catch("(unnamed)"),
    connector: z.string().optional(),
    action: z.string().optional(),
    resource: z.string().optional(),
    inHistory: z.boolean().optional(),
  })
  .loose();

function readChecks(value: unknown): CheckView[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((raw) => {
    const parsed = checkShape.safeParse(raw);
    if (!parsed.success) return [];
    const c = parsed.data;
    const passed = c.passed ?? null;
    return [
      {
        source: c.source,
        name: c.name ?? c.detector ?? "(unnamed)",
        ruleSet: c.ruleSet ?? null,
        mode: c.mode ?? null,
        status: c.status ?? (passed === null ? "unknown" : passed ? "passed" : "failed"),
        passed,
        durationMs: c.durationMs ?? null,
        findings: c.findings ?? null,
        detail: c.detail ?? null,
      },
    ];
  });
}

function readToolCalls(value: unknown): ToolCallView[] {
  if (!Array.isArray(value)) return [];
  return value.map((raw) => {
    const parsed = toolCallShape.safeParse(raw);
    const t = parsed.success ? parsed.data : { name: "(unreadable)" };
    return { name: t.name, connector: t.connector ?? null, action: t.action ?? null, resource: t.resource ?? null, inHistory: t.inHistory ?? false };
  });
}

const AGENCY = new Set(["excessive_agency"]);

/** The interaction with this id, or null when there is none (or the id is not one). */
export async function getInteraction(id: string, now = new Date()): Promise<InteractionDetail | null> {
  if (!z.guid().safeParse(id).success) return null;
  const item = await db.triageItem.findUnique({
    where: { interactionId: id },
    select: { occurredAt: true, status: true, triagedAt: true, groupKey: true, updatedAt: true, assignee: { select: { id: true, name: true } } },
  });
  // A flagged interaction's time comes from its triage item (one partition); any other is looked up by id.
  const interaction = item
    ? await db.interaction.findUnique({ where: { id_occurredAt: { id, occurredAt: item.occurredAt } } })
    : await db.interaction.findFirst({ where: { id } });
  if (!interaction) return null;
  const at = interaction.occurredAt;

  const [texts, findings, workflow, conversation, related, history] = await Promise.all([
    db.interactionText.findUnique({ where: { interactionId_occurredAt: { interactionId: id, occurredAt: at } } }),
    db.interactionFinding.findMany({ where: { interactionId: id, occurredAt: at }, orderBy: [{ field: "asc" }, { spanStart: "asc" }] }),
    interaction.workflowId
      ? db.workflow.findUnique({
          where: { id: interaction.workflowId },
          select: { id: true, name: true, status: true, owner: { select: { id: true, name: true, email: true, active: true } }, team: { select: { id: true, name: true } } },
        })
      : null,
    interaction.conversationId ? conversationTurns(interaction.conversationId, id, at) : [],
    item ? relatedItems(item.groupKey, id) : { rows: [], total: 0 },
    item ? triageHistory(id) : [],
  ]);

  const grantIds = [...new Set(findings.map((f) => f.grantId).filter((g): g is string => g !== null))];
  const connectorIds = [...new Set(findings.map((f) => f.connectorId).filter((c): c is string => c !== null))];
  const [grants, connectors] = await Promise.all([
    grantIds.length
      ? db.grant.findMany({ where: { id: { in: grantIds } }, select: { id: true, status: true, mode: true, actions: true, resources: true, expiresAt: true } })
      : [],
    connectorIds.length ? db.connector.findMany({ where: { id: { in: connectorIds } }, select: { id: true, name: true } }) : [],
  ]);
  const grantById = new Map(grants.map((g) => [g.id, g]));
  const connectorById = new Map(connectors.map((c) => [c.id, c]));

  return {
    id: interaction.id,
    occurredAt: at,
    ingestedAt: interaction.ingestedAt,
    source: interaction.source,
    model: interaction.model,
    provider: interaction.provider,
    endUser: interaction.endUser,
    conversationId: interaction.conversationId,
    identityKey: interaction.identityKey,
    verdict: interaction.verdict,
    severity: interaction.severity,
    categories: interaction.categories,
    tokensIn: interaction.tokensIn,
    tokensOut: interaction.tokensOut,
    latencyMs: interaction.latencyMs,
    truncatedFields: interaction.truncatedFields,
    toolCalls: readToolCalls(interaction.toolCalls),
    checks: readChecks(interaction.checks),
    texts: texts ? readStoredTexts(texts.messages, texts.output, texts.toolIo) : null,
    textGone: texts ? null : at < textCutoff(now) ? "purged" : "not_stored",
    findings: findings.map((f) => ({
      id: f.id,
      source: f.source,
      detector: f.detector,
      rule: f.rule,
      category: f.category,
      owasp: f.owasp,
      severity: f.severity,
      field: f.field,
      spanStart: f.spanStart,
      spanEnd: f.spanEnd,
      explanation: f.explanation,
      secret: f.secretKind || f.secretLastFour ? { kind: f.secretKind, lastFour: f.secretLastFour } : null,
      connector: f.connectorId ? (connectorById.get(f.connectorId) ?? null) : null,
      grant: f.grantId ? (grantById.get(f.grantId) ?? null) : null,
      // Findings on a tool's result also name its connector; only agency findings are about authority.
      agency: AGENCY.has(f.category) || f.detector === "agency",
    })),
    workflow: workflow ?? null,
    triage: item ? { status: item.status, assignee: item.assignee, triagedAt: item.triagedAt, groupKey: item.groupKey, updatedAt: item.updatedAt } : null,
    history,
    conversation,
    related: related.rows,
    relatedTotal: related.total,
  };
}

async function conversationTurns(conversationId: string, exceptId: string, at: Date) {
  const rows = await db.$queryRaw<{ id: string; occurred_at: Date; verdict: InteractionVerdict; severity: Severity | null; model: string | null; status: TriageStatus | null }[]>`
    SELECT i.id, i.occurred_at, i.verdict, i.severity, i.model, t.status
    FROM interactions i LEFT JOIN triage_items t ON t.interaction_id = i.id
    WHERE i.conversation_id = ${conversationId} AND i.id <> ${exceptId}::uuid
      AND i.occurred_at BETWEEN ${new Date(at.getTime() - CONVERSATION_WINDOW_MS)} AND ${new Date(at.getTime() + CONVERSATION_WINDOW_MS)}
    ORDER BY i.occurred_at, i.id
    LIMIT ${CONVERSATION_TURNS_SHOWN}`;
  return rows.map((r) => ({ id: r.id, occurredAt: r.occurred_at, verdict: r.verdict, severity: r.severity, model: r.model, status: r.status }));
}

async function relatedItems(groupKey: string, exceptId: string) {
  const [rows, counted] = await Promise.all([
    db.triageItem.findMany({
      where: { groupKey, interactionId: { not: exceptId } },
      orderBy: [{ occurredAt: "desc" }, { interactionId: "desc" }],
      take: RELATED_SHOWN,
      select: { interactionId: true, occurredAt: true, status: true, severity: true, workflow: { select: { name: true } } },
    }),
    db.$queryRaw<{ n: number }[]>`
      SELECT count(*)::int AS n FROM (SELECT 1 FROM triage_items WHERE group_key = ${groupKey} AND interaction_id <> ${exceptId}::uuid LIMIT ${RELATED_COUNT_CAP - 1}) AS capped`,
  ]);
  return {
    rows: rows.map((r) => ({ id: r.interactionId, occurredAt: r.occurredAt, status: r.status, severity: r.severity, workflowName: r.workflow?.name ?? null })),
    total: counted[0]?.n ?? 0,
  };
}

async function triageHistory(interactionId: string): Promise<HistoryEntry[]> {
  const [events, comments] = await Promise.all([
    db.triageEvent.findMany({ where: { interactionId }, orderBy: { at: "asc" } }),
    db.triageComment.findMany({ where: { interactionId }, orderBy: { createdAt: "asc" } }),
  ]);
  const peopleIds = [...new Set(events.flatMap((e) => [e.fromAssigneeId, e.toAssigneeId]).filter((p): p is string => p !== null))];
  const people = peopleIds.length ? await db.user.findMany({ where: { id: { in: peopleIds } }, select: { id: true, name: true } }) : [];
  const nameOf = new Map(people.map((p) => [p.id, p.name]));
  const entries: HistoryEntry[] = [
    ...events.map((e) => ({
      kind: e.kind === "assignment" ? ("assignment" as const) : ("status" as const),
      id: e.id,
      at: e.at,
      actor: e.actorLabel,
      fromStatus: e.fromStatus,
      toStatus: e.toStatus,
      fromAssignee: e.fromAssigneeId ? (nameOf.get(e.fromAssigneeId) ?? "a removed account") : null,
      toAssignee: e.toAssigneeId ? (nameOf.get(e.toAssigneeId) ?? "a removed account") : null,
      text: e.reason,
      viaGroup: e.groupKey !== null,
    })),
    ...comments.map((c) => ({
      kind: "comment" as const,
      id: c.id,
      at: c.createdAt,
      actor: c.authorLabel,
      fromStatus: null,
      toStatus: null,
      fromAssignee: null,
      toAssignee: null,
      text: c.body,
      viaGroup: false,
    })),
  ];
  return entries.sort((a, b) => a.at.getTime() - b.at.getTime() || a.id.localeCompare(b.id));
}
