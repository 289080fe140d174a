import { DETECTORS } from "@/lib/detect/detect";
import type { DetectRole } from "@/lib/detect/types";
import { SEVERITY_RANK } from "@/lib/findings/catalog";
import type { Severity } from "@/lib/generated/prisma/client";
import { checkToolCall, resolveToolCall } from "./agency";
import type { AnalysedEvent, AnalysisContext, StoredCheck, StoredFinding, StoredTexts, StoredToolCall } from "./analysed";
import type { GatewayCheck, IngestEvent, IngestToolCall, WorkflowIdentity } from "./event";
import { gatewayCheckRecord, gatewayFinding } from "./gateway";
import { identityKeys } from "./identity";
import { eventMasker } from "./redact";
import { scanFieldCached } from "./spans";

// One event, analysed before storage: our detectors on every text (prompts, response, tool
// arguments and results), secrets masked everywhere, the workflow's grants checked against its tool
// calls, the gateway's verdicts kept, and a verdict. Pure: the caller loads the context once per
// batch and writes what this returns. Nothing it returns holds a secret as received.

export const AGENCY_RULE_SET = "grants";
export const SEARCH_TEXT_CHARS = 8_000;

interface DetectorTotal {
  ruleSet: string;
  durationMs: number;
  findings: number;
}

const roundMs = (ms: number) => Math.round(ms * 1000) / 1000;

export function analyseEvent(event: IngestEvent, context: AnalysisContext): AnalysedEvent {
  const key = context.secretKey;
  const findings: StoredFinding[] = [];
  const totals = new Map<string, DetectorTotal>();
  let scannedFields = 0;

  const scan = (text: string, role: DetectRole, field: string, connectorId: string | null = null): string => {
    const { masked, findings: found, runs } = scanFieldCached(text, role, key).scanned;
    scannedFields += 1;
    // A text scanned moments ago (a system prompt, a replayed turn) cost nothing this time: its runs say 0 ms.
    for (const run of runs) {
      const total = totals.get(run.name);
      if (total) {
        total.durationMs += run.durationMs;
        total.findings += run.findings;
      } else {
        totals.set(run.name, { ruleSet: run.ruleSet, durationMs: run.durationMs, findings: run.findings });
      }
    }
    for (const finding of found) {
      findings.push({
        source: "warden",
        detector: finding.detector,
        rule: finding.rule,
        category: finding.category,
        owasp: finding.owasp,
        severity: finding.severity,
        field,
        spanStart: finding.start,
        spanEnd: finding.end,
        explanation: finding.explanation,
        secretKind: finding.secret?.kind ?? null,
        secretLastFour: finding.secret?.lastFour || null,
        secretHash: finding.secret?.hash ?? null,
        connectorId,
        grantId: null,
      });
    }
    return masked;
  };

  // Identifiers, tool-call metadata and the gateway's raw responses are masked too.
  const identity = event.workflowIdentity;
  const masker = eventMasker(
    [
      event.eventKey,
      event.model,
      event.provider,
      event.endUser,
      event.conversationId,
      ...Object.values(identity),
      ...event.toolCalls.flatMap((call) => [call.name, call.connector, call.action, call.resource]),
      ...event.gatewayChecks.flatMap((check) => [check.name, check.mode, ...(check.categories ?? [])]),
    ],
    event.gatewayChecks.map((check) => check.raw),
    key,
  );
  const mask = masker.text;
  const maskOptional = (value: string | undefined) => (value === undefined ? undefined : mask(value));

  const messages = event.messages.map((message, i) => ({ role: message.role, content: scan(message.content, message.role, `messages[${i}].content`) }));
  const output = event.output === undefined ? undefined : scan(event.output, "assistant", "output");

  const maskedCalls: IngestToolCall[] = [];
  const toolCalls: StoredToolCall[] = [];
  const resolvedCalls = event.toolCalls.map((call, i) => {
    const metadata = { name: mask(call.name), connector: maskOptional(call.connector), action: maskOptional(call.action), resource: maskOptional(call.resource) };
    const resolved = resolveToolCall(metadata, context.connectors);
    const connectorId = resolved.connector?.id ?? null;
    // Tool calls go to the connector's API: arguments are the model's (assistant) text; results come
    // from outside the conversation, so the indirect-injection rules apply to them.
    const args = scan(call.arguments, "assistant", `toolCalls[${i}].arguments`, connectorId);
    const result = call.result === undefined ? undefined : scan(call.result, "tool", `toolCalls[${i}].result`, connectorId);
    const maskedCall: IngestToolCall = { name: metadata.name, arguments: args };
    const stored: StoredToolCall = { name: metadata.name };
    if (metadata.connector !== undefined) maskedCall.connector = stored.connector = metadata.connector;
    if (metadata.action !== undefined) maskedCall.action = stored.action = metadata.action;
    // A call that names no action keeps the one read from its name ("GitHub:read", "github.create_issue" → write).
    else if (resolved.action !== null) stored.action = resolved.action;
    if (metadata.resource !== undefined) maskedCall.resource = stored.resource = metadata.resource;
    if (result !== undefined) maskedCall.result = result;
    if (call.inHistory !== undefined) maskedCall.inHistory = stored.inHistory = call.inHistory;
    if (connectorId !== null) stored.connectorId = connectorId;
    maskedCalls.push(maskedCall);
    toolCalls.push(stored);
    return { call: metadata, resolved };
  });

  const checks: StoredCheck[] = [];
  for (const [name, total] of totals) {
    checks.push({
      source: "warden",
      name,
      ruleSet: total.ruleSet,
      status: total.findings === 0 ? "passed" : "failed",
      passed: total.findings === 0,
      durationMs: roundMs(total.durationMs),
      findings: total.findings,
      detail: `${scannedFields} ${scannedFields === 1 ? "field" : "fields"}`,
    });
  }
  if (scannedFields === 0) {
    for (const { name, ruleSet } of DETECTORS) checks.push({ source: "warden", name, ruleSet, status: "not_run", passed: true, durationMs: null, findings: 0, detail: "no text" });
  }

  // Excessive agency: the workflow's own calls only; calls replayed from earlier turns were checked then.
  const agencyStarted = performance.now();
  const ownCalls = resolvedCalls.map((entry, i) => ({ ...entry, i })).filter((_, i) => event.toolCalls[i]!.inHistory !== true);
  let agencyFindings = 0;
  if (context.workflowId !== null) {
    for (const { call, resolved, i } of ownCalls) {
      const violation = checkToolCall(call, resolved, context, event.occurredAt);
      if (!violation) continue;
      agencyFindings += 1;
      findings.push({
        source: "warden",
        detector: "agency",
        rule: violation.rule,
        category: "excessive_agency",
        owasp: "LLM06:2025",
        severity: violation.severity,
        field: `toolCalls[${i}]`,
        spanStart: null,
        spanEnd: null,
        explanation: violation.explanation,
        secretKind: null,
        secretLastFour: null,
        secretHash: null,
        connectorId: violation.connectorId,
        grantId: violation.grantId,
      });
    }
  }
  checks.push(agencyCheck(context.workflowId !== null, ownCalls.length, event.toolCalls.length - ownCalls.length, agencyFindings, performance.now() - agencyStarted));

  // The gateway's verdicts, masked: guardrail responses often quote what they caught.
  const gatewayChecks: GatewayCheck[] = event.gatewayChecks.map((check) => {
    const masked: GatewayCheck = { name: mask(check.name), status: check.status, raw: masker.raw(check.raw) };
    if (check.mode !== undefined) masked.mode = mask(check.mode);
    if (check.durationMs !== undefined) masked.durationMs = check.durationMs;
    if (check.categories !== undefined) masked.categories = check.categories.map(mask);
    return masked;
  });
  for (const check of gatewayChecks) {
    checks.push(gatewayCheckRecord(check));
    const finding = gatewayFinding(check);
    if (finding) findings.push(finding);
  }

  // Field by field rather than spread from the event, so a field added to IngestEvent later is left
  // out (and noticed) rather than stored unmasked.
  const maskedEvent: IngestEvent = {
    source: event.source,
    eventKey: mask(event.eventKey),
    eventKeyKind: event.eventKeyKind,
    occurredAt: event.occurredAt,
    workflowIdentity: maskIdentity(identity, mask),
    messages,
    toolCalls: maskedCalls,
    usage: event.usage,
    gatewayChecks,
    truncatedFields: event.truncatedFields,
  };
  if (event.model !== undefined) maskedEvent.model = mask(event.model);
  if (event.provider !== undefined) maskedEvent.provider = mask(event.provider);
  if (event.endUser !== undefined) maskedEvent.endUser = mask(event.endUser);
  if (event.conversationId !== undefined) maskedEvent.conversationId = mask(event.conversationId);
  if (output !== undefined) maskedEvent.output = output;
  if (event.latencyMs !== undefined) maskedEvent.latencyMs = event.latencyMs;

  const texts: StoredTexts | null = context.keepText
    ? { messages, output: output ?? null, toolIo: maskedCalls.map((call) => (call.result === undefined ? { arguments: call.arguments } : { arguments: call.arguments, result: call.result })) }
    : null;

  const severity = highestSeverity(findings);
  const blocked = gatewayChecks.some((check) => check.status === "blocked");
  const flaggedByGateway = gatewayChecks.some((check) => check.status === "flagged");
  const verdict = blocked ? "blocked" : flaggedByGateway || findings.some((f) => SEVERITY_RANK[f.severity] >= SEVERITY_RANK.medium) ? "flagged" : "allowed";
  const flagged = verdict !== "allowed";

  return {
    event: maskedEvent,
    texts,
    toolCalls,
    findings,
    checks,
    verdict,
    severity,
    categories: distinct(findings.map((f) => f.category)),
    owasp: distinct(findings.map((f) => f.owasp)),
    detectors: distinct(findings.map((f) => f.detector)),
    rules: distinct(findings.map((f) => f.rule)),
    connectorIds: distinct(findings.map((f) => f.connectorId)),
    flagged,
    groupKey: flagged ? groupKey(maskedEvent, context, findings, severity) : null,
    searchText: context.keepText ? searchText(messages, output) : "",
  };
}

function agencyCheck(registered: boolean, ownCalls: number, replayed: number, findings: number, durationMs: number): StoredCheck {
  if (!registered) return { source: "warden", name: "agency", ruleSet: AGENCY_RULE_SET, status: "not_run", passed: true, durationMs: null, findings: 0, detail: "no registered workflow" };
  const skipped = replayed > 0 ? ` (${replayed} replayed from earlier turns skipped)` : "";
  const detail = ownCalls === 0 ? `no tool calls${skipped}` : `${ownCalls} tool ${ownCalls === 1 ? "call" : "calls"}${skipped}`;
  const passed = findings === 0;
  return { source: "warden", name: "agency", ruleSet: AGENCY_RULE_SET, status: passed ? "passed" : "failed", passed, durationMs: roundMs(durationMs), findings, detail };
}

function maskIdentity(identity: WorkflowIdentity, mask: (value: string) => string): WorkflowIdentity {
  const masked: WorkflowIdentity = {};
  for (const name of Object.keys(identity) as (keyof WorkflowIdentity)[]) {
    const value = identity[name];
    if (value !== undefined) masked[name] = mask(value);
  }
  return masked;
}

function highestSeverity(findings: StoredFinding[]): Severity | null {
  let highest: Severity | null = null;
  for (const finding of findings) if (highest === null || SEVERITY_RANK[finding.severity] > SEVERITY_RANK[highest]) highest = finding.severity;
  return highest;
}

/**
 * Related flagged interactions share a key, so one leak or one attack is one group in the queue:
 * the same leaked secret anywhere; else the same conversation; else the same workflow (or caller),
 * rule and day.
 */
function groupKey(event: IngestEvent, context: AnalysisContext, findings: StoredFinding[], severity: Severity | null): string {
  const secret = findings.find((f) => f.secretHash !== null);
  if (secret) return `secret:${secret.secretHash}`;
  if (event.conversationId) return `conversation:${event.source}:${event.conversationId}`;
  const who = context.workflowId ?? identityKeys(event.workflowIdentity)[0] ?? "unknown";
  const rule = findings.find((f) => f.severity === severity)?.rule ?? "none";
  return `workflow:${who}:${rule}:${event.occurredAt.toISOString().slice(0, 10)}`;
}

function searchText(messages: { content: string }[], output: string | undefined): string {
  const parts = messages.map((m) => m.content);
  if (output !== undefined) parts.push(output);
  let text = "";
  for (let i = 0; i < parts.length && text.length < SEARCH_TEXT_CHARS; i++) text += (i === 0 ? "" : "\n") + parts[i];
  if (text.length <= SEARCH_TEXT_CHARS) return text;
  // Do not leave half a surrogate pair at the cut.
  const last = text.charCodeAt(SEARCH_TEXT_CHARS - 1);
  return text.slice(0, last >= 0xd800 && last <= 0xdbff ? SEARCH_TEXT_CHARS - 1 : SEARCH_TEXT_CHARS);
}

function distinct(values: (string | null)[]): string[] {
  return [...new Set(values.filter((value): value is string => value !== null))].sort();
}
