import { describe, expect, it } from "vitest";
import { canonicalJson, contentHash, eventIdentity, jsonDepth, LIMITS, Truncation, wellFormed, wellFormedDeep } from "./event";
import { asDate, asNumber, contentText, detectRole, nanosToMs } from "./read";

describe("identity", () => {
  it("canonical JSON sorts keys at every level and keeps array order", () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { z: 1, y: 2 }], c: null } })).toBe('{"a":{"c":null,"d":[2,{"y":2,"z":1}]},"b":1}');
    expect(contentHash({ a: 1, b: [1, 2] })).toBe(contentHash({ b: [1, 2], a: 1 }));
    expect(contentHash({ a: [1, 2] })).not.toBe(contentHash({ a: [2, 1] }));
  });

  it("prefers the source's id, prefixed by source, and hashes when the id is missing or unusable", () => {
    expect(eventIdentity("portkey", "log_1", {})).toEqual({ eventKey: "portkey:id:log_1", eventKeyKind: "source_id" });
    expect(eventIdentity("generic", "log_1", {}).eventKey).not.toBe(eventIdentity("portkey", "log_1", {}).eventKey);
    expect(eventIdentity("generic", "   ", { a: 1 }).eventKeyKind).toBe("content_hash");
    expect(eventIdentity("generic", "x".repeat(LIMITS.identifierChars + 1), { a: 1 }).eventKeyKind).toBe("content_hash");
  });
});

describe("text hygiene", () => {
  it("replaces lone surrogates and NUL, keeps valid pairs", () => {
    expect(wellFormed("a\uD800b\uDC00c😀\u0000")).toBe("a\uFFFDb\uFFFDc😀\uFFFD");
    expect(wellFormedDeep({ "k\uD800": ["\uDC00", 1, null] })).toEqual({ "k\uFFFD": ["\uFFFD", 1, null] });
  });

  it("measures depth without recursion and stops early", () => {
    expect(jsonDepth("x")).toBe(0);
    expect(jsonDepth({ a: [{ b: 1 }] })).toBe(3);
    let deep: unknown = 1;
    for (let i = 0; i < 1_000_000; i += 1) deep = [deep];
    expect(jsonDepth(deep)).toBe(LIMITS.depth + 1);
  });

  it("flags every cut field once, and leaves short ones alone", () => {
    const truncation = new Truncation();
    expect(truncation.text("a", "short")).toBe("short");
    expect(truncation.text("b", "long text", 4)).toBe("long");
    expect(truncation.list("c", [1, 2, 3], 2)).toEqual([1, 2]);
    expect(truncation.raw("d", { small: true })).toEqual({ small: true });
    expect(truncation.raw("e", undefined)).toBeNull();
    expect(truncation.fields).toEqual(["b", "c"]);
  });
});

describe("lenient readers", () => {
  it("reads epoch seconds, milliseconds, microseconds, nanoseconds and ISO dates alike", () => {
    const expected = "2025-11-21T09:35:00.500Z";
    for (const value of [1763717700.5, 1763717700500, "1763717700500", 1763717700500000, "2025-11-21T09:35:00.500Z"]) expect(asDate(value)?.toISOString()).toBe(expected);
    expect(asDate("1763717700500000000")?.toISOString()).toBe(expected);
    for (const value of [undefined, null, "", "soon", -5, 0, true, {}, 99999999999999999999999]) expect(asDate(value)).toBeUndefined();
  });

  it("keeps nanosecond strings exact to the microsecond", () => {
    expect(nanosToMs("1763717700123456789")).toBe(1763717700123.456);
    expect(nanosToMs(1500000)).toBe(1.5);
  });

  it("reads numbers from numbers and numeric strings only", () => {
    expect(asNumber("97")).toBe(97);
    expect(asNumber(" 12.5 ")).toBe(12.5);
    expect(asNumber("12abc")).toBeUndefined();
    expect(asNumber(Number.NaN)).toBeUndefined();
    expect(asNumber("Infinity")).toBeUndefined();
  });

  it("joins text parts and skips images", () => {
    expect(contentText([{ type: "text", text: "a" }, { type: "image_url", image_url: { url: "data:..." } }, { type: "text", content: "b" }])).toBe("a\nb");
    expect(contentText([{ type: "image_url" }])).toBeUndefined();
    expect(contentText(42)).toBeUndefined();
  });

  it("maps gateway roles to detector roles, treating tool output as untrusted", () => {
    expect(["developer", "assistant", "function", "ipython", "model", "whoever", undefined].map(detectRole)).toEqual(["system", "assistant", "tool", "tool", "assistant", "user", "user"]);
  });
});
