import { ingestEventSchema, jsonDepth, LIMITS, wellFormedDeep, type IngestEvent, type IngestSource, type RecordError, type RecordOutcome } from "./event";
import { parseGenericRecord } from "./formats/generic";
import { parseLitellmRecord } from "./formats/litellm";
import { parseOtlpRecord } from "./formats/otlp";
import { parsePortkeyRecord } from "./formats/portkey";

// Turns what a gateway sent into events, keeping every good record and reporting every bad one by
// its index (and line, for line-oriented input), field and reason. Nothing here throws on bad input.

export type IngestFormat = IngestSource;

const PARSERS: Record<IngestFormat, (record: unknown) => RecordOutcome> = {
  litellm: parseLitellmRecord,
  otlp: parseOtlpRecord,
  portkey: parsePortkeyRecord,
  generic: parseGenericRecord,
};

export interface ParseResult {
  events: IngestEvent[];
  errors: RecordError[];
}

/** A line longer than this is reported rather than parsed, so one runaway line cannot exhaust memory. */
export const MAX_LINE_CHARS = 16 * 1024 * 1024;

/** Parses one already-decoded record; the depth check comes first so nothing after it can overflow the stack. */
export function parseRecord(format: IngestFormat, record: unknown, index: number, line?: number): ParseResult {
  const at = line === undefined ? { index } : { index, line };
  if (jsonDepth(record) > LIMITS.depth) {
    return { events: [], errors: [{ ...at, field: "(record)", reason: `Nested more than ${LIMITS.depth} levels deep.` }] };
  }
  try {
    const outcome = PARSERS[format](record);
    const result: ParseResult = { events: [], errors: outcome.errors.map((issue) => ({ ...at, ...issue })) };
    // The last word on the contract: whatever a parser built, only well-formed, valid events leave here.
    for (const event of outcome.events) {
      const checked = ingestEventSchema.safeParse(wellFormedDeep(event));
      if (checked.success) result.events.push(checked.data);
      // Marked "(event)" because it names a field of the built event, not of the record that was sent.
      else for (const issue of checked.error.issues) result.errors.push({ ...at, field: ["(event)", ...issue.path.map(String)].join("."), reason: issue.message });
    }
    return result;
  } catch (error) {
    // A parser bug must cost one record, not the batch.
    return { events: [], errors: [{ ...at, field: "(record)", reason: `Could not be read: ${error instanceof Error ? error.message : String(error)}` }] };
  }
}

function parseJsonLine(format: IngestFormat, text: string, index: number, line: number, maxLineChars: number = MAX_LINE_CHARS): ParseResult {
  if (text.length > maxLineChars) return { events: [], errors: [{ index, line, field: "(line)", reason: `Line is longer than ${maxLineChars} characters.` }] };
  let record: unknown;
  try {
    record = JSON.parse(text);
  } catch (error) {
    return { events: [], errors: [{ index, line, field: "(line)", reason: `Invalid JSON: ${error instanceof Error ? error.message : String(error)}` }] };
  }
  return parseRecord(format, record, index, line);
}

function merge(into: ParseResult, from: ParseResult) {
  for (const event of from.events) into.events.push(event);
  for (const error of from.errors) into.errors.push(error);
}

/**
 * Parses a batch: already-decoded records, or a body as text or bytes holding one JSON object, a JSON
 * array, or NDJSON (one record a line). Bytes that are not valid UTF-8 become U+FFFD rather than
 * failing the batch.
 */
export function parseRecords(format: IngestFormat, input: unknown[] | string | Uint8Array): ParseResult {
  const result: ParseResult = { events: [], errors: [] };
  if (Array.isArray(input)) {
    input.forEach((record, index) => merge(result, parseRecord(format, record, index)));
    return result;
  }
  const text = typeof input === "string" ? input : new TextDecoder("utf-8", { fatal: false }).decode(input);
  const trimmed = text.trim();
  if (trimmed === "") return result;

  // One JSON document (an object or an array of records); if it does not parse as one, NDJSON, so the
  // good lines of a batch with a bad line are still kept.
  let whole: unknown;
  let error: unknown;
  try {
    whole = JSON.parse(trimmed);
  } catch (caught) {
    error = caught;
  }
  if (error === undefined) {
    if (Array.isArray(whole)) whole.forEach((record, index) => merge(result, parseRecord(format, record, index)));
    else merge(result, parseRecord(format, whole, 0));
    return result;
  }
  // A pretty-printed document that does not parse is one broken document, not many broken lines.
  const firstLine = trimmed.slice(0, trimmed.indexOf("\n") === -1 ? undefined : trimmed.indexOf("\n")).trim();
  if (firstLine === "{" || firstLine === "[") {
    return { events: [], errors: [{ index: 0, line: 1, field: "(body)", reason: `Invalid JSON: ${error instanceof Error ? error.message : String(error)}` }] };
  }

  let index = 0;
  const lines = text.split("\n");
  for (let number = 0; number < lines.length; number += 1) {
    const line = lines[number]!.replace(/\r$/, "");
    if (line.trim() === "") continue;
    merge(result, parseJsonLine(format, line, index, number + 1));
    index += 1;
  }
  return result;
}

export interface ParsedLine extends ParseResult {
  line: number;
}

/**
 * The streaming variant for NDJSON files and uploads: reads lines one at a time (blank lines skipped)
 * and yields each line's events and errors as soon as it is parsed, so memory stays flat however large
 * the file is.
 */
export async function* parseNdjsonLines(format: IngestFormat, lines: AsyncIterable<string> | Iterable<string>, options: { maxLineChars?: number } = {}): AsyncGenerator<ParsedLine> {
  let number = 0;
  let index = 0;
  for await (const raw of lines) {
    number += 1;
    const line = raw.replace(/\r$/, "");
    if (line.trim() === "") continue;
    yield { line: number, ...parseJsonLine(format, line, index, number, options.maxLineChars) };
    index += 1;
  }
}
