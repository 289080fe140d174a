import { describe, expect, it } from "vitest";
import { LIMITS } from "./event";
import { parseNdjsonLines, parseRecords } from "./parse";

const good = (id: string, extra: Record<string, unknown> = {}) => ({ id, timestamp: "2025-11-21T09:35:00Z", messages: [{ role: "user", content: `hello ${id}` }], ...extra });
const line = (value: unknown) => JSON.stringify(value);

function nested(depth: number): unknown {
  let value: unknown = "bottom";
  for (let i = 0; i < depth; i += 1) value = { inner: value };
  return value;
}

describe("parseRecords", () => {
  it("keeps the good records of a batch and reports each bad one by index, field and reason", () => {
    const { events, errors } = parseRecords("generic", [good("a"), { id: "b", timestamp: 5 }, "garbage", good("d")]);
    expect(events.map((event) => event.eventKey)).toEqual(["generic:id:a", "generic:id:d"]);
    expect(errors).toEqual([
      { index: 1, field: "timestamp", reason: expect.any(String) },
      { index: 2, field: "(record)", reason: "Expected a JSON object." },
    ]);
  });

  it("reports truncated JSON in NDJSON by line and keeps the other lines", () => {
    const text = [line(good("a")), "", '{"id":"b","timestamp":"2025-11-21T09:35:00Z","messages":[{"role":"us', line(good("c"))].join("\r\n");
    const { events, errors } = parseRecords("generic", text);
    expect(events.map((event) => event.eventKey)).toEqual(["generic:id:a", "generic:id:c"]);
    expect(errors).toEqual([{ index: 1, line: 3, field: "(line)", reason: expect.stringMatching(/^Invalid JSON/) }]);
  });

  it("reports a truncated single document once", () => {
    expect(parseRecords("generic", '{"id":"a","timestamp":').errors).toEqual([{ index: 0, line: 1, field: "(line)", reason: expect.stringMatching(/^Invalid JSON/) }]);
    const pretty = JSON.stringify(good("a"), null, 2).slice(0, -10);
    expect(parseRecords("generic", pretty).errors).toEqual([{ index: 0, line: 1, field: "(body)", reason: expect.stringMatching(/^Invalid JSON/) }]);
  });

  it("answers an empty body with nothing", () => {
    expect(parseRecords("litellm", "  \n ")).toEqual({ events: [], errors: [] });
  });

  it("reports wrong types without throwing", () => {
    for (const format of ["litellm", "otlp", "portkey", "generic"] as const) {
      const { events, errors } = parseRecords(format, [null, 17, "text", true, [], { resourceSpans: [{ scopeSpans: [{ spans: [null] }] }] }]);
      expect(events).toEqual([]);
      expect(errors.length).toBeGreaterThanOrEqual(5);
      expect(new Set(errors.map((error) => error.index))).toEqual(new Set([0, 1, 2, 3, 4, 5]));
    }
  });

  it("rejects deeply nested records without overflowing the stack", () => {
    const deep = good("deep", { checks: [{ name: "n", status: "passed", raw: nested(100_000) }] });
    const { events, errors } = parseRecords("generic", [deep, good("ok")]);
    expect(events.map((event) => event.eventKey)).toEqual(["generic:id:ok"]);
    expect(errors).toEqual([{ index: 0, field: "(record)", reason: `Nested more than ${LIMITS.depth} levels deep.` }]);
    // The same as text: JSON.parse copes with the depth, the depth check rejects it.
    const text = `{"id":"deep","timestamp":"2025-11-21T09:35:00Z","output":${"[".repeat(200_000)}${"]".repeat(200_000)}}`;
    expect(parseRecords("generic", text).errors).toEqual([{ index: 0, field: "(record)", reason: `Nested more than ${LIMITS.depth} levels deep.` }]);
    // Just inside the limit is fine.
    expect(parseRecords("generic", [good("edge", { extra: nested(LIMITS.depth - 2) })]).errors).toEqual([]);
  });

  it("cuts huge fields and flags them instead of failing", () => {
    const huge = "A".repeat(LIMITS.textChars + 5000);
    const { events, errors } = parseRecords("generic", [
      good("big", {
        model: "m".repeat(10_000),
        messages: [{ role: "user", content: huge }],
        toolCalls: [{ name: "search", arguments: "x".repeat(LIMITS.argumentsChars * 2) }],
        checks: [{ name: "g", status: "flagged", raw: { blob: "r".repeat(LIMITS.rawChars * 2) } }],
      }),
    ]);
    expect(errors).toEqual([]);
    const [event] = events;
    expect(event!.messages[0]!.content).toHaveLength(LIMITS.textChars);
    expect(event!.model).toHaveLength(LIMITS.identifierChars);
    expect(event!.toolCalls[0]!.arguments).toHaveLength(LIMITS.argumentsChars);
    expect(event!.gatewayChecks[0]!.raw).toMatchObject({ truncated: true });
    expect(event!.truncatedFields).toEqual(["model", "messages[0].content", "toolCalls[0].arguments", "checks[0].raw"]);
  });

  it("never cuts a surrogate pair in half", () => {
    const text = "a".repeat(LIMITS.textChars - 1) + "😀".repeat(3);
    const [event] = parseRecords("generic", [good("emoji", { output: text })]).events;
    expect(event!.output).toHaveLength(LIMITS.textChars - 1);
    expect(event!.output!.endsWith("a")).toBe(true);
    expect(event!.truncatedFields).toEqual(["output"]);
  });

  it("replaces invalid UTF-8 bytes and lone surrogates with U+FFFD", () => {
    const prefix = new TextEncoder().encode('{"id":"u","timestamp":"2025-11-21T09:35:00Z","output":"caf');
    const suffix = new TextEncoder().encode(' ok"}');
    const bytes = new Uint8Array([...prefix, 0xc3, 0x28, 0xff, ...suffix]);
    const [fromBytes] = parseRecords("generic", bytes).events;
    expect(fromBytes!.output).toBe("caf\uFFFD(\uFFFD ok");

    const [fromSurrogates] = parseRecords("generic", '{"id":"s","timestamp":"2025-11-21T09:35:00Z","output":"x\\ud800y\\udc00z","messages":[{"role":"user","content":"nul\\u0000byte"}]}').events;
    expect(fromSurrogates!.output).toBe("x\uFFFDy\uFFFDz");
    expect(fromSurrogates!.messages[0]!.content).toBe("nul\uFFFDbyte");
  });

  it("gives a re-sent record the same eventKey, by id or by content hash", () => {
    const withId = parseRecords("litellm", [{ id: "dup-1", startTime: 1763717700 }, { id: "dup-1", startTime: 1763717700 }]).events;
    expect(withId[0]!.eventKey).toBe(withId[1]!.eventKey);

    const a = { timestamp: "2025-11-21T09:35:00Z", model: "gpt-4.1", workflow: { keyAlias: "k", teamId: "t" }, messages: [{ role: "user", content: "hi" }] };
    const reordered = { messages: [{ content: "hi", role: "user" }], workflow: { teamId: "t", keyAlias: "k" }, model: "gpt-4.1", timestamp: "2025-11-21T09:35:00Z" };
    const different = { ...a, messages: [{ role: "user", content: "hi!" }] };
    const [first, second, third] = parseRecords("generic", [a, reordered, different]).events;
    expect(first!.eventKeyKind).toBe("content_hash");
    expect(first!.eventKey).toBe(second!.eventKey);
    expect(first!.eventKey).not.toBe(third!.eventKey);
    // The same hash whether the record arrived as text or as a decoded object.
    expect(parseRecords("generic", JSON.stringify(reordered)).events[0]!.eventKey).toBe(first!.eventKey);
  });
});

describe("parseNdjsonLines", () => {
  it("streams line by line with line numbers, skipping blank lines", async () => {
    async function* lines() {
      yield line(good("a"));
      yield "";
      yield "{not json";
      yield line(good("c")) + "\r";
    }
    const results = [];
    for await (const parsed of parseNdjsonLines("generic", lines())) results.push(parsed);
    expect(results.map((result) => [result.line, result.events.length, result.errors.length])).toEqual([
      [1, 1, 0],
      [3, 0, 1],
      [4, 1, 0],
    ]);
    expect(results[1]!.errors[0]).toMatchObject({ index: 1, line: 3, field: "(line)" });
  });

  it("holds no more than a line at a time: thousands of lines go through a generator", async () => {
    function* many() {
      for (let i = 0; i < 5000; i += 1) yield line(good(`e${i}`));
    }
    let count = 0;
    for await (const parsed of parseNdjsonLines("generic", many())) count += parsed.events.length;
    expect(count).toBe(5000);
  });
});
