import { eventIdentity, LIMITS, Truncation, type GatewayCheck, type GatewayCheckStatus, type IngestToolCall, type RecordOutcome } from "../event";
import { argumentsText, asArray, asCount, asDate, asNonNegative, asNumber, asObject, asString, dropUndefined, milliseconds, type JsonObject } from "../read";
import { readChat } from "./openai-chat";

// LiteLLM's StandardLoggingPayload: what its custom callbacks, generic API logger and bucket loggers
// emit, one object per model call. Fields read (all optional unless said):
//   call_id / id (identity, see litellmCallId), startTime / endTime (epoch seconds; one of them required), model, custom_llm_provider,
//   messages, response, prompt_tokens, completion_tokens, end_user, metadata.session_id or trace_id (conversation),
//   metadata.user_api_key_hash / _alias / _team_id / _team_alias (also team_alias), metadata.user_api_key_end_user_id,
//   metadata.mcp_tool_call_metadata, guardrail_information (list, or the older single object).

const STATUS: Record<string, GatewayCheckStatus> = {
  success: "passed",
  // LiteLLM's own dashboard counts an intervention as a block (the request was stopped or rewritten).
  guardrail_intervened: "blocked",
  guardrail_failed_to_respond: "error",
  not_run: "not_run",
  // Older payloads: a guardrail that raised reported "failure", which stopped the request.
  failure: "blocked",
};

function guardrailMode(value: unknown): string | undefined {
  if (typeof value === "string") return value;
  const list = asArray(value);
  if (list) return list.filter((item): item is string => typeof item === "string").join(",") || undefined;
  // GuardrailEventHooks can also arrive as {"tags": {...}, "default": "pre_call"}.
  const object = asObject(value);
  return object ? asString(object.default) : undefined;
}

function guardrailCheck(value: JsonObject, index: number, truncation: Truncation): GatewayCheck {
  const rawStatus = asString(value.guardrail_status)?.toLowerCase();
  const durationSeconds = asNumber(value.duration) ?? (asNumber(value.end_time) !== undefined && asNumber(value.start_time) !== undefined ? asNumber(value.end_time)! - asNumber(value.start_time)! : undefined);
  const masked = asObject(value.masked_entity_count);
  const categories = masked ? Object.keys(masked)
        .filter((key) => (asNumber(masked[key]) ?? 0) > 0)
        .map((key) => key.slice(0, LIMITS.identifierChars)) : undefined;
  return {
    name: truncation.text(`guardrail_information[${index}].guardrail_name`, asString(value.guardrail_name) ?? "guardrail", LIMITS.identifierChars),
    mode: truncation.identifier(`guardrail_information[${index}].guardrail_mode`, guardrailMode(value.guardrail_mode)),
    // An unknown status is kept as an error rather than guessed as a pass.
    status: rawStatus ? (STATUS[rawStatus] ?? "error") : "not_run",
    durationMs: milliseconds(durationSeconds === undefined ? undefined : durationSeconds * 1000),
    categories: categories && categories.length > 0 ? categories : undefined,
    raw: truncation.raw(`guardrail_information[${index}]`, value),
  };
}

function mcpToolCall(value: unknown, truncation: Truncation): IngestToolCall | undefined {
  const mcp = asObject(value);
  const name = asString(mcp?.name) ?? asString(mcp?.namespaced_tool_name);
  if (!mcp || !name) return undefined;
  const server = asString(mcp.mcp_server_name);
  const result = mcp.result === undefined || mcp.result === null ? undefined : argumentsText(mcp.result);
  return {
    name: truncation.text("metadata.mcp_tool_call_metadata.name", name, LIMITS.identifierChars),
    // An MCP server is the connector and its tool the action, as access reviews count usage.
    connector: truncation.identifier("metadata.mcp_tool_call_metadata.mcp_server_name", server),
    action: server ? truncation.text("metadata.mcp_tool_call_metadata.name", asString(mcp.name) ?? name, LIMITS.identifierChars) : undefined,
    arguments: truncation.text("metadata.mcp_tool_call_metadata.arguments", argumentsText(mcp.arguments), LIMITS.argumentsChars),
    result: result === undefined ? undefined : truncation.text("metadata.mcp_tool_call_metadata.result", result),
  };
}

/**
 * The call's own id. Newer payloads carry `call_id` (the x-litellm-call-id UUID). `id` is the
 * provider's response id when there is a response, and a cache hit replays the cached response's id:
 * two different calls served from cache would share it, so a cache hit without call_id is identified
 * by its content hash instead (its startTime differs).
 */
function litellmCallId(payload: JsonObject): string | undefined {
  return asString(payload.call_id) ?? (payload.cache_hit === true ? undefined : asString(payload.id));
}

export function parseLitellmRecord(record: unknown): RecordOutcome {
  const payload = asObject(record);
  if (!payload) return { events: [], errors: [{ field: "(record)", reason: "Expected a StandardLoggingPayload object." }] };
  const occurredAt = asDate(payload.startTime) ?? asDate(payload.endTime);
  if (!occurredAt) return { events: [], errors: [{ field: "startTime", reason: "startTime (or endTime) must be an epoch time or ISO date." }] };

  const truncation = new Truncation();
  const metadata = asObject(payload.metadata) ?? {};
  const chat = readChat(payload.messages, payload.response, truncation);
  const mcp = mcpToolCall(metadata.mcp_tool_call_metadata, truncation);
  const toolCalls = mcp ? [mcp, ...chat.toolCalls] : chat.toolCalls;

  // The current payload carries a list; older ones a single object.
  const guardrailValue = payload.guardrail_information;
  const guardrails = (asArray(guardrailValue) ?? (asObject(guardrailValue) ? [guardrailValue] : [])).flatMap((item) => {
    const object = asObject(item);
    return object ? [object] : [];
  });
  const gatewayChecks = truncation.list(
    "guardrail_information",
    guardrails.map((item, index) => guardrailCheck(item, index, truncation)),
    LIMITS.gatewayChecks,
  );

  const start = asNumber(payload.startTime);
  const end = asNumber(payload.endTime);
  const responseSeconds = asNonNegative(payload.response_time);
  const latencyMs = milliseconds(responseSeconds !== undefined ? responseSeconds * 1000 : start !== undefined && end !== undefined ? (end - start) * 1000 : undefined);
  const id = (key: string) => truncation.identifier(`metadata.${key}`, asString(metadata[key]));

  return {
    events: [
      {
        source: "litellm",
        ...eventIdentity("litellm", litellmCallId(payload), payload),
        occurredAt,
        model: truncation.identifier("model", asString(payload.model)),
        provider: truncation.identifier("custom_llm_provider", asString(payload.custom_llm_provider)),
        workflowIdentity: dropUndefined({
          keyHash: id("user_api_key_hash"),
          keyAlias: id("user_api_key_alias"),
          teamId: id("user_api_key_team_id"),
          teamAlias: id("user_api_key_team_alias") ?? id("team_alias"),
        }),
        endUser: truncation.identifier("end_user", asString(payload.end_user) ?? asString(metadata.user_api_key_end_user_id)),
        // A session id names the conversation; without one, trace_id (which groups the retries and
        // fallbacks of one request) is the closest grouping the payload has.
        conversationId: truncation.identifier("conversationId", asString(metadata.session_id) ?? asString(metadata.litellm_session_id) ?? asString(payload.trace_id)),
        messages: chat.messages,
        output: chat.output,
        toolCalls: truncation.list("toolCalls", toolCalls, LIMITS.toolCalls),
        usage: dropUndefined({ inputTokens: asCount(payload.prompt_tokens), outputTokens: asCount(payload.completion_tokens) }),
        latencyMs,
        gatewayChecks,
        truncatedFields: truncation.fields,
      },
    ],
    errors: [],
  };
}
