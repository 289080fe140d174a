import "server-only";
import { ValidationError } from "@/lib/errors";
import type { RecordError } from "./event";
import { splitLines } from "./lines";
import { parseBatch, parseNdjsonRecords, type IngestFormat } from "./parse";
import { ingestRecords, type BatchResult, type IngestOptions, type ParsedRecord } from "./store";

// Ingests a byte stream of any size — an upload's request body, a file read by `npm run ingest` — in
// batches: bytes → lines (./lines) → records (./parse) → ingestRecords, one batch after another, each
// committed before the next is sent. Memory holds one batch being written and one being parsed, plus
// the first errors; never the file.
//
// NDJSON is streamed. A file that is one JSON document (an array of records, or a pretty-printed
// object) cannot be split into lines, so it is read whole up to MAX_DOCUMENT_BYTES and refused beyond.

export const DEFAULT_BATCH_SIZE = 1000;
/** A batch is also sent once its records' raw text reaches this many characters, so large records make small batches. */
export const DEFAULT_BATCH_CHARS = 4 * 1024 * 1024;
export const DEFAULT_MAX_ERRORS = 100;
/** The largest single JSON document (not NDJSON) a stream may hold; the same as an API request's body limit. */
export const MAX_DOCUMENT_BYTES = 16 * 1024 * 1024;

export interface StreamCounts {
  received: number;
  stored: number;
  duplicate: number;
  rejected: number;
}

export interface StreamProgress extends StreamCounts {
  /** Bytes of input read so far. */
  bytes: number;
  /** Records (lines) read so far. */
  records: number;
  /** Batches committed so far. */
  batches: number;
}

export interface StreamSummary extends StreamProgress {
  /** The first errors (up to maxErrors), by record index and line. */
  errors: RecordError[];
  /** All errors, including those not kept in `errors`. */
  errorCount: number;
  /** Records sent to the quarantine. */
  quarantined: number;
}

export interface StreamOptions extends IngestOptions {
  /** Records per batch (default 1,000). */
  batchSize?: number;
  /** Characters of raw record text per batch (default 4 MiB). */
  batchChars?: number;
  /** Errors kept for the summary (default 100); the rest are counted. */
  maxErrors?: number;
  /** Called after each committed batch. */
  onProgress?: (progress: StreamProgress) => void;
}

/** The stream stopped because a batch could not be committed; `summary` counts what was committed before it. */
export class IngestStreamError extends Error {
  constructor(
    readonly summary: StreamSummary,
    readonly cause: unknown,
  ) {
    super(
      `Stopped: a batch could not be committed (${cause instanceof Error ? cause.message : String(cause)}). ${summary.batches} batches before it were (${summary.received.toLocaleString("en-US")} events). ` +
        "Sending the same input again is safe: events already stored are recognised as duplicates.",
    );
    this.name = "IngestStreamError";
  }
}

type Chunk = Uint8Array | string;

const byteLength = (chunk: Chunk) => (typeof chunk === "string" ? Buffer.byteLength(chunk) : chunk.byteLength);

/**
 * Looks at the start of the input to tell NDJSON from one JSON document, without consuming it: the
 * chunks read to decide are handed back in front of the rest.
 */
async function sniff(iterator: AsyncIterator<Chunk>): Promise<{ head: Chunk[]; done: boolean; document: boolean }> {
  const head: Chunk[] = [];
  const decoder = new TextDecoder("utf-8", { fatal: false });
  let text = "";
  for (;;) {
    const next = await iterator.next();
    if (next.done) return { head, done: true, document: isDocumentStart(text, true) ?? false };
    head.push(next.value);
    text += typeof next.value === "string" ? next.value : decoder.decode(next.value, { stream: true });
    const verdict = isDocumentStart(text, false);
    if (verdict !== undefined) return { head, done: false, document: verdict };
  }
}

/** True for "[" or a "{" alone on its first line; undefined while the start is not yet known. */
function isDocumentStart(text: string, ended: boolean): boolean | undefined {
  const start = text.search(/\S/);
  if (start === -1) return ended ? false : undefined;
  if (text[start] === "[") return true;
  if (text[start] !== "{") return false;
  const newline = text.indexOf("\n", start);
  if (newline === -1) return ended ? false : text.length - start > 64 * 1024 ? false : undefined;
  return text.slice(start + 1, newline).trim() === "";
}

async function* replay(head: Chunk[], iterator: AsyncIterator<Chunk>, done: boolean, count: (bytes: number) => void): AsyncGenerator<Chunk> {
  for (const chunk of head) {
    count(byteLength(chunk));
    yield chunk;
  }
  if (done) return;
  for (;;) {
    const next = await iterator.next();
    if (next.done) return;
    count(byteLength(next.value));
    yield next.value;
  }
}

async function readDocument(chunks: AsyncIterable<Chunk>): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of chunks) {
    const bytes = typeof chunk === "string" ? new TextEncoder().encode(chunk) : chunk;
    size += bytes.byteLength;
    if (size > MAX_DOCUMENT_BYTES) {
      throw new ValidationError(
        `The input is one JSON document (not NDJSON) larger than ${MAX_DOCUMENT_BYTES / 1024 / 1024} MB, which cannot be streamed. Convert it to one record a line, e.g. jq -c '.[]' export.json > export.jsonl`,
        { file: "A JSON document larger than 16 MB; convert it to NDJSON." },
      );
    }
    parts.push(bytes);
  }
  return Buffer.concat(parts, size);
}

/** Ingests NDJSON (or one JSON document up to 16 MB) from a stream of chunks; resolves once every batch is committed. */
export async function ingestStream(format: IngestFormat, chunks: AsyncIterable<Chunk> | Iterable<Chunk>, options: StreamOptions): Promise<StreamSummary> {
  const { batchSize = DEFAULT_BATCH_SIZE, batchChars = DEFAULT_BATCH_CHARS, maxErrors = DEFAULT_MAX_ERRORS, onProgress, ...ingestOptions } = options;
  const summary: StreamSummary = { bytes: 0, records: 0, batches: 0, received: 0, stored: 0, duplicate: 0, rejected: 0, errors: [], errorCount: 0, quarantined: 0 };
  const progress = (): StreamProgress => ({ bytes: summary.bytes, records: summary.records, batches: summary.batches, received: summary.received, stored: summary.stored, duplicate: summary.duplicate, rejected: summary.rejected });

  const account = (result: BatchResult) => {
    summary.batches += 1;
    summary.received += result.received;
    summary.stored += result.stored;
    summary.duplicate += result.duplicate;
    summary.rejected += result.rejected;
    for (const record of result.records) {
      if (record.quarantineId) summary.quarantined += 1;
      summary.errorCount += record.errors.length;
      for (const error of record.errors) if (summary.errors.length < maxErrors) summary.errors.push(error);
    }
    onProgress?.(progress());
  };

  // One batch in flight while the next is parsed: the database works while this process reads.
  let inFlight: Promise<void> | null = null;
  let failure: unknown = null;
  const send = async (batch: ParsedRecord[]) => {
    if (inFlight) await inFlight;
    if (failure) throw new IngestStreamError({ ...summary, errors: [...summary.errors] }, failure);
    inFlight = ingestRecords(batch, ingestOptions).then(account, (error: unknown) => {
      failure = error;
    });
  };
  const finish = async () => {
    if (inFlight) await inFlight;
    if (failure) throw new IngestStreamError({ ...summary, errors: [...summary.errors] }, failure);
  };

  const iterator = Symbol.asyncIterator in chunks ? (chunks as AsyncIterable<Chunk>)[Symbol.asyncIterator]() : (async function* () { yield* chunks as Iterable<Chunk>; })();
  try {
    const { head, done, document } = await sniff(iterator);
    const input = replay(head, iterator, done, (bytes) => {
      summary.bytes += bytes;
    });

    if (document) {
      const records = parseBatch(format, await readDocument(input));
      summary.records = records.length;
      for (let start = 0; start < records.length; start += batchSize) await send(records.slice(start, start + batchSize));
      await finish();
      return summary;
    }

    // What a batch holds is measured by the lines it was read from: a record cut to the limits
    // (LIMITS.textChars, MAX_RAW_CHARS) may still keep parts of a long line alive.
    let lineChars = 0;
    const lines = (async function* () {
      for await (const line of splitLines(input)) {
        lineChars = line.length;
        yield line;
      }
    })();
    let batch: ParsedRecord[] = [];
    let chars = 0;
    for await (const record of parseNdjsonRecords(format, lines)) {
      summary.records += 1;
      batch.push(record);
      chars += Math.max(record.raw.length, lineChars);
      if (batch.length >= batchSize || chars >= batchChars) {
        await send(batch);
        batch = [];
        chars = 0;
      }
    }
    if (batch.length > 0) await send(batch);
    await finish();
    return summary;
  } catch (error) {
    // The input failed (an upload cut off, a file unreadable): let the batch being written finish
    // (or fail) before answering, so nothing is still writing when the caller reports.
    if (inFlight) await inFlight;
    throw error;
  }
}
