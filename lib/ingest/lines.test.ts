import { describe, expect, it } from "vitest";
import { splitLines } from "./lines";
import { parseNdjsonLines } from "./parse";

async function collect(chunks: (Uint8Array | string)[], max?: number) {
  const lines: string[] = [];
  for await (const line of splitLines(chunks, max)) lines.push(line);
  return lines;
}

const bytes = (text: string) => new TextEncoder().encode(text);

describe("splitLines", () => {
  it("splits across chunk boundaries, keeps CRLF for the parser, and yields a last line without newline", async () => {
    expect(await collect([bytes("ab"), bytes("c\nde"), bytes("f\r\n\n"), bytes("last")])).toEqual(["abc", "def\r", "", "last"]);
  });

  it("decodes a UTF-8 character split between chunks, and turns invalid bytes into U+FFFD", async () => {
    const euro = bytes("€"); // three bytes
    expect(await collect([euro.slice(0, 1), euro.slice(1), bytes("\n")])).toEqual(["€"]);
    expect(await collect([new Uint8Array([0x61, 0xff, 0xfe, 0x62, 0x0a])])).toEqual(["a\uFFFD\uFFFDb"]);
  });

  it("cuts an oversized line, skips its rest, and keeps counting lines", async () => {
    const lines = await collect(["short\n", "x".repeat(30), "y".repeat(30), "\nafter\n"], 40);
    expect(lines).toEqual(["short", "x".repeat(30) + "y".repeat(11), "after"]);

    const results = [];
    for await (const parsed of parseNdjsonLines("generic", splitLines(['{"id":"a","timestamp":1763717700}\n', "z".repeat(100), "\n"], 40), { maxLineChars: 40 })) results.push(parsed);
    expect(results[0]!.events).toHaveLength(1);
    expect(results[1]!.errors).toEqual([{ index: 1, line: 2, field: "(line)", reason: expect.stringContaining("longer than") }]);
  });
});
