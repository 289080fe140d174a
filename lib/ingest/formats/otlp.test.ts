import { describe, expect, it } from "vitest";
import { ingestEventSchema } from "../event";
import { parseOtlpRecord } from "./otlp";

const s = (key: string, value: string) => ({ key, value: { stringValue: value } });
const TRACE = "5b8efff798038103d269b633813fc60c";

// An agent run as an OTel GenAI instrumentation exports it over OTLP/HTTP JSON: invoke_agent → chat
// (current conventions, content as a JSON string) → execute_tool, plus a guardrail span and an HTTP span.
function exportRequest() {
  return {
    resourceSpans: [
      {
        resource: { attributes: [s("service.name", "support-agent"), s("deployment.environment", "prod")] },
        scopeSpans: [
          {
            scope: { name: "opentelemetry.instrumentation.openai_v2", version: "0.48b0" },
            spans: [
              {
                traceId: TRACE,
                spanId: "a000000000000001",
                name: "invoke_agent Support",
                kind: 1,
                startTimeUnixNano: "1763717700000000000",
                endTimeUnixNano: "1763717703000000000",
                attributes: [s("gen_ai.operation.name", "invoke_agent"), s("gen_ai.agent.id", "asst_5j66UpCpwteGg4YSxUnt7lPY"), s("gen_ai.agent.name", "Support"), s("gen_ai.conversation.id", "conv_5j66UpCpwteGg4YSxUnt7lPY"), s("gen_ai.provider.name", "openai")],
              },
              {
                traceId: TRACE,
                spanId: "a000000000000002",
                parentSpanId: "a000000000000001",
                name: "chat gpt-4.1",
                kind: 3,
                startTimeUnixNano: "1763717700250000000",
                endTimeUnixNano: 1763717701500000000,
                attributes: [
                  s("gen_ai.operation.name", "chat"),
                  s("gen_ai.provider.name", "openai"),
                  s("gen_ai.request.model", "gpt-4.1"),
                  s("gen_ai.response.model", "gpt-4.1-2025-04-14"),
                  { key: "gen_ai.usage.input_tokens", value: { intValue: "97" } },
                  { key: "gen_ai.usage.output_tokens", value: { intValue: 52 } },
                  { key: "gen_ai.request.temperature", value: { doubleValue: 0.2 } },
                  { key: "gen_ai.request.stream", value: { boolValue: false } },
                  s("gen_ai.system_instructions", JSON.stringify([{ type: "text", content: "You are a helpful support agent." }])),
                  s("gen_ai.input.messages", JSON.stringify([{ role: "user", parts: [{ type: "text", content: "Weather in Paris?" }] }])),
                  s(
                    "gen_ai.output.messages",
                    JSON.stringify([{ role: "assistant", parts: [{ type: "text", content: "Let me check." }, { type: "tool_call", id: "call_VSPygqK", name: "get_weather", arguments: { location: "Paris" } }], finish_reason: "tool_call" }]),
                  ),
                  { key: "some.vendor.field", value: { kvlistValue: { values: [s("nested", "ignored")] } } },
                ],
                status: { code: 1 },
              },
              {
                traceId: TRACE,
                spanId: "a000000000000003",
                parentSpanId: "a000000000000001",
                name: "execute_tool get_weather",
                startTimeUnixNano: "1763717701600000000",
                endTimeUnixNano: "1763717701900000000",
                attributes: [s("gen_ai.operation.name", "execute_tool"), s("gen_ai.tool.name", "get_weather"), s("gen_ai.tool.call.id", "call_VSPygqK"), s("gen_ai.tool.call.arguments", '{"location":"Paris"}'), s("gen_ai.tool.call.result", '{"temp_c":11}')],
              },
              {
                traceId: TRACE,
                spanId: "a000000000000004",
                parentSpanId: "a000000000000002",
                name: "guardrail prompt-shield",
                startTimeUnixNano: "1763717700260000000",
                endTimeUnixNano: "1763717700290000000",
                attributes: [s("gen_ai.guardrail.name", "prompt-shield"), s("gen_ai.guardrail.mode", "pre_call"), s("gen_ai.guardrail.decision", "allow")],
              },
              { traceId: TRACE, spanId: "a000000000000005", parentSpanId: "a000000000000003", name: "GET /weather", startTimeUnixNano: "1763717701700000000", endTimeUnixNano: "1763717701800000000", attributes: [s("http.request.method", "GET")] },
            ],
          },
        ],
      },
    ],
  };
}

describe("parseOtlpRecord", () => {
  it("turns each GenAI span into an event and skips other spans", () => {
    const { events, errors } = parseOtlpRecord(exportRequest());
    expect(errors).toEqual([]);
    expect(events.map((event) => event.eventKey)).toEqual([`otlp:id:${TRACE}:a000000000000001`, `otlp:id:${TRACE}:a000000000000002`, `otlp:id:${TRACE}:a000000000000003`]);
    for (const event of events) expect(ingestEventSchema.safeParse(event).success).toBe(true);
  });

  it("reads model, provider, usage (int64 as string or number), content and tool calls of a chat span", () => {
    const chat = parseOtlpRecord(exportRequest()).events[1]!;
    expect(chat).toMatchObject({
      model: "gpt-4.1",
      provider: "openai",
      usage: { inputTokens: 97, outputTokens: 52 },
      latencyMs: 1250,
      output: "Let me check.",
      conversationId: "conv_5j66UpCpwteGg4YSxUnt7lPY",
      workflowIdentity: { agentId: "asst_5j66UpCpwteGg4YSxUnt7lPY", agentName: "Support", service: "support-agent" },
    });
    expect(chat.occurredAt.toISOString()).toBe("2025-11-21T09:35:00.250Z");
    expect(chat.messages).toEqual([
      { role: "system", content: "You are a helpful support agent." },
      { role: "user", content: "Weather in Paris?" },
    ]);
    expect(chat.toolCalls).toEqual([{ name: "get_weather", arguments: '{"location":"Paris"}' }]);
    // The guardrail span under the chat span is that interaction's gateway check.
    expect(chat.gatewayChecks).toEqual([{ name: "prompt-shield", mode: "pre_call", status: "passed", durationMs: 30, raw: expect.any(Object) }]);
  });

  it("reads an execute_tool span as one tool call with its ancestor's agent and conversation", () => {
    const tool = parseOtlpRecord(exportRequest()).events[2]!;
    expect(tool.toolCalls).toEqual([{ name: "get_weather", arguments: '{"location":"Paris"}', result: '{"temp_c":11}' }]);
    expect(tool.conversationId).toBe("conv_5j66UpCpwteGg4YSxUnt7lPY");
    expect(tool.workflowIdentity.agentName).toBe("Support");
  });

  it("reads structured (non-string) messages, the older gen_ai.system, and gen_ai.security findings", () => {
    const request = {
      resourceSpans: [
        {
          scopeSpans: [
            {
              spans: [
                {
                  traceId: TRACE,
                  spanId: "b1",
                  startTimeUnixNano: 1763717700000000000,
                  attributes: [
                    s("gen_ai.system", "anthropic"),
                    s("gen_ai.request.model", "claude-sonnet-4"),
                    {
                      key: "gen_ai.input.messages",
                      value: { arrayValue: { values: [{ kvlistValue: { values: [s("role", "user"), { key: "parts", value: { arrayValue: { values: [{ kvlistValue: { values: [s("type", "text"), s("content", "hi")] } }] } } }] } }] } },
                    },
                    s("gen_ai.security.decision", "block"),
                    { key: "gen_ai.security.categories", value: { arrayValue: { values: [{ stringValue: "prompt_injection" }] } } },
                  ],
                },
              ],
            },
          ],
        },
      ],
    };
    const [event] = parseOtlpRecord(request).events;
    expect(event!.provider).toBe("anthropic");
    expect(event!.messages).toEqual([{ role: "user", content: "hi" }]);
    expect(event!.gatewayChecks).toEqual([{ name: "gen_ai.security", status: "blocked", categories: ["prompt_injection"], raw: expect.any(Object) }]);
  });

  it("reads content from the older per-message span events", () => {
    const request = {
      resourceSpans: [
        {
          scopeSpans: [
            {
              spans: [
                {
                  traceId: TRACE,
                  spanId: "c1",
                  startTimeUnixNano: "1763717700000000000",
                  attributes: [s("gen_ai.system", "openai"), s("gen_ai.operation.name", "chat")],
                  events: [
                    { name: "gen_ai.system.message", timeUnixNano: "1763717700000000000", attributes: [s("content", "Be brief.")] },
                    { name: "gen_ai.user.message", timeUnixNano: "1763717700000000000", attributes: [s("gen_ai.event.content", JSON.stringify({ content: "What is 2+2?" }))] },
                    { name: "gen_ai.choice", timeUnixNano: "1763717700000000000", attributes: [s("gen_ai.event.content", JSON.stringify({ index: 0, finish_reason: "stop", message: { content: "4" } }))] },
                  ],
                },
              ],
            },
          ],
        },
      ],
    };
    const [event] = parseOtlpRecord(request).events;
    expect(event!.messages).toEqual([
      { role: "system", content: "Be brief." },
      { role: "user", content: "What is 2+2?" },
    ]);
    expect(event!.output).toBe("4");
  });

  it("reports spans with a bad start time and orphan guardrail spans, keeping the good spans", () => {
    const request = exportRequest();
    const spans = request.resourceSpans[0]!.scopeSpans[0]!.spans as Record<string, unknown>[];
    spans[2]!.startTimeUnixNano = "soon";
    spans.push({ traceId: "ffffffffffffffffffffffffffffffff", spanId: "d1", name: "guardrail lonely", startTimeUnixNano: "1763717700000000000", endTimeUnixNano: "1763717700000000000", attributes: [] });
    const { events, errors } = parseOtlpRecord(request);
    expect(events).toHaveLength(2);
    expect(errors).toEqual([
      { field: "resourceSpans[0].scopeSpans[0].spans[2].startTimeUnixNano", reason: expect.stringContaining("nanoseconds") },
      { field: "resourceSpans[0].scopeSpans[0].spans[5]", reason: expect.stringContaining("Guardrail span") },
    ]);
  });

  it("reads apply_guardrail spans and gen_ai.security.finding events from the draft conventions", () => {
    const request = {
      resourceSpans: [
        {
          scopeSpans: [
            {
              spans: [
                {
                  traceId: TRACE,
                  spanId: "e1",
                  name: "invoke_agent guardrail-demo",
                  startTimeUnixNano: "1763717700000000000",
                  attributes: [s("gen_ai.operation.name", "invoke_agent"), s("gen_ai.agent.name", "guardrail-demo")],
                  events: [{ name: "gen_ai.security.finding", attributes: [s("gen_ai.security.risk.category", "prompt_injection"), { key: "gen_ai.security.risk.score", value: { doubleValue: 0.97 } }] }],
                },
                {
                  traceId: TRACE,
                  spanId: "e2",
                  parentSpanId: "e1",
                  name: "apply_guardrail Azure Content Safety",
                  startTimeUnixNano: "1763717700000000000",
                  endTimeUnixNano: "1763717700012000000",
                  attributes: [s("gen_ai.operation.name", "apply_guardrail"), s("microsoft.guardian.name", "Azure Content Safety"), s("microsoft.security.decision.type", "deny"), s("microsoft.security.target.type", "llm_input")],
                  events: [{ name: "gen_ai.security.finding", attributes: [s("microsoft.security.risk.category", "hate_speech")] }],
                },
              ],
            },
          ],
        },
      ],
    };
    const { events, errors } = parseOtlpRecord(request);
    expect(errors).toEqual([]);
    // The agent span is named like a guardrail but is an interaction; its own finding flags it.
    expect(events).toHaveLength(1);
    expect(events[0]!.gatewayChecks.map((check) => [check.name, check.mode, check.status, check.durationMs, check.categories])).toEqual([
      ["gen_ai.security", undefined, "flagged", undefined, ["prompt_injection"]],
      ["Azure Content Safety", "llm_input", "blocked", 12, ["hate_speech"]],
    ]);
  });

  it("reports a body without resourceSpans", () => {
    expect(parseOtlpRecord({ resourceLogs: [] }).errors).toEqual([{ field: "resourceSpans", reason: expect.any(String) }]);
    expect(parseOtlpRecord({ resourceSpans: "nope" }).errors[0]!.field).toBe("resourceSpans");
  });
});
