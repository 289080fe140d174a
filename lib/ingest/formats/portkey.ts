import { eventIdentity, LIMITS, Truncation, type GatewayCheck, type RecordOutcome } from "../event";
import { asArray, asCount, asDate, asNumber, asObject, asString, dropUndefined, milliseconds, type JsonObject } from "../read";
import { readChat } from "./openai-chat";

// Portkey gateway logs with inline guardrail results. Portkey answers a request whose guardrails
// failed but did not deny with HTTP 246, and a denied one with 446; the response body carries
// `hook_results.before_request_hooks / after_request_hooks`, each hook a guardrail with `verdict`,
// `deny`, `execution_time` and its `checks` ({ id, verdict, execution_time, error, data }).
//
// A log record is read leniently, because Portkey's exports and webhook payloads name things
// differently: id | request_id | trace_id; created_at | timestamp; status | response_status_code;
// provider | ai_provider; model | ai_model; request (or request.body) with messages; response (or
// response.body) with choices, usage and hook_results (hook_results may also sit at the top);
// metadata with _user (end user), and workflow identity from metadata keys named like the generic event.

type HookStage = "before_request_hooks" | "after_request_hooks";
const STAGES: { key: HookStage; mode: string }[] = [
  { key: "before_request_hooks", mode: "input" },
  { key: "after_request_hooks", mode: "output" },
];

function body(value: unknown): JsonObject | undefined {
  const object = asObject(value);
  return asObject(object?.body) ?? object;
}

function hookChecks(hookResults: JsonObject, statusCode: number | undefined, truncation: Truncation): GatewayCheck[] {
  const checks: GatewayCheck[] = [];
  for (const stage of STAGES) {
    (asArray(hookResults[stage.key]) ?? []).forEach((hookValue, hookIndex) => {
      const hook = asObject(hookValue);
      if (!hook) return;
      const hookId = asString(hook.id) ?? `hook-${hookIndex}`;
      const deny = hook.deny === true;
      (asArray(hook.checks) ?? []).forEach((checkValue, checkIndex) => {
        const check = asObject(checkValue);
        if (!check) return;
        const path = `hook_results.${stage.key}[${hookIndex}].checks[${checkIndex}]`;
        const failed = check.verdict === false;
        const errored = check.error !== undefined && check.error !== null;
        // A failed check on a denying guardrail blocked the request (446); otherwise it only flagged it (246).
        const status = errored ? "error" : !failed ? "passed" : deny && statusCode !== 246 ? "blocked" : "flagged";
        const checkId = asString(check.id) ?? `check-${checkIndex}`;
        checks.push(
          dropUndefined({
            name: truncation.text(`${path}.id`, `${hookId}/${checkId}`, LIMITS.identifierChars),
            mode: stage.mode,
            status,
            durationMs: milliseconds(asNumber(check.execution_time)),
            // Portkey check ids are "<provider>.<check>", e.g. "default.regexMatch", "portkey.pii".
            categories: [truncation.text(`${path}.id`, checkId.slice(checkId.lastIndexOf(".") + 1), LIMITS.identifierChars)],
            raw: truncation.raw(path, check),
          }) as GatewayCheck,
        );
      });
    });
  }
  return truncation.list("hook_results", checks, LIMITS.gatewayChecks);
}

export function parsePortkeyRecord(record: unknown): RecordOutcome {
  const log = asObject(record);
  if (!log) return { events: [], errors: [{ field: "(record)", reason: "Expected a Portkey log object." }] };
  const request = body(log.request) ?? {};
  const response = body(log.response) ?? {};
  const occurredAt = asDate(log.created_at) ?? asDate(log.timestamp) ?? asDate(response.created);
  if (!occurredAt) return { events: [], errors: [{ field: "created_at", reason: "created_at (or timestamp) must be an ISO date or epoch time." }] };
  const hookResultsValue = log.hook_results ?? response.hook_results;
  if (hookResultsValue !== undefined && !asObject(hookResultsValue)) {
    return { events: [], errors: [{ field: "hook_results", reason: "hook_results must be an object with before_request_hooks / after_request_hooks." }] };
  }

  const truncation = new Truncation();
  const statusCode = asNumber(log.status) ?? asNumber(log.response_status_code) ?? asNumber(asObject(log.response)?.status);
  const chat = readChat(request.messages ?? request.prompt, response, truncation);
  const usage = asObject(response.usage) ?? {};
  const metadata = asObject(log.metadata) ?? asObject(request.metadata) ?? {};
  const meta = (path: string, ...keys: string[]) => truncation.identifier(`metadata.${path}`, keys.map((key) => asString(metadata[key])).find((value) => value !== undefined));

  return {
    events: [
      {
        source: "portkey",
        ...eventIdentity("portkey", asString(log.id) ?? asString(log.request_id) ?? asString(log.trace_id), record),
        occurredAt,
        model: truncation.identifier("model", asString(log.model) ?? asString(log.ai_model) ?? asString(request.model) ?? asString(response.model)),
        provider: truncation.identifier("provider", asString(log.provider) ?? asString(log.ai_provider)),
        workflowIdentity: dropUndefined({
          keyHash: meta("keyHash", "keyHash", "api_key_hash"),
          keyAlias: truncation.identifier("virtual_key", asString(log.virtual_key)) ?? meta("keyAlias", "keyAlias", "api_key_alias"),
          teamId: meta("teamId", "teamId", "team_id"),
          teamAlias: meta("teamAlias", "teamAlias", "team"),
          agentId: meta("agentId", "agentId", "agent_id"),
          agentName: meta("agentName", "agentName", "agent"),
          service: meta("service", "service", "_service", "app"),
        }),
        endUser: meta("_user", "_user", "user"),
        conversationId: truncation.identifier("trace_id", asString(log.trace_id) ?? asString(metadata.conversation_id)),
        messages: chat.messages,
        output: chat.output,
        toolCalls: chat.toolCalls,
        usage: dropUndefined({ inputTokens: asCount(usage.prompt_tokens) ?? asCount(log.req_units), outputTokens: asCount(usage.completion_tokens) ?? asCount(log.res_units) }),
        latencyMs: milliseconds(asNumber(log.response_time) ?? asNumber(log.latency_ms)),
        gatewayChecks: hookResultsValue ? hookChecks(asObject(hookResultsValue)!, statusCode, truncation) : [],
        truncatedFields: truncation.fields,
      },
    ],
    errors: [],
  };
}
