import { describe, expect, it } from "vitest";
import { ingestEventSchema } from "../event";
import { parseRecords } from "../parse";
import { parseLitellmRecord } from "./litellm";

// A StandardLoggingPayload as LiteLLM's proxy logs it after a tool-using chat completion.
function payload(overrides: Record<string, unknown> = {}) {
  return {
    id: "chatcmpl-8f2c1a7e-4b1d-4f0e-9a55-1c0d2e3f4a5b",
    trace_id: "6d0c6a1e-3a55-4a7e-8d0e-0b6f1b2c3d4e",
    call_type: "acompletion",
    status: "success",
    startTime: 1763717700.123,
    endTime: 1763717701.935,
    completionStartTime: 1763717701.2,
    response_time: 1.812,
    model: "gpt-4.1-mini",
    model_group: "gpt-4.1-mini",
    custom_llm_provider: "openai",
    api_base: "https://api.openai.com/v1",
    prompt_tokens: 412,
    completion_tokens: 57,
    total_tokens: 469,
    response_cost: 0.000256,
    end_user: "customer-4821",
    metadata: {
      user_api_key_hash: "88dc28d0f030c55ed4ab77ed8faf098196cb1c05df778539800c9f1243fe6b4b",
      user_api_key_alias: "support-bot-prod",
      user_api_key_team_id: "team_9f1",
      user_api_key_team_alias: "Customer Support",
      user_api_key_user_id: "svc-support",
      user_api_key_end_user_id: "customer-4821",
      requester_ip_address: "10.0.4.17",
      mcp_tool_call_metadata: null,
    },
    messages: [
      { role: "system", content: "You are Acme's support assistant." },
      { role: "user", content: [{ type: "text", text: "Where is order 1042?" }] },
      { role: "assistant", content: null, tool_calls: [{ id: "call_1", type: "function", function: { name: "lookup_order", arguments: '{"order_id":"1042"}' } }] },
      { role: "tool", tool_call_id: "call_1", content: '{"status":"shipped","carrier":"DHL"}' },
    ],
    response: {
      id: "chatcmpl-xyz",
      object: "chat.completion",
      choices: [{ index: 0, finish_reason: "stop", message: { role: "assistant", content: "Order 1042 shipped with DHL." } }],
      usage: { prompt_tokens: 412, completion_tokens: 57 },
    },
    guardrail_information: [
      {
        guardrail_name: "presidio-pii",
        guardrail_mode: "pre_call",
        guardrail_status: "success",
        guardrail_response: [],
        start_time: 1763717700.13,
        end_time: 1763717700.171,
        duration: 0.041,
        masked_entity_count: { EMAIL_ADDRESS: 0 },
      },
      {
        guardrail_name: "lakera-prompt-injection",
        guardrail_mode: ["pre_call"],
        guardrail_status: "guardrail_intervened",
        guardrail_response: { flagged: true, categories: { prompt_injection: true } },
        duration: 0.12,
      },
      { guardrail_name: "aporia-post", guardrail_mode: "post_call", guardrail_status: "guardrail_failed_to_respond", duration: 2.5 },
      { guardrail_name: "bedrock-post", guardrail_mode: "post_call", guardrail_status: "not_run" },
    ],
    ...overrides,
  };
}

describe("parseLitellmRecord", () => {
  it("reads a StandardLoggingPayload with identity, content, usage and guardrails", () => {
    const { events, errors } = parseLitellmRecord(payload());
    expect(errors).toEqual([]);
    const [event] = events;
    expect(ingestEventSchema.safeParse(event).success).toBe(true);
    expect(event).toMatchObject({
      source: "litellm",
      eventKey: "litellm:id:chatcmpl-8f2c1a7e-4b1d-4f0e-9a55-1c0d2e3f4a5b",
      eventKeyKind: "source_id",
      model: "gpt-4.1-mini",
      provider: "openai",
      endUser: "customer-4821",
      conversationId: "6d0c6a1e-3a55-4a7e-8d0e-0b6f1b2c3d4e",
      output: "Order 1042 shipped with DHL.",
      usage: { inputTokens: 412, outputTokens: 57 },
      latencyMs: 1812,
      truncatedFields: [],
    });
    expect(event!.occurredAt.toISOString()).toBe("2025-11-21T09:35:00.123Z");
    expect(event!.workflowIdentity).toEqual({
      keyHash: "88dc28d0f030c55ed4ab77ed8faf098196cb1c05df778539800c9f1243fe6b4b",
      keyAlias: "support-bot-prod",
      teamId: "team_9f1",
      teamAlias: "Customer Support",
    });
    expect(event!.messages.map((message) => message.role)).toEqual(["system", "user", "tool"]);
    // The call was made in an earlier turn this request replays: kept for the detectors, marked as history.
    expect(event!.toolCalls).toEqual([{ name: "lookup_order", arguments: '{"order_id":"1042"}', result: '{"status":"shipped","carrier":"DHL"}', inHistory: true }]);
    expect(event!.gatewayChecks.map((check) => [check.name, check.mode, check.status, check.durationMs])).toEqual([
      ["presidio-pii", "pre_call", "passed", 41],
      ["lakera-prompt-injection", "pre_call", "blocked", 120],
      ["aporia-post", "post_call", "error", 2500],
      ["bedrock-post", "post_call", "not_run", undefined],
    ]);
    expect(event!.gatewayChecks[1]!.raw).toMatchObject({ guardrail_response: { flagged: true } });
  });

  it("reads the older single-object guardrail_information with success | failure", () => {
    const older = payload({
      guardrail_information: { guardrail_name: "hide-secrets", guardrail_mode: "pre_call", guardrail_status: "failure", start_time: 1763717700.1, end_time: 1763717700.35, masked_entity_count: { AWS_ACCESS_KEY: 2 } },
    });
    const [event] = parseLitellmRecord(older).events;
    expect(event!.gatewayChecks).toHaveLength(1);
    expect(event!.gatewayChecks[0]).toMatchObject({ name: "hide-secrets", status: "blocked", durationMs: 250, categories: ["AWS_ACCESS_KEY"] });
    const [passed] = parseLitellmRecord(payload({ guardrail_information: { guardrail_name: "g", guardrail_status: "success" } })).events;
    expect(passed!.gatewayChecks[0]!.status).toBe("passed");
  });

  it("keeps an unknown guardrail status as an error rather than a pass", () => {
    const [event] = parseLitellmRecord(payload({ guardrail_information: [{ guardrail_name: "g", guardrail_status: "mystery" }] })).events;
    expect(event!.gatewayChecks[0]!.status).toBe("error");
  });

  it("reads the MCP tool call as connector and action, and team_alias as a fallback", () => {
    const record = payload({
      metadata: {
        user_api_key_alias: "ops-agent",
        team_alias: "Platform",
        mcp_tool_call_metadata: { name: "create_issue", namespaced_tool_name: "github-create_issue", mcp_server_name: "GitHub", arguments: { repo: "acme/web", title: "Flaky test" }, result: { number: 311 } },
      },
    });
    const [event] = parseLitellmRecord(record).events;
    expect(event!.workflowIdentity).toEqual({ keyAlias: "ops-agent", teamAlias: "Platform" });
    expect(event!.toolCalls[0]).toEqual({ name: "create_issue", connector: "GitHub", action: "create_issue", arguments: '{"repo":"acme/web","title":"Flaky test"}', result: '{"number":311}' });
  });

  it("reads tool calls the model made in the response", () => {
    const record = payload({
      messages: "Refund order 77",
      response: { choices: [{ message: { role: "assistant", content: null, tool_calls: [{ id: "c9", type: "function", function: { name: "issue_refund", arguments: '{"order":77}' } }] } }] },
    });
    const [event] = parseLitellmRecord(record).events;
    expect(event!.messages).toEqual([{ role: "user", content: "Refund order 77" }]);
    expect(event!.output).toBeUndefined();
    expect(event!.toolCalls).toEqual([{ name: "issue_refund", arguments: '{"order":77}' }]);
  });

  it("reports a record without a usable time, and a non-object, by field", () => {
    expect(parseLitellmRecord(payload({ startTime: "yesterday", endTime: null })).errors).toEqual([{ field: "startTime", reason: expect.stringContaining("epoch") }]);
    expect(parseLitellmRecord("not an object").errors[0]!.field).toBe("(record)");
  });

  it("accepts one object, an array, or NDJSON", () => {
    const a = payload({ id: "a" });
    const b = payload({ id: "b" });
    expect(parseRecords("litellm", JSON.stringify(a)).events.map((event) => event.eventKey)).toEqual(["litellm:id:a"]);
    expect(parseRecords("litellm", JSON.stringify([a, b])).events).toHaveLength(2);
    const ndjson = `${JSON.stringify(a)}\n${JSON.stringify(b)}\n`;
    expect(parseRecords("litellm", ndjson).events.map((event) => event.eventKey)).toEqual(["litellm:id:a", "litellm:id:b"]);
  });

  it("prefers call_id, and does not trust a cached response's id", () => {
    expect(parseLitellmRecord(payload({ call_id: "0b7e1c2a-5d1f-4a8e-9f0e-3c2b1a0d9e8f" })).events[0]!.eventKey).toBe("litellm:id:0b7e1c2a-5d1f-4a8e-9f0e-3c2b1a0d9e8f");
    const first = parseLitellmRecord(payload({ cache_hit: true })).events[0]!;
    const second = parseLitellmRecord(payload({ cache_hit: true, startTime: 1763717800.5, endTime: 1763717800.6 })).events[0]!;
    expect(first.eventKeyKind).toBe("content_hash");
    expect(first.eventKey).not.toBe(second.eventKey);
  });

  it("takes the conversation from a session id before trace_id", () => {
    const [event] = parseLitellmRecord(payload({ metadata: { session_id: "sess-42" } })).events;
    expect(event!.conversationId).toBe("sess-42");
  });

  it("falls back to a content hash when the payload has no id", () => {
    const [event] = parseLitellmRecord(payload({ id: undefined })).events;
    expect(event!.eventKeyKind).toBe("content_hash");
    expect(event!.eventKey).toMatch(/^litellm:sha256:[0-9a-f]{64}$/);
  });
});

describe("Anthropic-style content in a LiteLLM payload", () => {
  it("reads tool_use history, tool_result blocks as untrusted tool messages, and tool_use in the response", () => {
    const record = payload({
      custom_llm_provider: "anthropic",
      messages: [
        { role: "user", content: "Summarise the open tickets" },
        { role: "assistant", content: [{ type: "tool_use", id: "toolu_01", name: "list_tickets", input: { status: "open" } }] },
        { role: "user", content: [{ type: "tool_result", tool_use_id: "toolu_01", content: [{ type: "text", text: "#12 printer jam" }] }] },
      ],
      response: { id: "msg_01", type: "message", role: "assistant", content: [{ type: "text", text: "Filing a ticket." }, { type: "tool_use", id: "toolu_02", name: "create_ticket", input: { title: "jam" } }] },
    });
    const [event] = parseLitellmRecord(record).events;
    expect(event!.messages).toEqual([
      { role: "user", content: "Summarise the open tickets" },
      { role: "tool", content: "#12 printer jam" },
    ]);
    expect(event!.output).toBe("Filing a ticket.");
    expect(event!.toolCalls).toEqual([
      { name: "list_tickets", arguments: '{"status":"open"}', result: "#12 printer jam", inHistory: true },
      { name: "create_ticket", arguments: '{"title":"jam"}' },
    ]);
  });
});
