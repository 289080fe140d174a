import { defineRoute } from "@/lib/http/route";
import { receiveOtlpTraces } from "@/lib/ingest/http";

// POST /api/otlp/v1/traces — OpenTelemetry traces (an OTLP/HTTP ExportTraceServiceRequest, binary
// protobuf or JSON) read with the GenAI semantic conventions; the path ends in /v1/traces as exporters
// expect. API tokens with the interactions:ingest scope only. Answers as OTLP asks, in the request's
// encoding: 200 with partialSuccess when some spans were rejected, 400 when none could be read,
// 503 + Retry-After to retry.
export const POST = defineRoute({
  route: "/api/otlp/v1/traces",
  auth: "session-or-token",
  handler: (ctx) => receiveOtlpTraces(ctx),
});
