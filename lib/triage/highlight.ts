// Splits a stored (masked) text into runs so each finding's matched span can be marked. Spans are
// UTF-16 offsets, which is what JavaScript strings index by; a span that starts or ends inside a
// surrogate pair (half an emoji) is widened to the whole character, out-of-range offsets are
// clamped, and empty spans are dropped. Overlapping spans give runs covered by several findings.

export interface HighlightSpan {
  id: string;
  start: number;
  end: number;
}

export interface HighlightRun {
  text: string;
  start: number;
  /** Ids of the findings whose span covers this run, in the order given; empty for plain text. */
  spanIds: string[];
}

const isHigh = (code: number) => code >= 0xd800 && code <= 0xdbff;
const isLow = (code: number) => code >= 0xdc00 && code <= 0xdfff;

/** Moves an offset that falls between the two halves of a surrogate pair: back (a start) or forward (an end). */
function onCharacterBoundary(text: string, offset: number, direction: -1 | 1): number {
  if (offset <= 0 || offset >= text.length) return offset;
  return isHigh(text.charCodeAt(offset - 1)) && isLow(text.charCodeAt(offset)) ? offset + direction : offset;
}

/** The spans that can be shown on this text, clamped and aligned to whole characters. */
export function normaliseSpans(text: string, spans: readonly HighlightSpan[]): HighlightSpan[] {
  const shown: HighlightSpan[] = [];
  for (const span of spans) {
    if (!Number.isFinite(span.start) || !Number.isFinite(span.end)) continue;
    const start = onCharacterBoundary(text, Math.max(0, Math.min(text.length, Math.trunc(span.start))), -1);
    const end = onCharacterBoundary(text, Math.max(0, Math.min(text.length, Math.trunc(span.end))), 1);
    if (end > start) shown.push({ id: span.id, start, end });
  }
  return shown;
}

export function highlightRuns(text: string, spans: readonly HighlightSpan[]): HighlightRun[] {
  const shown = normaliseSpans(text, spans);
  const cuts = [...new Set([0, text.length, ...shown.flatMap((s) => [s.start, s.end])])].sort((a, b) => a - b);
  const runs: HighlightRun[] = [];
  for (let i = 0; i + 1 < cuts.length; i++) {
    const start = cuts[i]!;
    const end = cuts[i + 1]!;
    const spanIds = shown.filter((s) => s.start <= start && s.end >= end).map((s) => s.id);
    const previous = runs.at(-1);
    if (previous && sameIds(previous.spanIds, spanIds)) previous.text += text.slice(start, end);
    else runs.push({ text: text.slice(start, end), start, spanIds });
  }
  return runs;
}

function sameIds(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((id, i) => id === b[i]);
}
