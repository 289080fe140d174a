import { ingestEventSchema, isWellFormedDeep, jsonDepth, LIMITS, wellFormed, wellFormedDeep, type FieldIssue, type IngestEvent, type IngestSource, type RecordError, type RecordOutcome } from "./event";
import { parseGenericRecord } from "./formats/generic";
import { parseLitellmRecord } from "./formats/litellm";
import { parseOtlpRecord } from "./formats/otlp";
import { parsePortkeyRecord } from "./formats/portkey";
// Type only: ParsedRecord is the contract of ingestRecords (./store), which runs on the server.
import type { ParsedRecord } from "./store";

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
    // The parsers build well-formed text already; a copy is made only when one did not.
    for (const event of outcome.events) {
      const checked = ingestEventSchema.safeParse(isWellFormedDeep(event) ? event : wellFormedDeep(event));
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

/**
 * The most of a record's text kept in ParsedRecord.raw, which is what the quarantine stores (masked)
 * for an admin to fix and replay: the same 1 MiB that lib/ingest/store.ts keeps. Records are rarely
 * near it (each text field is cut to LIMITS.textChars = 512 Ki characters by the parsers). A longer
 * record keeps its first MAX_RAW_CHARS characters and, when it was rejected, says in its errors that
 * it must be sent again rather than replayed.
 */
export const MAX_RAW_CHARS = 1024 * 1024;

function keepRaw(text: string, errors: FieldIssue[]): string {
  const clean = wellFormed(text);
  if (clean.length <= MAX_RAW_CHARS) return clean;
  if (errors.length > 0) {
    errors.push({
      field: "(record)",
      reason: `The record is longer than ${MAX_RAW_CHARS.toLocaleString("en-US")} characters, the most the quarantine keeps of it: send it again (fixed) rather than replaying it.`,
    });
  }
  // Do not leave half a surrogate pair at the cut.
  const last = clean.charCodeAt(MAX_RAW_CHARS - 1);
  const cut = clean.slice(0, last >= 0xd800 && last <= 0xdbff ? MAX_RAW_CHARS - 1 : MAX_RAW_CHARS);
  // A copy, not a slice: V8 keeps a slice's whole parent string alive, and the parent may be a
  // 16 MB line that a batch would otherwise hold on to.
  return Buffer.from(cut, "utf16le").toString("utf16le");
}

/** The JSON text of an already-decoded record (compact), or a note when it cannot be serialized (e.g. nested too deep for the stack). */
function serialize(record: unknown): string {
  try {
    return JSON.stringify(record) ?? "null";
  } catch (error) {
    return `(the record could not be serialized: ${error instanceof Error ? error.message : String(error)})`;
  }
}

function toParsed(result: ParseResult, index: number, line: number | undefined, raw: string): ParsedRecord {
  const errors: FieldIssue[] = result.errors.map(({ field, reason }) => ({ field, reason }));
  return { index, ...(line === undefined ? {} : { line }), raw: keepRaw(raw, errors), events: result.events, errors };
}

function parseDecoded(format: IngestFormat, record: unknown, index: number): ParsedRecord {
  const result = parseRecord(format, record, index);
  if (result.errors.length > 0) return toParsed(result, index, undefined, serialize(record));
  // A good record's text is read only if the store finds a problem with it later (e.g. its time):
  // serialized then, not for every record of every batch.
  let raw: string | undefined;
  return {
    index,
    events: result.events,
    errors: [],
    get raw() {
      raw ??= keepRaw(serialize(record), []);
      return raw;
    },
  };
}

function parseJsonLine(format: IngestFormat, text: string, index: number, line: number, maxLineChars: number = MAX_LINE_CHARS): ParsedRecord {
  if (text.length > maxLineChars) return toParsed({ events: [], errors: [{ index, line, field: "(line)", reason: `Line is longer than ${maxLineChars} characters.` }] }, index, line, text);
  let record: unknown;
  try {
    record = JSON.parse(text);
  } catch (error) {
    return toParsed({ events: [], errors: [{ index, line, field: "(line)", reason: `Invalid JSON: ${error instanceof Error ? error.message : String(error)}` }] }, index, line, text);
  }
  // The line is the record's JSON text already: kept as sent, not serialized again.
  return toParsed(parseRecord(format, record, index, line), index, line, text);
}

/**
 * Parses a batch into one ParsedRecord per record: already-decoded records, or a body as text or
 * bytes holding one JSON object, a JSON array, or NDJSON (one record a line, blank lines skipped).
 * Bytes that are not valid UTF-8 become U+FFFD rather than failing the batch. `raw` is the record's
 * JSON text (the line as sent, or the decoded record serialized), or the line itself when it was not
 * JSON, cut to MAX_RAW_CHARS.
 */
export function parseBatch(format: IngestFormat, input: unknown[] | string | Uint8Array): ParsedRecord[] {
  if (Array.isArray(input)) return input.map((record, index) => parseDecoded(format, record, index));
  // Buffer's decoder is V8's fast path; like TextDecoder without `fatal`, it turns bad bytes into U+FFFD.
  const text = typeof input === "string" ? input : Buffer.from(input.buffer, input.byteOffset, input.byteLength).toString("utf8");
  const trimmed = text.trim();
  if (trimmed === "") return [];

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
    if (Array.isArray(whole)) return whole.map((record, index) => parseDecoded(format, record, index));
    return [toParsed(parseRecord(format, whole, 0), 0, undefined, trimmed)];
  }
  // A pretty-printed document that does not parse is one broken document, not many broken lines.
  const newline = trimmed.indexOf("\n");
  const firstLine = trimmed.slice(0, newline === -1 ? undefined : newline).trim();
  if (firstLine === "{" || firstLine === "[") {
    return [toParsed({ events: [], errors: [{ index: 0, line: 1, field: "(body)", reason: `Invalid JSON: ${error instanceof Error ? error.message : String(error)}` }] }, 0, 1, trimmed)];
  }

  const records: ParsedRecord[] = [];
  const lines = text.split("\n");
  for (let number = 0; number < lines.length; number += 1) {
    const line = lines[number]!.replace(/\r$/, "");
    if (line.trim() === "") continue;
    records.push(parseJsonLine(format, line, records.length, number + 1));
  }
  return records;
}

/** Events and errors of a batch, flattened: errors name their record by index (and line). */
export function parseRecords(format: IngestFormat, input: unknown[] | string | Uint8Array): ParseResult {
  const result: ParseResult = { events: [], errors: [] };
  for (const record of parseBatch(format, input)) {
    for (const event of record.events) result.events.push(event);
    for (const issue of record.errors) result.errors.push({ index: record.index, ...(record.line === undefined ? {} : { line: record.line }), ...issue });
  }
  return result;
}

/**
 * The streaming variant for NDJSON files and uploads: reads lines one at a time (blank lines skipped,
 * a trailing CR dropped) and yields each record as soon as it is parsed, so memory stays flat however
 * large the input is. Pair with splitLines (./lines) to read a byte stream.
 */
export async function* parseNdjsonRecords(format: IngestFormat, lines: AsyncIterable<string> | Iterable<string>, options: { maxLineChars?: number } = {}): AsyncGenerator<ParsedRecord> {
  let number = 0;
  let index = 0;
  for await (const raw of lines) {
    number += 1;
    const line = raw.endsWith("\r") ? raw.slice(0, -1) : raw;
    if (line.trim() === "") continue;
    yield parseJsonLine(format, line, index, number, options.maxLineChars);
    index += 1;
  }
}

export interface ParsedLine extends ParseResult {
  line: number;
}

/** parseNdjsonRecords with each line's errors carrying their index and line, for callers that want events and errors only. */
export async function* parseNdjsonLines(format: IngestFormat, lines: AsyncIterable<string> | Iterable<string>, options: { maxLineChars?: number } = {}): AsyncGenerator<ParsedLine> {
  for await (const record of parseNdjsonRecords(format, lines, options)) {
    const line = record.line!;
    yield { line, events: record.events, errors: record.errors.map((issue) => ({ index: record.index, line, ...issue })) };
  }
}
