import { describe, expect, it } from "vitest";
import { fieldName, parseField, readStoredTexts, textOfField } from "./fields";

describe("parseField", () => {
  it.each([
    ["messages[2].content", { kind: "message", index: 2 }],
    ["output", { kind: "output" }],
    ["toolCalls[0].arguments", { kind: "toolArguments", index: 0 }],
    ["toolCalls[3].result", { kind: "toolResult", index: 3 }],
    ["toolCalls[1]", { kind: "toolCall", index: 1 }],
  ])("reads %s and names it back the same way", (field, ref) => {
    expect(parseField(field)).toEqual(ref);
    expect(fieldName(parseField(field)!)).toBe(field);
  });

  it.each([null, "", "messages[x].content", "messages[1]", "prompt", "toolCalls[1].name", "messages[1].content.extra"])("names no field for %s", (field) => {
    expect(parseField(field)).toBeNull();
  });
});

describe("textOfField", () => {
  const texts = readStoredTexts(
    [{ role: "system", content: "Be helpful." }, { role: "user", content: "Hi" }],
    "Hello!",
    [{ arguments: '{"q":"x"}', result: "ok" }, { arguments: "{}" }],
  );

  it("finds the text each kind of field points at", () => {
    expect(textOfField(texts, { kind: "message", index: 1 })).toBe("Hi");
    expect(textOfField(texts, { kind: "output" })).toBe("Hello!");
    expect(textOfField(texts, { kind: "toolArguments", index: 0 })).toBe('{"q":"x"}');
    expect(textOfField(texts, { kind: "toolResult", index: 0 })).toBe("ok");
  });

  it("has no text for a tool call itself, a tool without a result, or an index out of range", () => {
    expect(textOfField(texts, { kind: "toolCall", index: 0 })).toBeNull();
    expect(textOfField(texts, { kind: "toolResult", index: 1 })).toBeNull();
    expect(textOfField(texts, { kind: "message", index: 9 })).toBeNull();
  });

  it("reads malformed stored JSON without throwing", () => {
    const odd = readStoredTexts([{ role: 3, content: { nested: true } }, "bare"], null, "not a list");
    expect(odd.messages).toEqual([
      { role: "3", content: '{"nested":true}' },
      { role: "unknown", content: "bare" },
    ]);
    expect(odd.toolIo).toEqual([]);
  });
});
