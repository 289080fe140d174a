import { MAX_LINE_CHARS } from "./parse";

// Splits a byte (or text) stream — an upload body, a file read stream — into lines for
// parseNdjsonLines, holding at most one line in memory. Bytes are decoded as a stream, so a UTF-8
// character split across two chunks is read whole, and invalid bytes become U+FFFD.
//
// A line longer than MAX_LINE_CHARS is not kept whole: its first MAX_LINE_CHARS + 1 characters are
// passed on (so the parser reports the line as too long, with its number) and the rest is skipped.

export async function* splitLines(chunks: AsyncIterable<Uint8Array | string> | Iterable<Uint8Array | string>, maxLineChars: number = MAX_LINE_CHARS): AsyncGenerator<string> {
  const decoder = new TextDecoder("utf-8", { fatal: false });
  let pending = "";
  let overflowing = false;

  function* take(text: string, final: boolean): Generator<string> {
    let start = 0;
    for (let newline = text.indexOf("\n"); newline !== -1; newline = text.indexOf("\n", start)) {
      const piece = text.slice(start, newline);
      start = newline + 1;
      if (overflowing) {
        overflowing = false;
        pending = "";
        continue;
      }
      const line = pending + piece;
      pending = "";
      yield line.length > maxLineChars ? line.slice(0, maxLineChars + 1) : line;
    }
    const rest = text.slice(start);
    if (!overflowing) {
      pending += rest;
      if (pending.length > maxLineChars) {
        // Pass the oversized line on now, and skip to its end.
        yield pending.slice(0, maxLineChars + 1);
        pending = "";
        overflowing = true;
      }
    }
    if (final && pending !== "" && !overflowing) {
      yield pending;
      pending = "";
    }
  }

  for await (const chunk of chunks) {
    const text = typeof chunk === "string" ? chunk : decoder.decode(chunk, { stream: true });
    yield* take(text, false);
  }
  yield* take(decoder.decode(), true);
}
