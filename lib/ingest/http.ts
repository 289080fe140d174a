import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { DomainError } from "@/lib/errors";
import { problem } from "@/lib/http/route";
import type { IngestFormat } from "./parse";
import { parseBatch } from "./parse";
import { decodeOtlpTraces, encodeOtlpTraceResponse, encodeRpcStatus, isProtobufContentType, ProtobufDecodeError } from "./formats/otlp-protobuf";
import { EVENT_TIME_FIELD, ingestRecords, type BatchResult, type ParsedRecord } from "./store";
import { IngestStreamError, ingestStream } from "./stream";

// The HTTP face of ingestion, shared by the gateway routes (app/api/ingest/*, app/api/otlp/v1/traces)
// and the upload route: read the body within its limit, parse, ingest, and answer the way each kind
// of sender expects. The answer is sent only after ingestRecords resolved, i.e. after the batch was
// committed; if it could not be, the answer is 503 with Retry-After, and a retry is safe because each
// event is stored once however often it is sent.

/** The largest request body a gateway route reads (after gzip decoding). Larger batches: split them, or stream a file. */
export const MAX_BODY_BYTES = 16 * 1024 * 1024;
export const RETRY_AFTER_SECONDS = 5;

interface Caller {
  actor: Actor;
  request: Request;
  requestId: string;
}

class BodyError extends Error {
  constructor(
    readonly status: 400 | 413 | 415,
    message: string,
  ) {
    super(message);
  }
}

const JSON_ONLY = "Only JSON is accepted here (application/json or application/x-ndjson, optionally gzip-compressed).";

/** How an OTLP/HTTP request is encoded; its answer is encoded the same way. */
type OtlpEncoding = "json" | "protobuf";

function mediaType(request: Request): string {
  return (request.headers.get("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
}

/** Refuses what no route here reads: forms, and protobuf outside the OTLP route. */
function checkContentType(request: Request) {
  const type = mediaType(request);
  if (type.includes("protobuf")) throw new BodyError(415, `${JSON_ONLY} Protobuf is read only by the OTLP route, /api/otlp/v1/traces.`);
  if (type.startsWith("multipart/") || type === "application/x-www-form-urlencoded") throw new BodyError(415, `${JSON_ONLY} Send the records as the request body, not as a form.`);
}

/** The OTLP route reads binary protobuf (application/x-protobuf) and JSON; anything else protobuf-like or form-like is refused. */
function otlpEncoding(request: Request): OtlpEncoding {
  const type = mediaType(request);
  if (isProtobufContentType(type)) return "protobuf";
  if (type.includes("protobuf") || type.startsWith("multipart/") || type === "application/x-www-form-urlencoded") {
    throw new BodyError(415, `Send an ExportTraceServiceRequest as application/x-protobuf or application/json, not ${type}.`);
  }
  return "json";
}

/** The body's bytes as a stream, decoded per Content-Encoding (gzip, deflate or none). */
export function bodyChunks(request: Request): AsyncIterable<Uint8Array> {
  const encoding = (request.headers.get("content-encoding") ?? "identity").trim().toLowerCase();
  if (encoding !== "identity" && encoding !== "" && encoding !== "gzip" && encoding !== "x-gzip" && encoding !== "deflate") {
    throw new BodyError(415, `Content-Encoding "${encoding}" is not supported; use gzip or none.`);
  }
  let stream: ReadableStream<Uint8Array> | null = request.body;
  if (stream && (encoding === "gzip" || encoding === "x-gzip" || encoding === "deflate")) {
    stream = stream.pipeThrough(new DecompressionStream(encoding === "deflate" ? "deflate" : "gzip") as unknown as ReadableWritablePair<Uint8Array, Uint8Array>);
  }
  return readChunks(stream);
}

async function* readChunks(stream: ReadableStream<Uint8Array> | null): AsyncGenerator<Uint8Array> {
  if (!stream) return;
  const reader = stream.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      yield value;
    }
  } catch (error) {
    // zlib's errors (Z_DATA_ERROR, Z_BUF_ERROR…) from DecompressionStream.
    if (typeof (error as { code?: unknown })?.code === "string" && (error as { code: string }).code.startsWith("Z_")) throw new BodyError(400, "The body could not be decompressed; check its Content-Encoding.");
    throw error;
  } finally {
    // Stops reading (and lets the sender see the connection close) when the caller gives up early.
    reader.releaseLock();
    await stream.cancel().catch(() => undefined);
  }
}

/** The whole body, refused with 413 past `limit` bytes (decoded), without reading further than that. */
export async function readBody(request: Request, limit: number = MAX_BODY_BYTES): Promise<Uint8Array> {
  const declared = Number(request.headers.get("content-length") ?? "");
  const tooLarge = () => new BodyError(413, `The request body is larger than ${limit / 1024 / 1024} MB. Send smaller batches, or stream a file with npm run ingest.`);
  if (Number.isFinite(declared) && declared > limit) throw tooLarge();
  const parts: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of bodyChunks(request)) {
    size += chunk.byteLength;
    if (size > limit) throw tooLarge();
    parts.push(chunk);
  }
  return Buffer.concat(parts, size);
}

/** Whether nothing of the batch could be used: every record was rejected and none stored or already there. */
function nothingRead(result: BatchResult): boolean {
  return result.rejected > 0 && result.stored === 0 && result.duplicate === 0;
}

async function commit(records: ParsedRecord[], format: IngestFormat, caller: Caller, otlp?: OtlpEncoding): Promise<BatchResult | Response> {
  try {
    return await ingestRecords(records, { source: format, channel: "api", actor: caller.actor, requestId: caller.requestId });
  } catch (error) {
    if (error instanceof DomainError) throw error;
    // Not committed, so nothing of it was stored: ask the sender to try again.
    console.error(`[${caller.requestId}] ingest of a ${format} batch failed; answering 503`, error);
    return unavailable(caller.requestId, otlp);
  }
}

function unavailable(requestId: string, otlp: OtlpEncoding | undefined): Response {
  const message = "The batch could not be stored just now; nothing of it was kept. Retry later: events already stored are recognised, so a retry stores each event once.";
  const response = otlp ? otlpStatus(otlp, 503, 14, message, requestId) : problem(503, message, requestId);
  response.headers.set("retry-after", String(RETRY_AFTER_SECONDS));
  return response;
}

/** What every gateway route answers about a committed batch: counts, then each record's outcome. */
export function batchBody(result: BatchResult) {
  return {
    batchId: result.batchId,
    received: result.received,
    stored: result.stored,
    duplicate: result.duplicate,
    rejected: result.rejected,
    records: result.records,
    errors: result.records.flatMap((record) => record.errors),
  };
}

const answer = (status: number, body: string | Uint8Array<ArrayBuffer>, type: string, requestId: string) =>
  new Response(body, { status, headers: { "content-type": type, "cache-control": "no-store", "x-request-id": requestId } });
const json = (status: number, body: unknown, requestId: string, type = "application/json") => answer(status, JSON.stringify(body), type, requestId);

/**
 * POST /api/ingest/{litellm,portkey,generic}: one record, a JSON array of records, or NDJSON. 200 with
 * per-record outcomes (some may be rejected: quarantined, with index / line, field and reason); 400
 * when nothing in the body could be read; 413 past the size limit; 503 + Retry-After when the
 * database could not commit.
 */
export async function receiveBatch(format: Exclude<IngestFormat, "otlp">, caller: Caller): Promise<Response> {
  let records: ParsedRecord[];
  try {
    checkContentType(caller.request);
    records = parseBatch(format, await readBody(caller.request));
  } catch (error) {
    if (error instanceof BodyError) return problem(error.status, error.message, caller.requestId);
    throw error;
  }
  if (records.length === 0) return problem(400, "The request body holds no records: send one JSON object, a JSON array, or NDJSON.", caller.requestId);
  const result = await commit(records, format, caller);
  if (result instanceof Response) return result;
  if (nothingRead(result)) {
    return json(400, { type: "about:blank", title: "Nothing in the request could be read; the records were quarantined.", status: 400, requestId: caller.requestId, ...batchBody(result) }, caller.requestId, "application/problem+json");
  }
  return json(200, batchBody(result), caller.requestId);
}

// ---------------------------------------------------------------------------------------------------
// OTLP/HTTP: the answer is an ExportTraceServiceResponse, and errors are google.rpc.Status, both in
// the request's encoding (binary protobuf or JSON): https://opentelemetry.io/docs/specs/otlp/#otlphttp-response

function otlpAnswer(encoding: OtlpEncoding, httpStatus: number, body: { json: unknown; protobuf: () => Uint8Array }, requestId: string): Response {
  if (encoding === "json") return json(httpStatus, body.json, requestId);
  return answer(httpStatus, new Uint8Array(body.protobuf()), "application/x-protobuf", requestId);
}

function otlpStatus(encoding: OtlpEncoding, httpStatus: number, code: number, message: string, requestId: string): Response {
  return otlpAnswer(encoding, httpStatus, { json: { code, message }, protobuf: () => encodeRpcStatus(code, message) }, requestId);
}

const SPAN_PATH = /^resourceSpans\[\d+\]\.scopeSpans\[\d+\]\.spans\[\d+\]/;

/**
 * Spans the batch rejected: distinct spans named by the parser's errors, plus one per event the store
 * refused for its time (an OTLP event is one span; those errors name EVENT_TIME_FIELD);
 * an error naming neither (the whole export unreadable) rejects one.
 */
export function rejectedSpans(result: BatchResult): number {
  let count = 0;
  for (const record of result.records) {
    const spans = new Set<string>();
    let refusedEvents = 0;
    let other = false;
    for (const error of record.errors) {
      const span = SPAN_PATH.exec(error.field)?.[0];
      if (span) spans.add(span);
      else if (error.field === EVENT_TIME_FIELD) refusedEvents += 1;
      else other = true;
    }
    count += spans.size + refusedEvents + (other && spans.size === 0 && refusedEvents === 0 ? 1 : 0);
  }
  return count;
}

/** The request's records: one ExportTraceServiceRequest, from JSON text or decoded from protobuf into the same shape. */
async function otlpRecords(request: Request, encoding: OtlpEncoding): Promise<ParsedRecord[]> {
  const body = await readBody(request);
  if (encoding === "json" || body.byteLength === 0) return parseBatch("otlp", body);
  return parseBatch("otlp", [decodeOtlpTraces(body)]);
}

/** POST /api/otlp/v1/traces: an ExportTraceServiceRequest in OTLP/HTTP binary protobuf or JSON. */
export async function receiveOtlpTraces(caller: Caller): Promise<Response> {
  let encoding: OtlpEncoding = "json";
  let records: ParsedRecord[];
  try {
    encoding = otlpEncoding(caller.request);
    records = await otlpRecords(caller.request, encoding);
  } catch (error) {
    // 3 = INVALID_ARGUMENT, 8 = RESOURCE_EXHAUSTED (google.rpc.Code)
    if (error instanceof BodyError) return otlpStatus(encoding, error.status, error.status === 413 ? 8 : 3, error.message, caller.requestId);
    if (error instanceof ProtobufDecodeError) return otlpStatus(encoding, 400, 3, error.message, caller.requestId);
    throw error;
  }
  if (records.length === 0) return otlpStatus(encoding, 400, 3, "The request body is empty: send an ExportTraceServiceRequest.", caller.requestId);
  const result = await commit(records, "otlp", caller, encoding);
  if (result instanceof Response) return result;
  const errors = result.records.flatMap((record) => record.errors);
  const message = errors
    .slice(0, 5)
    .map((error) => `${error.field}: ${error.reason}`)
    .join("; ");
  if (nothingRead(result)) return otlpStatus(encoding, 400, 3, `No span could be read (quarantined as batch ${result.batchId}): ${message}`, caller.requestId);
  const rejected = rejectedSpans(result);
  const partialSuccess = rejected > 0 ? { rejectedSpans: rejected, errorMessage: `${message}${errors.length > 5 ? ` (and ${errors.length - 5} more)` : ""} — quarantined as batch ${result.batchId}` } : undefined;
  const response = otlpAnswer(encoding, 200, { json: partialSuccess ? { partialSuccess } : {}, protobuf: () => encodeOtlpTraceResponse(partialSuccess) }, caller.requestId);
  response.headers.set("x-warden-batch-id", result.batchId);
  return response;
}

// ---------------------------------------------------------------------------------------------------
// Upload: a person streams a log export from the browser.

/** A session-authenticated POST must come from this site: a cross-site form cannot post a file with someone's cookie. */
function sameOrigin(request: Request): boolean {
  const origin = request.headers.get("origin");
  if (!origin) return true;
  const host = request.headers.get("x-forwarded-host") ?? request.headers.get("host");
  try {
    return new URL(origin).host === host;
  } catch {
    return false;
  }
}

/** POST /api/ingest/upload?format=…&label=…: the body is the file, streamed in batches. */
export async function receiveUpload(format: IngestFormat, label: string | undefined, caller: Caller): Promise<Response> {
  if (!sameOrigin(caller.request)) return problem(403, "Uploads must come from the Warden console itself.", caller.requestId);
  try {
    checkContentType(caller.request);
    const summary = await ingestStream(format, bodyChunks(caller.request), { source: format, channel: "upload", actor: caller.actor, requestId: caller.requestId, label });
    if (summary.records === 0) return problem(400, "The file holds no records: upload JSONL / NDJSON, one JSON record a line.", caller.requestId);
    return json(200, { label: label ?? null, ...summary }, caller.requestId);
  } catch (error) {
    if (error instanceof BodyError) return problem(error.status, error.message, caller.requestId);
    if (error instanceof IngestStreamError) {
      console.error(`[${caller.requestId}] upload stopped`, error.cause);
      const response = json(503, { type: "about:blank", title: error.message, status: 503, requestId: caller.requestId, ...error.summary }, caller.requestId, "application/problem+json");
      response.headers.set("retry-after", String(RETRY_AFTER_SECONDS));
      return response;
    }
    throw error;
  }
}
