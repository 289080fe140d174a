import { describe, expect, it } from "vitest";
import { ingestEventSchema } from "./event";
import { parseRecords, type IngestFormat } from "./parse";

// Mutation testing of the parsers: take a valid record of each format, replace one value anywhere in
// it with something of the wrong type, and check the parser neither throws nor hits either safety net
// in parse.ts ("Could not be read", or an "(event)" field: a built event that broke the contract).

const SEEDS: Record<IngestFormat, unknown> = {
  litellm: {
    id: "x1",
    startTime: 1763717700,
    endTime: 1763717701,
    model: "gpt-4.1",
    metadata: { user_api_key_alias: "a", mcp_tool_call_metadata: { name: "t", mcp_server_name: "s", arguments: { q: 1 }, result: "r" } },
    messages: [{ role: "user", content: [{ type: "text", text: "hi" }] }, { role: "assistant", tool_calls: [{ id: "c", function: { name: "f", arguments: "{}" } }] }, { role: "tool", tool_call_id: "c", content: "ok" }],
    response: { choices: [{ message: { content: "yo", tool_calls: [{ id: "d", function: { name: "g", arguments: "{}" } }] } }] },
    guardrail_information: [{ guardrail_name: "g", guardrail_mode: ["pre_call"], guardrail_status: "success", duration: 0.1, masked_entity_count: { EMAIL: 1 } }],
  },
  otlp: {
    resourceSpans: [
      {
        resource: { attributes: [{ key: "service.name", value: { stringValue: "svc" } }] },
        scopeSpans: [
          {
            spans: [
              {
                traceId: "t",
                spanId: "s1",
                startTimeUnixNano: "1763717700000000000",
                endTimeUnixNano: "1763717701000000000",
                attributes: [
                  { key: "gen_ai.operation.name", value: { stringValue: "chat" } },
                  { key: "gen_ai.usage.input_tokens", value: { intValue: "5" } },
                  { key: "gen_ai.input.messages", value: { stringValue: '[{"role":"user","parts":[{"type":"text","content":"hi"}]}]' } },
                ],
                events: [{ name: "gen_ai.user.message", attributes: [{ key: "content", value: { stringValue: "hi" } }] }],
              },
              { traceId: "t", spanId: "s2", parentSpanId: "s1", name: "guardrail", startTimeUnixNano: "1763717700000000000", attributes: [{ key: "gen_ai.guardrail.decision", value: { stringValue: "block" } }] },
            ],
          },
        ],
      },
    ],
  },
  portkey: {
    id: "p1",
    created_at: "2025-11-21T09:35:00Z",
    status: 246,
    request: { body: { messages: [{ role: "user", content: "hi" }] } },
    response: { body: { choices: [{ message: { content: "yo" } }], usage: { prompt_tokens: 1 }, hook_results: { before_request_hooks: [{ id: "h", deny: true, checks: [{ id: "default.x", verdict: false, execution_time: 1 }] }] } } },
  },
  generic: {
    id: "g1",
    timestamp: "2025-11-21T09:35:00Z",
    workflow: { keyAlias: "k" },
    messages: [{ role: "user", content: "hi" }],
    toolCalls: [{ name: "t", arguments: { a: 1 } }],
    checks: [{ name: "c", status: "passed", raw: { r: 1 } }],
    usage: { inputTokens: 1 },
  },
};

const REPLACEMENTS: unknown[] = [null, 0, -1, 1e308, "", "\uD800", "x".repeat(70_000), true, [], {}, [null], { "": null }, "1763717700000000000", Number.MAX_SAFE_INTEGER];

// Every path to a value in the record, so each mutation touches exactly one place.
function paths(value: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  if (value === null || typeof value !== "object") return [prefix];
  const entries = Array.isArray(value) ? value.map((item, index) => [index, item] as const) : Object.entries(value);
  return [prefix, ...entries.flatMap(([key, item]) => paths(item, [...prefix, key]))];
}

function replaced(root: unknown, path: (string | number)[], replacement: unknown): unknown {
  if (path.length === 0) return replacement;
  const copy = structuredClone(root) as Record<string | number, unknown>;
  let node = copy;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
  node[path[path.length - 1]!] = replacement;
  return copy;
}

describe("parsers under hostile input", () => {
  for (const format of Object.keys(SEEDS) as IngestFormat[]) {
    it(`${format}: one wrong value anywhere never crashes the parser`, () => {
      const seed = SEEDS[format];
      expect(parseRecords(format, [seed]).errors).toEqual([]);
      let mutations = 0;
      for (const path of paths(seed)) {
        for (const replacement of REPLACEMENTS) {
          const { events, errors } = parseRecords(format, [replaced(seed, path, replacement)]);
          mutations += 1;
          expect(errors.filter((error) => error.reason.startsWith("Could not be read") || error.field.startsWith("(event)")), `${format} ${path.join(".")} = ${JSON.stringify(replacement)?.slice(0, 40)}`).toEqual([]);
          for (const event of events) expect(ingestEventSchema.safeParse(event).success).toBe(true);
        }
      }
      expect(mutations).toBeGreaterThan(100);
    });
  }
});
