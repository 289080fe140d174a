import { eventIdentity, LIMITS, Truncation, type FieldIssue, type GatewayCheck, type GatewayCheckStatus, type IngestEvent, type IngestMessage, type IngestToolCall, type RecordOutcome } from "../event";
import { argumentsText, asArray, asCount, asObject, asString, contentText, detectRole, dropUndefined, milliseconds, nanosToMs, type JsonObject } from "../read";

// OTLP/HTTP JSON traces (one ExportTraceServiceRequest per record: resourceSpans → scopeSpans → spans;
// binary protobuf arrives here decoded into the same shape by ./otlp-protobuf)
// read with the OpenTelemetry GenAI semantic conventions.
//
// - A span with any gen_ai.* attribute is one interaction; its identity is traceId:spanId. Other spans
//   (HTTP, database) are not interactions and are skipped, as are unknown attributes.
// - An execute_tool span becomes an interaction holding its one tool call (gen_ai.tool.name,
//   gen_ai.tool.call.arguments / result), with the agent and conversation of its nearest ancestor.
// - Content: gen_ai.input.messages / gen_ai.output.messages / gen_ai.system_instructions (JSON string
//   or structured), else the older per-message span events (gen_ai.system|user|assistant|tool.message,
//   gen_ai.choice) and the older gen_ai.prompt / gen_ai.completion events.
// - Guardrails, best effort (the conventions are still a draft): an apply_guardrail / run_guardrail
//   span, a span named like "guardrail", or one with gen_ai.guardrail.* / gen_ai.security.guardrail.* /
//   microsoft.guardian.* attributes becomes a gateway check on its nearest GenAI ancestor (else the
//   first interaction of its trace). gen_ai.security.* attributes and gen_ai.security.finding events
//   on a GenAI span become a check on it. Decisions: block / deny → blocked; flag / warn / audit /
//   modify → flagged; allow / pass → passed; none, with status ERROR → error; none, with findings → flagged.
// - int64 values arrive as strings or numbers; both are read.

type Attributes = Record<string, unknown>;

/** An OTLP AnyValue as plain JSON. Depth was checked before this runs. */
function anyValue(value: unknown): unknown {
  const object = asObject(value);
  if (!object) return undefined;
  if ("stringValue" in object) return object.stringValue;
  if ("boolValue" in object) return object.boolValue;
  if ("intValue" in object) return typeof object.intValue === "string" ? Number(object.intValue) : object.intValue;
  if ("doubleValue" in object) return object.doubleValue;
  if ("bytesValue" in object) return object.bytesValue;
  if ("arrayValue" in object) return (asArray(asObject(object.arrayValue)?.values) ?? []).map(anyValue);
  if ("kvlistValue" in object) return attributes(asObject(object.kvlistValue)?.values);
  return undefined;
}

function attributes(list: unknown): Attributes {
  const result: Attributes = {};
  for (const item of asArray(list) ?? []) {
    const entry = asObject(item);
    const key = asString(entry?.key);
    if (key) result[key] = anyValue(entry?.value);
  }
  return result;
}

/** Structured content, or a JSON string of it. */
function structured(value: unknown): unknown {
  if (typeof value !== "string") return value;
  try {
    return JSON.parse(value) as unknown;
  } catch {
    return value;
  }
}

interface Content {
  messages: IngestMessage[];
  outputs: string[];
  toolCalls: (IngestToolCall & { id?: string })[];
}

/** GenAI message parts: text, tool_call and tool_call_response. */
function readMessages(value: unknown, into: Content, truncation: Truncation, isOutput: boolean) {
  const list = structured(value);
  if (typeof list === "string") {
    if (isOutput) into.outputs.push(list);
    else into.messages.push({ role: "user", content: truncation.text(`messages[${into.messages.length}].content`, list) });
    return;
  }
  for (const item of asArray(list) ?? []) {
    const message = asObject(item);
    if (!message) continue;
    const role = detectRole(message.role);
    const texts: string[] = [];
    const parts = asArray(message.parts) ?? [];
    for (const partValue of parts) {
      const part = asObject(partValue);
      const type = asString(part?.type);
      if (!part) continue;
      if (type === "tool_call") {
        const name = asString(part.name);
        if (name) {
          const call = { id: asString(part.id), name: truncation.text("toolCalls.name", name, LIMITS.identifierChars), arguments: truncation.text("toolCalls.arguments", argumentsText(part.arguments), LIMITS.argumentsChars) };
          // Calls in the input messages are earlier turns replayed; see IngestToolCall.inHistory.
          into.toolCalls.push(isOutput ? call : { ...call, inHistory: true });
        }
      } else if (type === "tool_call_response") {
        const result = argumentsText(part.response ?? part.result);
        const match = into.toolCalls.find((call) => call.id !== undefined && call.id === asString(part.id));
        if (match) match.result = truncation.text("toolCalls.result", result);
        texts.push(result);
      } else {
        const text = contentText([part]);
        if (text !== undefined) texts.push(text);
      }
    }
    if (parts.length === 0) {
      const text = contentText(message.content);
      if (text !== undefined) texts.push(text);
    }
    if (texts.length === 0) continue;
    if (isOutput) into.outputs.push(texts.join("\n"));
    else into.messages.push({ role, content: truncation.text(`messages[${into.messages.length}].content`, texts.join("\n")) });
  }
}

const EVENT_ROLES: Record<string, string> = {
  "gen_ai.system.message": "system",
  "gen_ai.user.message": "user",
  "gen_ai.assistant.message": "assistant",
  "gen_ai.tool.message": "tool",
};

/** The older conventions: one span event per message. */
function readLegacyEvents(events: unknown, into: Content, truncation: Truncation) {
  for (const eventValue of asArray(events) ?? []) {
    const event = asObject(eventValue);
    const name = asString(event?.name);
    if (!event || !name) continue;
    const attrs = attributes(event.attributes);
    const payload = asObject(structured(attrs["gen_ai.event.content"])) ?? {};
    if (EVENT_ROLES[name]) {
      const text = contentText(attrs.content) ?? contentText(payload.content);
      if (text !== undefined) into.messages.push({ role: detectRole(EVENT_ROLES[name]), content: truncation.text(`messages[${into.messages.length}].content`, text) });
    } else if (name === "gen_ai.choice") {
      const message = asObject(structured(attrs.message)) ?? asObject(payload.message) ?? {};
      const text = contentText(message.content) ?? contentText(attrs.content);
      if (text !== undefined) into.outputs.push(text);
    } else if (name === "gen_ai.content.prompt" && typeof attrs["gen_ai.prompt"] === "string") {
      readMessages(attrs["gen_ai.prompt"], into, truncation, false);
    } else if (name === "gen_ai.content.completion" && typeof attrs["gen_ai.completion"] === "string") {
      readMessages(attrs["gen_ai.completion"], into, truncation, true);
    }
  }
}

function decision(word: string | undefined): GatewayCheckStatus | undefined {
  if (!word) return undefined;
  const lower = word.toLowerCase();
  if (/block|deny|denied|reject|intervene/.test(lower)) return "blocked";
  // "modify" (content rewritten or masked) and "audit" (let through but recorded) both mean the check found something.
  if (/flag|warn|detect|alert|audit|modify|redact|mask/.test(lower)) return "flagged";
  if (/allow|pass|success|ok|benign/.test(lower)) return "passed";
  if (/error|fail/.test(lower)) return "error";
  return undefined;
}

function stringList(value: unknown): string[] | undefined {
  const list = (Array.isArray(value) ? value : typeof value === "string" ? value.split(",") : []).map((item) => String(item).trim()).filter((item) => item !== "");
  return list.length > 0 ? list.map((item) => item.slice(0, LIMITS.identifierChars)) : undefined;
}

interface SpanInfo {
  path: string;
  span: JsonObject;
  attrs: Attributes;
  resource: Attributes;
  traceId?: string;
  spanId?: string;
  parentSpanId?: string;
  startMs?: number;
  endMs?: number;
}

// Guardrail and security attributes as the draft GenAI conventions (gen_ai.security.*, the
// "apply_guardrail" / "run_guardrail" operations) and Microsoft's Agent 365 distro (microsoft.security.*,
// microsoft.guardian.*) name them.
const GUARDRAIL_PREFIXES = ["gen_ai.guardrail.", "gen_ai.security.guardrail.", "microsoft.guardian."];
const SECURITY_PREFIXES = ["gen_ai.security.", "gen_ai.guardrail.", "microsoft.security.", "microsoft.guardian."];
const DECISION_KEYS = ["gen_ai.security.action.type", "gen_ai.security.decision.type", "gen_ai.security.decision", "gen_ai.security.action", "gen_ai.guardrail.decision", "gen_ai.guardrail.action", "microsoft.security.decision.type", "gen_ai.security.verdict.type", "gen_ai.security.verdict"];
const CATEGORY_KEYS = ["gen_ai.security.risk.category", "gen_ai.security.categories", "gen_ai.security.category", "gen_ai.guardrail.categories", "microsoft.security.risk.category"];
const NAME_KEYS = ["gen_ai.guardrail.name", "gen_ai.security.guardrail.name", "microsoft.guardian.name"];

const first = (attrs: Attributes, keys: string[]) => keys.map((key) => asString(attrs[key])).find((value) => value !== undefined);

const INTERACTION_OPERATIONS = new Set(["chat", "text_completion", "generate_content", "embeddings", "execute_tool", "invoke_agent", "create_agent"]);

function isGuardrailSpan(info: SpanInfo): boolean {
  const operation = asString(info.attrs["gen_ai.operation.name"]);
  if (operation === "apply_guardrail" || operation === "run_guardrail") return true;
  // A model or tool call that carries guardrail attributes is still the interaction, not a guardrail.
  if ((operation && INTERACTION_OPERATIONS.has(operation)) || info.attrs["gen_ai.request.model"] !== undefined) return false;
  return /guardrail/i.test(asString(info.span.name) ?? "") || Object.keys(info.attrs).some((key) => GUARDRAIL_PREFIXES.some((prefix) => key.startsWith(prefix)));
}

/** Security attributes of a span, with those of its gen_ai.security.finding events. */
function securityAttributes(info: SpanInfo): { attrs: Attributes; categories: string[] } {
  const attrs: Attributes = Object.fromEntries(Object.entries(info.attrs).filter(([key]) => SECURITY_PREFIXES.some((prefix) => key.startsWith(prefix))));
  const categories = CATEGORY_KEYS.flatMap((key) => stringList(attrs[key]) ?? []);
  const findings = (asArray(info.span.events) ?? []).filter((event) => /security\.finding/.test(asString(asObject(event)?.name) ?? ""));
  findings.forEach((event, index) => {
    const eventAttrs = attributes(asObject(event)?.attributes);
    attrs[`finding[${index}]`] = eventAttrs;
    categories.push(...CATEGORY_KEYS.flatMap((key) => stringList(eventAttrs[key]) ?? []));
  });
  return { attrs, categories: [...new Set(categories)] };
}

function guardrailCheck(info: SpanInfo, truncation: Truncation): GatewayCheck {
  const statusCode = asObject(info.span.status)?.code;
  const spanFailed = statusCode === 2 || statusCode === "STATUS_CODE_ERROR";
  const security = securityAttributes(info);
  const status = decision(first(info.attrs, DECISION_KEYS)) ?? (spanFailed ? "error" : security.categories.length > 0 ? "flagged" : "passed");
  return dropUndefined({
    name: truncation.text(`${info.path}.name`, first(info.attrs, NAME_KEYS) ?? asString(info.span.name) ?? "guardrail", LIMITS.identifierChars),
    mode: first(info.attrs, ["gen_ai.guardrail.mode", "gen_ai.guardrail.stage", "gen_ai.security.target.type", "microsoft.security.target.type"]),
    status,
    durationMs: milliseconds(info.startMs !== undefined && info.endMs !== undefined ? info.endMs - info.startMs : undefined),
    categories: security.categories.length > 0 ? security.categories : undefined,
    raw: truncation.raw(`${info.path}.attributes`, info.attrs),
  }) as GatewayCheck;
}

function securityCheck(info: SpanInfo, truncation: Truncation): GatewayCheck | undefined {
  const security = securityAttributes(info);
  if (Object.keys(security.attrs).length === 0) return undefined;
  // A security finding that does not say what was done about it still flagged the interaction.
  return dropUndefined({
    name: first(info.attrs, NAME_KEYS) ?? "gen_ai.security",
    status: decision(first(info.attrs, DECISION_KEYS)) ?? "flagged",
    categories: security.categories.length > 0 ? security.categories : undefined,
    raw: truncation.raw(`${info.path}.attributes`, security.attrs),
  }) as GatewayCheck;
}

function collectSpans(record: JsonObject, errors: FieldIssue[]): SpanInfo[] {
  const spans: SpanInfo[] = [];
  const resourceSpans = record.resourceSpans;
  if (!Array.isArray(resourceSpans)) {
    errors.push({ field: "resourceSpans", reason: "Expected a list of resourceSpans (OTLP/HTTP JSON)." });
    return spans;
  }
  resourceSpans.forEach((resourceValue, r) => {
    const resourceSpan = asObject(resourceValue);
    const resource = attributes(asObject(resourceSpan?.resource)?.attributes);
    (asArray(resourceSpan?.scopeSpans) ?? asArray(resourceSpan?.instrumentationLibrarySpans) ?? []).forEach((scopeValue, s) => {
      (asArray(asObject(scopeValue)?.spans) ?? []).forEach((spanValue, i) => {
        const path = `resourceSpans[${r}].scopeSpans[${s}].spans[${i}]`;
        const span = asObject(spanValue);
        if (!span) {
          errors.push({ field: path, reason: "Expected a span object." });
          return;
        }
        spans.push({
          path,
          span,
          attrs: attributes(span.attributes),
          resource,
          traceId: asString(span.traceId),
          spanId: asString(span.spanId),
          parentSpanId: asString(span.parentSpanId),
          startMs: nanosToMs(span.startTimeUnixNano),
          endMs: nanosToMs(span.endTimeUnixNano),
        });
      });
    });
  });
  return spans;
}

export function parseOtlpRecord(record: unknown): RecordOutcome {
  const request = asObject(record);
  if (!request) return { events: [], errors: [{ field: "(record)", reason: "Expected an OTLP ExportTraceServiceRequest object." }] };
  const errors: FieldIssue[] = [];
  const spans = collectSpans(request, errors);
  const bySpanId = new Map(spans.filter((info) => info.spanId).map((info) => [`${info.traceId}:${info.spanId}`, info]));
  const ancestors = function* (info: SpanInfo) {
    const seen = new Set<SpanInfo>();
    let current = info.parentSpanId ? bySpanId.get(`${info.traceId}:${info.parentSpanId}`) : undefined;
    while (current && !seen.has(current)) {
      seen.add(current);
      yield current;
      current = current.parentSpanId ? bySpanId.get(`${current.traceId}:${current.parentSpanId}`) : undefined;
    }
  };

  const events = new Map<SpanInfo, IngestEvent>();
  const guardrails: SpanInfo[] = [];
  for (const info of spans) {
    const isGenAi = Object.keys(info.attrs).some((key) => key.startsWith("gen_ai."));
    if (isGuardrailSpan(info)) {
      guardrails.push(info);
      continue;
    }
    if (!isGenAi) continue;
    if (info.startMs === undefined || info.startMs < Date.UTC(2000, 0, 1) || info.startMs > Date.UTC(2200, 0, 1)) {
      errors.push({ field: `${info.path}.startTimeUnixNano`, reason: "startTimeUnixNano must be nanoseconds since the epoch (string or number)." });
      continue;
    }
    events.set(info, spanEvent(info, ancestors));
  }

  for (const info of guardrails) {
    const owner = [...ancestors(info)].find((ancestor) => events.has(ancestor)) ?? [...events.keys()].find((candidate) => candidate.traceId === info.traceId);
    if (!owner) {
      errors.push({ field: info.path, reason: "Guardrail span has no GenAI span in the same batch and trace to attach to." });
      continue;
    }
    const event = events.get(owner)!;
    const truncation = new Truncation();
    event.gatewayChecks.push(guardrailCheck(info, truncation));
    event.truncatedFields.push(...truncation.fields);
  }
  return { events: [...events.values()], errors };
}

function spanEvent(info: SpanInfo, ancestors: (info: SpanInfo) => Generator<SpanInfo>): IngestEvent {
  const a = info.attrs;
  const truncation = new Truncation();
  const content: Content = { messages: [], outputs: [], toolCalls: [] };
  if (a["gen_ai.system_instructions"] !== undefined) {
    const instructions = structured(a["gen_ai.system_instructions"]);
    const text = contentText(instructions);
    if (text !== undefined) content.messages.push({ role: "system", content: truncation.text("messages[0].content", text) });
  }
  if (a["gen_ai.input.messages"] !== undefined) readMessages(a["gen_ai.input.messages"], content, truncation, false);
  if (a["gen_ai.output.messages"] !== undefined) readMessages(a["gen_ai.output.messages"], content, truncation, true);
  if (a["gen_ai.input.messages"] === undefined && a["gen_ai.output.messages"] === undefined) readLegacyEvents(info.span.events, content, truncation);

  const toolName = asString(a["gen_ai.tool.name"]);
  if (a["gen_ai.operation.name"] === "execute_tool" && toolName) {
    const result = a["gen_ai.tool.call.result"];
    content.toolCalls.push({
      name: truncation.text("gen_ai.tool.name", toolName, LIMITS.identifierChars),
      arguments: truncation.text("gen_ai.tool.call.arguments", argumentsText(a["gen_ai.tool.call.arguments"]), LIMITS.argumentsChars),
      result: result === undefined ? undefined : truncation.text("gen_ai.tool.call.result", argumentsText(result)),
    });
  }

  // A tool span rarely repeats the agent and conversation; its ancestors carry them.
  const inherited = (key: string) => asString(a[key]) ?? [...ancestors(info)].map((ancestor) => asString(ancestor.attrs[key])).find((value) => value !== undefined);
  const attr = (key: string, ...fallbacks: string[]) => truncation.identifier(key, [key, ...fallbacks].map((name) => asString(a[name]) ?? asString(info.resource[name])).find((value) => value !== undefined));
  const security = securityCheck(info, truncation);
  const output = content.outputs.length > 0 ? truncation.text("output", content.outputs.join("\n")) : undefined;

  return {
    source: "otlp",
    ...eventIdentity("otlp", info.traceId && info.spanId ? `${info.traceId}:${info.spanId}` : undefined, info.span),
    occurredAt: new Date(Math.round(info.startMs!)),
    model: attr("gen_ai.request.model", "gen_ai.response.model"),
    provider: attr("gen_ai.provider.name", "gen_ai.system"),
    workflowIdentity: dropUndefined({
      keyHash: attr("metadata.user_api_key_hash"),
      keyAlias: attr("metadata.user_api_key_alias"),
      teamId: attr("metadata.user_api_key_team_id"),
      teamAlias: attr("metadata.user_api_key_team_alias"),
      agentId: truncation.identifier("gen_ai.agent.id", inherited("gen_ai.agent.id")),
      agentName: truncation.identifier("gen_ai.agent.name", inherited("gen_ai.agent.name")),
      service: attr("service.name"),
    }),
    endUser: attr("user.id", "enduser.id"),
    conversationId: truncation.identifier("gen_ai.conversation.id", inherited("gen_ai.conversation.id")),
    messages: truncation.list("messages", content.messages, LIMITS.messages),
    output,
    toolCalls: truncation.list(
      "toolCalls",
      content.toolCalls.map((call) => dropUndefined({ name: call.name, arguments: call.arguments, result: call.result, inHistory: call.inHistory })),
      LIMITS.toolCalls,
    ),
    usage: dropUndefined({
      inputTokens: asCount(a["gen_ai.usage.input_tokens"] ?? a["gen_ai.usage.prompt_tokens"]),
      outputTokens: asCount(a["gen_ai.usage.output_tokens"] ?? a["gen_ai.usage.completion_tokens"]),
    }),
    latencyMs: milliseconds(info.endMs !== undefined ? info.endMs - info.startMs! : undefined),
    gatewayChecks: security ? [security] : [],
    truncatedFields: truncation.fields,
  };
}
