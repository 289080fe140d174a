import protobuf from "protobufjs";

// OTLP/HTTP in binary protobuf, the encoding most exporters default to (and the only one the Python
// SDK's HTTP exporter speaks). A request is decoded into the OTLP/HTTP JSON shape (lowerCamelCase
// fields, trace and span ids as hex, 64-bit integers as decimal strings, bytes as base64, enums as
// numbers), so one reader (./otlp) serves both encodings, and the same span sent either way has the
// same identity and is stored once. Answers are encoded back as the exporter expects.
//
// The schema is the part of opentelemetry-proto v1.x that traces use
// (opentelemetry/proto/{collector/trace/v1/trace_service,trace/v1/trace,common/v1/common,resource/v1/resource}.proto)
// plus google.rpc.Status for errors, with the upstream field numbers. Fields not listed here (newer
// additions) are skipped by the decoder, as unknown fields should be. Written as edition 2023 with
// proto3's field presence so that one option can turn off UTF-8 validation: a string with invalid
// bytes is read with U+FFFD, as the JSON path reads it, rather than failing every span of the batch.
const SCHEMA = `
edition = "2023";
package otlp;
option features.field_presence = IMPLICIT;
option features.utf8_validation = NONE;

message ExportTraceServiceRequest { repeated ResourceSpans resource_spans = 1; }
message ExportTraceServiceResponse { ExportTracePartialSuccess partial_success = 1; }
message ExportTracePartialSuccess { int64 rejected_spans = 1; string error_message = 2; }

message ResourceSpans { Resource resource = 1; repeated ScopeSpans scope_spans = 2; string schema_url = 3; }
message ScopeSpans { InstrumentationScope scope = 1; repeated Span spans = 2; string schema_url = 3; }
message Span {
  bytes trace_id = 1;
  bytes span_id = 2;
  string trace_state = 3;
  bytes parent_span_id = 4;
  fixed32 flags = 16;
  string name = 5;
  int32 kind = 6;
  fixed64 start_time_unix_nano = 7;
  fixed64 end_time_unix_nano = 8;
  repeated KeyValue attributes = 9;
  uint32 dropped_attributes_count = 10;
  repeated Event events = 11;
  uint32 dropped_events_count = 12;
  repeated Link links = 13;
  uint32 dropped_links_count = 14;
  Status status = 15;
  message Event { fixed64 time_unix_nano = 1; string name = 2; repeated KeyValue attributes = 3; uint32 dropped_attributes_count = 4; }
  message Link { bytes trace_id = 1; bytes span_id = 2; string trace_state = 3; repeated KeyValue attributes = 4; uint32 dropped_attributes_count = 5; fixed32 flags = 6; }
}
message Status { string message = 2; int32 code = 3; }

message Resource { repeated KeyValue attributes = 1; uint32 dropped_attributes_count = 2; }
message InstrumentationScope { string name = 1; string version = 2; repeated KeyValue attributes = 3; uint32 dropped_attributes_count = 4; }
message AnyValue {
  oneof value {
    string string_value = 1;
    bool bool_value = 2;
    int64 int_value = 3;
    double double_value = 4;
    ArrayValue array_value = 5;
    KeyValueList kvlist_value = 6;
    bytes bytes_value = 7;
  }
}
message ArrayValue { repeated AnyValue values = 1; }
message KeyValueList { repeated KeyValue values = 1; }
message KeyValue { string key = 1; AnyValue value = 2; }

message RpcStatus { int32 code = 1; string message = 2; }
`;

const root = protobuf.parse(SCHEMA).root;
const ExportTraceServiceRequest = root.lookupType("otlp.ExportTraceServiceRequest");
const ExportTraceServiceResponse = root.lookupType("otlp.ExportTraceServiceResponse");
const RpcStatus = root.lookupType("otlp.RpcStatus");

/** Content types that mean binary protobuf (the spec's, and the one some senders use). */
export function isProtobufContentType(type: string): boolean {
  return type === "application/x-protobuf" || type === "application/protobuf";
}

export class ProtobufDecodeError extends Error {}

type Json = Record<string, unknown>;

const hex = (value: unknown) => (typeof value === "string" ? Buffer.from(value, "base64").toString("hex") : value);

/** Trace, span and parent ids as hex, as OTLP/HTTP JSON writes them (other bytes stay base64, as JSON has them). */
function idsToHex(request: Json) {
  for (const resourceSpans of (request.resourceSpans as Json[] | undefined) ?? []) {
    for (const scopeSpans of (resourceSpans.scopeSpans as Json[] | undefined) ?? []) {
      for (const span of (scopeSpans.spans as Json[] | undefined) ?? []) {
        for (const key of ["traceId", "spanId", "parentSpanId"]) if (key in span) span[key] = hex(span[key]);
        for (const link of (span.links as Json[] | undefined) ?? []) for (const key of ["traceId", "spanId"]) if (key in link) link[key] = hex(link[key]);
      }
    }
  }
  return request;
}

/**
 * An ExportTraceServiceRequest in binary protobuf, as the OTLP/HTTP JSON object that ./otlp reads.
 * Throws ProtobufDecodeError when the bytes are not one (truncated, wrong wire types, nested past the
 * stack): the caller answers 400.
 */
export function decodeOtlpTraces(bytes: Uint8Array): Json {
  try {
    // A Buffer, so strings are read by Node's decoder (bad bytes become U+FFFD).
    const message = ExportTraceServiceRequest.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
    // Defaults left out (as JSON exporters leave them out); json: true writes NaN / Infinity as strings.
    return idsToHex(ExportTraceServiceRequest.toObject(message, { longs: String, bytes: String, json: true }));
  } catch (error) {
    throw new ProtobufDecodeError(`The body is not a protobuf ExportTraceServiceRequest: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** ExportTraceServiceResponse: empty when every span was accepted, else partial_success. */
export function encodeOtlpTraceResponse(partialSuccess?: { rejectedSpans: number; errorMessage: string }): Uint8Array {
  return ExportTraceServiceResponse.encode(ExportTraceServiceResponse.fromObject(partialSuccess ? { partialSuccess } : {})).finish();
}

/** google.rpc.Status, the body of an OTLP/HTTP error answer. */
export function encodeRpcStatus(code: number, message: string): Uint8Array {
  return RpcStatus.encode(RpcStatus.fromObject({ code, message })).finish();
}
