import { ROOT_CONTEXT, SpanKind, SpanStatusCode, trace, type Tracer } from "@opentelemetry/api";
import { resourceFromAttributes } from "@opentelemetry/resources";
import { InMemorySpanExporter, SimpleSpanProcessor, TracerProvider, type ReadableSpan } from "@opentelemetry/sdk-trace";

// Spans made by the real OpenTelemetry SDK, for tests of the OTLP way in: what an instrumented
// application emits, encoded by the SDK's own serializers or sent by its own exporter, rather than
// bytes written by hand to match our reader.

/** The spans `record` ends, as the SDK hands them to an exporter, from a resource named `service`. */
export async function recordSpans(record: (tracer: Tracer) => void, service = "support-agent"): Promise<ReadableSpan[]> {
  const exporter = new InMemorySpanExporter();
  const provider = new TracerProvider({ resource: resourceFromAttributes({ "service.name": service }), spanProcessors: [new SimpleSpanProcessor({ exporter })] });
  record(provider.getTracer("warden-tests", "1.0.0"));
  await provider.forceFlush();
  const spans = exporter.getFinishedSpans();
  await provider.shutdown();
  return spans;
}

/**
 * An agent's turn as GenAI instrumentation records it: a chat span with its messages (structured
 * attributes), token counts and conversation, and a child execute_tool span with arguments and result.
 * `prompt` is the user's message; `startTime` (ms) defaults to a minute ago.
 */
export function agentTurn(tracer: Tracer, options: { prompt: string; startTime?: number; conversation?: string }) {
  const start = options.startTime ?? Date.now() - 60_000;
  const chat = tracer.startSpan("chat gpt-4.1", {
    kind: SpanKind.CLIENT,
    startTime: start,
    attributes: {
      "gen_ai.operation.name": "chat",
      "gen_ai.provider.name": "openai",
      "gen_ai.request.model": "gpt-4.1",
      "gen_ai.usage.input_tokens": 182,
      "gen_ai.usage.output_tokens": 41,
      "gen_ai.conversation.id": options.conversation ?? "conv-7",
      "gen_ai.agent.name": "support-agent",
      "gen_ai.input.messages": JSON.stringify([{ role: "user", parts: [{ type: "text", content: options.prompt }] }]),
      "gen_ai.output.messages": JSON.stringify([{ role: "assistant", parts: [{ type: "tool_call", id: "call_1", name: "lookup_order", arguments: { order: "1042" } }], finish_reason: "tool_call" }]),
      "server.port": 443,
      "gen_ai.request.temperature": 0.2,
    },
  });
  const tool = tracer.startSpan(
    "execute_tool lookup_order",
    {
      kind: SpanKind.INTERNAL,
      startTime: start + 400,
      attributes: { "gen_ai.operation.name": "execute_tool", "gen_ai.tool.name": "lookup_order", "gen_ai.tool.call.id": "call_1", "gen_ai.tool.call.arguments": '{"order":"1042"}', "gen_ai.tool.call.result": '{"status":"shipped"}' },
    },
    trace.setSpan(ROOT_CONTEXT, chat),
  );
  tool.addEvent("gen_ai.tool.message", { content: '{"status":"shipped"}' }, start + 500);
  tool.setStatus({ code: SpanStatusCode.OK });
  tool.end(start + 600);
  chat.end(start + 900);
}
