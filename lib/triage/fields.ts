// Where a finding points: the `field` of interaction_findings ("messages[2].content", "output",
// "toolCalls[0].arguments", "toolCalls[0].result", "toolCalls[0]"), read against the stored texts.

export type FieldRef =
  | { kind: "message"; index: number }
  | { kind: "output" }
  | { kind: "toolArguments"; index: number }
  | { kind: "toolResult"; index: number }
  | { kind: "toolCall"; index: number };

export interface StoredTextsView {
  messages: { role: string; content: string }[];
  output: string | null;
  toolIo: { arguments: string; result?: string | null }[];
}

const PATTERNS: [RegExp, (index: number) => FieldRef][] = [
  [/^messages\[(\d{1,6})\]\.content$/, (index) => ({ kind: "message", index })],
  [/^toolCalls\[(\d{1,6})\]\.arguments$/, (index) => ({ kind: "toolArguments", index })],
  [/^toolCalls\[(\d{1,6})\]\.result$/, (index) => ({ kind: "toolResult", index })],
  [/^toolCalls\[(\d{1,6})\]$/, (index) => ({ kind: "toolCall", index })],
];

/** The field a finding names, or null when it names none (the whole event) or one we do not know. */
export function parseField(field: string | null | undefined): FieldRef | null {
  if (!field) return null;
  if (field === "output") return { kind: "output" };
  for (const [pattern, make] of PATTERNS) {
    const match = pattern.exec(field);
    if (match) return make(Number(match[1]));
  }
  return null;
}

/** The canonical name of a field, so findings and texts can be matched by it. */
export function fieldName(ref: FieldRef): string {
  switch (ref.kind) {
    case "message":
      return `messages[${ref.index}].content`;
    case "output":
      return "output";
    case "toolArguments":
      return `toolCalls[${ref.index}].arguments`;
    case "toolResult":
      return `toolCalls[${ref.index}].result`;
    case "toolCall":
      return `toolCalls[${ref.index}]`;
  }
}

/** The stored text a field points at, or null when it has none (a tool call itself, a missing index). */
export function textOfField(texts: StoredTextsView, ref: FieldRef): string | null {
  switch (ref.kind) {
    case "message":
      return texts.messages[ref.index]?.content ?? null;
    case "output":
      return texts.output;
    case "toolArguments":
      return texts.toolIo[ref.index]?.arguments ?? null;
    case "toolResult":
      return texts.toolIo[ref.index]?.result ?? null;
    case "toolCall":
      return null;
  }
}

/** Reads the jsonb of interaction_texts defensively: anything not shaped as expected is left out. */
export function readStoredTexts(messages: unknown, output: string | null, toolIo: unknown): StoredTextsView {
  const asText = (value: unknown) => (typeof value === "string" ? value : value === undefined || value === null ? "" : JSON.stringify(value));
  return {
    messages: Array.isArray(messages)
      ? messages.map((m) => (m && typeof m === "object" ? { role: asText((m as { role?: unknown }).role) || "unknown", content: asText((m as { content?: unknown }).content) } : { role: "unknown", content: asText(m) }))
      : [],
    output,
    toolIo: Array.isArray(toolIo)
      ? toolIo.map((t) => {
          const io = (t && typeof t === "object" ? t : {}) as { arguments?: unknown; result?: unknown };
          return { arguments: asText(io.arguments), result: io.result === undefined || io.result === null ? null : asText(io.result) };
        })
      : [],
  };
}
