import { describe, expect, it } from "vitest";
import { MAX_RAW_CHARS, parseBatch, parseNdjsonRecords } from "./parse";

// parseBatch / parseNdjsonRecords: one ParsedRecord per record, with the record's text kept for the
// quarantine (replayable as sent), bounded, and safe to store.

const good = (id: string, extra: Record<string, unknown> = {}) => ({ id, timestamp: "2025-11-21T09:35:00Z", messages: [{ role: "user", content: `hello ${id}` }], ...extra });

function nested(depth: number): unknown {
  let value: unknown = "bottom";
  for (let i = 0; i < depth; i += 1) value = { inner: value };
  return value;
}

describe("parseBatch", () => {
  it("gives each NDJSON line a record with its index, line, the line as sent, events and errors", () => {
    const lines = [JSON.stringify(good("a")), "", '{"id":"b","timestamp":', JSON.stringify({ id: "c", timestamp: "soon" }) + "\r"];
    const records = parseBatch("generic", lines.join("\n"));
    expect(records.map((r) => [r.index, r.line, r.events.length, r.errors.map((e) => e.field)])).toEqual([
      [0, 1, 1, []],
      [1, 3, 0, ["(line)"]],
      [2, 4, 0, ["timestamp"]],
    ]);
    expect(records.map((r) => r.raw)).toEqual([lines[0], lines[2], JSON.stringify({ id: "c", timestamp: "soon" })]);
    // Errors name the field only: the record's index and line are on the record.
    expect(records[1]!.errors[0]).toEqual({ field: "(line)", reason: expect.stringMatching(/^Invalid JSON/) });
  });

  it("keeps each element of a JSON array (or decoded records) as its own JSON text, without line numbers", () => {
    const batch = [good("a"), "garbage", good("c")];
    for (const input of [JSON.stringify(batch, null, 2), batch]) {
      const records = parseBatch("generic", input);
      expect(records.map((r) => [r.index, r.line, r.raw])).toEqual([
        [0, undefined, JSON.stringify(batch[0])],
        [1, undefined, '"garbage"'],
        [2, undefined, JSON.stringify(batch[2])],
      ]);
      expect(records.map((r) => r.events.length)).toEqual([1, 0, 1]);
    }
  });

  it("keeps a single object as sent, and a broken pretty-printed document as one record", () => {
    const body = `  ${JSON.stringify(good("one"))}\n`;
    expect(parseBatch("generic", body)).toEqual([expect.objectContaining({ index: 0, raw: body.trim(), errors: [] })]);
    const broken = JSON.stringify(good("a"), null, 2).slice(0, -3);
    const [record, ...rest] = parseBatch("generic", broken);
    expect(rest).toEqual([]);
    expect(record).toMatchObject({ index: 0, line: 1, raw: broken.trim(), events: [], errors: [{ field: "(body)" }] });
  });

  it("answers an empty body with no records", () => {
    expect(parseBatch("litellm", " \n\n ")).toEqual([]);
    expect(parseBatch("litellm", [])).toEqual([]);
  });

  it("cuts a huge record's text to MAX_RAW_CHARS, and says so only when the record was rejected (it cannot be replayed)", () => {
    const big = "x".repeat(MAX_RAW_CHARS);
    const [kept] = parseBatch("generic", [good("big", { output: big })]);
    expect(kept!.raw).toHaveLength(MAX_RAW_CHARS);
    expect(kept!.errors).toEqual([]);
    expect(kept!.events).toHaveLength(1);

    const [rejected] = parseBatch("generic", JSON.stringify({ id: "big", output: big }));
    expect(rejected!.raw).toHaveLength(MAX_RAW_CHARS);
    expect(rejected!.errors.map((e) => e.field)).toEqual(["timestamp", "(record)"]);
    expect(rejected!.errors[1]!.reason).toMatch(/send it again/);
  });

  it("never cuts a surrogate pair in half, and makes the text storable (no NUL, no lone surrogates)", () => {
    const line = JSON.stringify({ id: "e", note: "a".repeat(MAX_RAW_CHARS - 20) }).slice(0, MAX_RAW_CHARS - 11) + "😀".repeat(20) + '"}';
    const [record] = parseBatch("generic", line + "\nnot json\u0000 \ud800 here");
    expect(record!.raw.length).toBeLessThanOrEqual(MAX_RAW_CHARS);
    const last = record!.raw.charCodeAt(record!.raw.length - 1);
    expect(last >= 0xd800 && last <= 0xdbff).toBe(false);
    const [, notJson] = parseBatch("generic", line + "\nnot json\u0000 \ud800 here");
    expect(notJson!.raw).toBe("not json\uFFFD \uFFFD here");
  });

  it("does not throw on a record nested too deep to serialize", () => {
    const [record] = parseBatch("generic", [nested(200_000)]);
    expect(record!.errors[0]).toMatchObject({ field: "(record)", reason: expect.stringContaining("Nested more than") });
    expect(typeof record!.raw).toBe("string");
  });
});

describe("parseNdjsonRecords", () => {
  it("yields one record per non-blank line as it reads, with its line number and text", async () => {
    async function* lines() {
      yield JSON.stringify(good("a"));
      yield "   ";
      yield "{oops\r";
      yield JSON.stringify(good("c"));
    }
    const records = [];
    for await (const record of parseNdjsonRecords("generic", lines())) records.push(record);
    expect(records.map((r) => [r.index, r.line, r.raw.slice(0, 5), r.events.length, r.errors.length])).toEqual([
      [0, 1, '{"id"', 1, 0],
      [1, 3, "{oops", 0, 1],
      [2, 4, '{"id"', 1, 0],
    ]);
  });
});
