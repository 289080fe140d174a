import { randomUUID } from "node:crypto";
import { once } from "node:events";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { gzipSync } from "node:zlib";
import { ExportResultCode, type ExportResult } from "@opentelemetry/core";
import { OTLPTraceExporter } from "@opentelemetry/exporter-trace-otlp-proto";
import { JsonTraceSerializer, ProtobufTraceSerializer } from "@opentelemetry/otlp-transformer";
import { NextRequest } from "next/server";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { POST as postGeneric } from "@/app/api/ingest/generic/route";
import { POST as postLitellm } from "@/app/api/ingest/litellm/route";
import { POST as postPortkey } from "@/app/api/ingest/portkey/route";
import { POST as postUpload } from "@/app/api/ingest/upload/route";
import { POST as postOtlp } from "@/app/api/otlp/v1/traces/route";
import type { Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db/client";
import { createTestUser, testRequestId, unique } from "@/lib/testing/factories";
import { agentTurn, recordSpans } from "@/lib/testing/otel-spans";
import { createApiToken } from "@/lib/tokens/create-token";
import type { BatchResult, RecordResult } from "./store";

// The ways in over HTTP, called as Next.js calls the route handlers: who may send, what each kind of
// sender is answered, and exactly-once under retry.

const session = vi.hoisted(() => ({ actor: null as Actor | null }));
vi.mock("@/lib/auth/session", () => ({ getSessionActor: async () => session.actor }));

// The real store, with a way to make one call fail as a database outage would.
const store = vi.hoisted(() => ({ failNext: null as Error | null }));
vi.mock("./store", async (importOriginal) => {
  const actual = await importOriginal<typeof import("./store")>();
  return {
    ...actual,
    ingestRecords: async (...args: Parameters<typeof actual.ingestRecords>) => {
      const failure = store.failNext;
      store.failNext = null;
      if (failure) throw failure;
      return actual.ingestRecords(...args);
    },
  };
});

type Handler = typeof postLitellm;
const noParams = { params: Promise.resolve({}) };

function post(handler: Handler, path: string, body: BodyInit | null, headers: Record<string, string> = {}) {
  // duplex: a streamed body, as Node's fetch Request requires.
  const init = { method: "POST", body, headers, duplex: "half" } as ConstructorParameters<typeof NextRequest>[1];
  return handler(new NextRequest(`http://warden.test${path}`, init), noParams);
}

const bearer = (token: string, extra: Record<string, string> = {}) => ({ authorization: `Bearer ${token}`, "content-type": "application/json", ...extra });

async function tokenWith(scopes: ("interactions:ingest" | "inventory:read")[]) {
  const admin = await createTestUser("admin");
  return (await createApiToken(admin, { name: unique("gateway"), scopes }, testRequestId())).token;
}

const secondsAgo = (seconds: number) => Date.now() / 1000 - seconds;

function litellm(overrides: Record<string, unknown> = {}) {
  return {
    id: `chatcmpl-${randomUUID()}`,
    call_type: "acompletion",
    status: "success",
    startTime: secondsAgo(60),
    endTime: secondsAgo(59),
    model: "gpt-4.1-mini",
    custom_llm_provider: "openai",
    metadata: { user_api_key_alias: "support-bot-prod", user_api_key_team_alias: "Customer Support" },
    messages: [{ role: "user", content: "Where is order 1042?" }],
    response: { choices: [{ message: { role: "assistant", content: "Order 1042 shipped with DHL." } }] },
    ...overrides,
  };
}

function portkey(overrides: Record<string, unknown> = {}) {
  return {
    id: `log_${randomUUID()}`,
    created_at: new Date(Date.now() - 60_000).toISOString(),
    provider: "openai",
    model: "gpt-4o-mini",
    status: 246,
    request: { body: { messages: [{ role: "user", content: "My card was charged twice" }] } },
    response: {
      body: {
        choices: [{ message: { role: "assistant", content: "I've opened a refund request." } }],
        hook_results: { before_request_hooks: [{ verdict: false, id: "pg-pii", deny: false, checks: [{ id: "portkey.pii", verdict: false, execution_time: 39 }] }], after_request_hooks: [] },
      },
    },
    ...overrides,
  };
}

function generic(overrides: Record<string, unknown> = {}) {
  return { id: `evt-${randomUUID()}`, timestamp: new Date(Date.now() - 60_000).toISOString(), model: "gpt-4o", messages: [{ role: "user", content: "Summarise the open tickets." }], output: "Three are open.", ...overrides };
}

const attr = (key: string, value: string) => ({ key, value: { stringValue: value } });
function otlpSpan(overrides: Record<string, unknown> = {}) {
  const start = BigInt(Date.now() - 60_000) * 1_000_000n;
  return {
    traceId: randomUUID().replaceAll("-", ""),
    spanId: randomUUID().replaceAll("-", "").slice(0, 16),
    name: "chat gpt-4.1",
    startTimeUnixNano: start.toString(),
    endTimeUnixNano: (start + 900_000_000n).toString(),
    attributes: [attr("gen_ai.operation.name", "chat"), attr("gen_ai.request.model", "gpt-4.1"), attr("gen_ai.provider.name", "openai"), attr("gen_ai.input.messages", '[{"role":"user","parts":[{"type":"text","content":"hi"}]}]')],
    ...overrides,
  };
}
const otlpRequest = (spans: unknown[]) => ({ resourceSpans: [{ resource: { attributes: [attr("service.name", "support-agent")] }, scopeSpans: [{ spans }] }] });

interface Answer extends Omit<BatchResult, "records"> {
  records: RecordResult[];
  errors: { index: number; line?: number; field: string; reason: string }[];
}

beforeEach(() => {
  session.actor = null;
  store.failNext = null;
});

describe("gateway routes: who may send", () => {
  const routes: [Handler, string][] = [
    [postLitellm, "/api/ingest/litellm"],
    [postPortkey, "/api/ingest/portkey"],
    [postGeneric, "/api/ingest/generic"],
    [postOtlp, "/api/otlp/v1/traces"],
  ];

  it.each(routes)("%#: no credentials → 401, a token without interactions:ingest → 403, a signed-in admin → 403", async (handler, path) => {
    const body = JSON.stringify([generic()]);
    expect((await post(handler, path, body, { "content-type": "application/json" })).status).toBe(401);

    const readOnly = await post(handler, path, body, bearer(await tokenWith(["inventory:read"])));
    expect(readOnly.status).toBe(403);
    expect(readOnly.headers.get("content-type")).toBe("application/problem+json");

    session.actor = await createTestUser("admin");
    expect((await post(handler, path, body, { "content-type": "application/json" })).status).toBe(403);
  });
});

describe("POST /api/ingest/litellm", () => {
  it("stores a batch (a JSON array), answers per record, and audits it once as one batch", async () => {
    const token = await tokenWith(["interactions:ingest"]);
    const batch = [litellm(), litellm(), litellm()];
    const requestId = `test-${randomUUID()}`;
    const response = await post(postLitellm, "/api/ingest/litellm", JSON.stringify(batch), bearer(token, { "x-request-id": requestId }));
    expect(response.status).toBe(200);
    const answer = (await response.json()) as Answer;
    expect(answer).toMatchObject({ received: 3, stored: 3, duplicate: 0, rejected: 0, errors: [] });
    expect(answer.records.map((r) => [r.index, r.status])).toEqual([
      [0, "stored"],
      [1, "stored"],
      [2, "stored"],
    ]);
    expect(answer.records[0]!.interactions[0]!.eventKey).toBe(`litellm:id:${batch[0]!.id}`);
    expect(await db.ingestBatch.findUniqueOrThrow({ where: { id: answer.batchId } })).toMatchObject({ source: "litellm", channel: "api", received: 3, stored: 3 });
    expect(await db.auditEvent.count({ where: { requestId } })).toBe(1);
  });

  it("takes one object, and NDJSON", async () => {
    const token = await tokenWith(["interactions:ingest"]);
    const one = await post(postLitellm, "/api/ingest/litellm", JSON.stringify(litellm()), bearer(token));
    expect(((await one.json()) as Answer).stored).toBe(1);
    const ndjson = [litellm(), litellm()].map((r) => JSON.stringify(r)).join("\n") + "\n";
    const lines = await post(postLitellm, "/api/ingest/litellm", ndjson, bearer(token, { "content-type": "application/x-ndjson" }));
    const answer = (await lines.json()) as Answer;
    expect(answer).toMatchObject({ stored: 2 });
    expect(answer.records.map((r) => r.line)).toEqual([1, 2]);
  });

  it("stores the good records of a mixed NDJSON batch and answers each bad one by line, field and reason", async () => {
    const token = await tokenWith(["interactions:ingest"]);
    const body = [JSON.stringify(litellm()), '{"id":"cut-off","startTime":17637', JSON.stringify(litellm({ id: "no-time", startTime: "yesterday", endTime: null })), JSON.stringify(litellm())].join("\n");
    const response = await post(postLitellm, "/api/ingest/litellm", body, bearer(token));
    expect(response.status).toBe(200);
    const answer = (await response.json()) as Answer;
    expect(answer).toMatchObject({ received: 4, stored: 2, rejected: 2 });
    expect(answer.errors).toEqual([
      { index: 1, line: 2, field: "(line)", reason: expect.stringMatching(/^Invalid JSON/) },
      { index: 2, line: 3, field: "startTime", reason: expect.any(String) },
    ]);
    expect(answer.records.map((r) => r.status)).toEqual(["stored", "rejected", "rejected", "stored"]);
    const quarantined = await db.quarantinedRecord.findMany({ where: { batchId: answer.batchId }, orderBy: { recordIndex: "asc" } });
    expect(quarantined.map((q) => [q.line, q.record])).toEqual([
      [2, '{"id":"cut-off","startTime":17637'],
      [3, expect.stringContaining('"id":"no-time"')],
    ]);
  });

  it("stores a batch sent twice once: the second answer is all duplicates, with the same interaction ids", async () => {
    const token = await tokenWith(["interactions:ingest"]);
    const body = JSON.stringify([litellm(), litellm(), litellm({ id: undefined })]);
    const first = (await (await post(postLitellm, "/api/ingest/litellm", body, bearer(token))).json()) as Answer;
    const second = (await (await post(postLitellm, "/api/ingest/litellm", body, bearer(token))).json()) as Answer;
    expect(first).toMatchObject({ stored: 3, duplicate: 0 });
    expect(second).toMatchObject({ received: 3, stored: 0, duplicate: 3, rejected: 0 });
    expect(second.records.map((r) => r.status)).toEqual(["duplicate", "duplicate", "duplicate"]);
    expect(second.records.map((r) => r.interactions[0]!.id)).toEqual(first.records.map((r) => r.interactions[0]!.id));
  });

  it("retried after a timeout while the first attempt is still running, stores each event once", async () => {
    const token = await tokenWith(["interactions:ingest"]);
    const batch = Array.from({ length: 25 }, () => litellm());
    const body = JSON.stringify(batch);
    // The gateway gave up waiting and sent again; both attempts reach the database.
    const [a, b] = await Promise.all([post(postLitellm, "/api/ingest/litellm", body, bearer(token)), post(postLitellm, "/api/ingest/litellm", body, bearer(token))]);
    const answers = [(await a.json()) as Answer, (await b.json()) as Answer];
    expect(answers[0]!.stored + answers[1]!.stored).toBe(25);
    expect(answers[0]!.duplicate + answers[1]!.duplicate).toBe(25);
    expect(await db.interaction.count({ where: { eventKey: { in: batch.map((r) => `litellm:id:${r.id}`) } } })).toBe(25);
  });

  it("answers 503 with Retry-After when the batch cannot be committed, and the retry stores it", async () => {
    const token = await tokenWith(["interactions:ingest"]);
    const batch = [litellm(), litellm()];
    store.failNext = new Error("Connection terminated unexpectedly");
    const failed = await post(postLitellm, "/api/ingest/litellm", JSON.stringify(batch), bearer(token));
    expect(failed.status).toBe(503);
    expect(failed.headers.get("retry-after")).toBe("5");
    expect(await db.interaction.count({ where: { eventKey: { in: batch.map((r) => `litellm:id:${r.id}`) } } })).toBe(0);
    const retried = await post(postLitellm, "/api/ingest/litellm", JSON.stringify(batch), bearer(token));
    expect(((await retried.json()) as Answer).stored).toBe(2);
  });

  it("answers 400 when nothing could be read (and still quarantines it), and when the body is empty", async () => {
    const token = await tokenWith(["interactions:ingest"]);
    const garbage = await post(postLitellm, "/api/ingest/litellm", "not json at all\nneither is this", bearer(token));
    expect(garbage.status).toBe(400);
    const answer = (await garbage.json()) as Answer & { title: string };
    expect(answer).toMatchObject({ received: 2, stored: 0, rejected: 2 });
    expect(answer.errors.map((e) => e.line)).toEqual([1, 2]);
    expect(await db.quarantinedRecord.count({ where: { batchId: answer.batchId } })).toBe(2);

    const empty = await post(postLitellm, "/api/ingest/litellm", "  \n", bearer(token));
    expect(empty.status).toBe(400);
    expect(((await empty.json()) as { title: string }).title).toMatch(/no records/);
  });

  it("refuses a body over 16 MB with 413, by its Content-Length or while reading it", async () => {
    const token = await tokenWith(["interactions:ingest"]);
    const declared = await post(postLitellm, "/api/ingest/litellm", "[]", bearer(token, { "content-length": String(17 * 1024 * 1024) }));
    expect(declared.status).toBe(413);
    const big = new Uint8Array(17 * 1024 * 1024).fill(0x20);
    const streamed = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let offset = 0; offset < big.length; offset += 1024 * 1024) controller.enqueue(big.subarray(offset, offset + 1024 * 1024));
        controller.close();
      },
    });
    const response = await post(postLitellm, "/api/ingest/litellm", streamed, bearer(token));
    expect(response.status).toBe(413);
    expect(response.headers.get("content-type")).toBe("application/problem+json");
  });

  it("reads a gzip-compressed body, and refuses an encoding it does not know", async () => {
    const token = await tokenWith(["interactions:ingest"]);
    const gzipped = await post(postLitellm, "/api/ingest/litellm", gzipSync(JSON.stringify([litellm()])), bearer(token, { "content-encoding": "gzip" }));
    expect(((await gzipped.json()) as Answer).stored).toBe(1);
    expect((await post(postLitellm, "/api/ingest/litellm", "[]", bearer(token, { "content-encoding": "br" }))).status).toBe(415);
    expect((await post(postLitellm, "/api/ingest/litellm", "not gzip", bearer(token, { "content-encoding": "gzip" }))).status).toBe(400);
  });
});

describe("POST /api/ingest/portkey and /api/ingest/generic", () => {
  it("store their formats", async () => {
    const token = await tokenWith(["interactions:ingest"]);
    const pk = (await (await post(postPortkey, "/api/ingest/portkey", JSON.stringify([portkey(), portkey()]), bearer(token))).json()) as Answer;
    expect(pk).toMatchObject({ stored: 2, rejected: 0 });
    const batch = await db.ingestBatch.findUniqueOrThrow({ where: { id: pk.batchId } });
    expect(batch.source).toBe("portkey");

    const gen = (await (await post(postGeneric, "/api/ingest/generic", JSON.stringify([generic(), generic({ timestamp: undefined })]), bearer(token))).json()) as Answer;
    expect(gen).toMatchObject({ stored: 1, rejected: 1 });
    expect(gen.errors).toEqual([{ index: 1, field: "timestamp", reason: expect.any(String) }]);
  });
});

describe("POST /api/otlp/v1/traces", () => {
  it("answers a fully accepted export with an empty ExportTraceServiceResponse", async () => {
    const token = await tokenWith(["interactions:ingest"]);
    const response = await post(postOtlp, "/api/otlp/v1/traces", JSON.stringify(otlpRequest([otlpSpan(), otlpSpan()])), bearer(token));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({});
    const batch = await db.ingestBatch.findUniqueOrThrow({ where: { id: response.headers.get("x-warden-batch-id")! } });
    expect(batch).toMatchObject({ source: "otlp", stored: 2 });
  });

  it("answers partial success with the number of rejected spans, and keeps the good ones", async () => {
    const token = await tokenWith(["interactions:ingest"]);
    const response = await post(postOtlp, "/api/otlp/v1/traces", JSON.stringify(otlpRequest([otlpSpan(), otlpSpan({ startTimeUnixNano: "soon" }), otlpSpan()])), bearer(token));
    expect(response.status).toBe(200);
    const body = (await response.json()) as { partialSuccess: { rejectedSpans: number; errorMessage: string } };
    expect(body.partialSuccess.rejectedSpans).toBe(1);
    expect(body.partialSuccess.errorMessage).toContain("resourceSpans[0].scopeSpans[0].spans[1].startTimeUnixNano");
    expect(await db.ingestBatch.findUniqueOrThrow({ where: { id: response.headers.get("x-warden-batch-id")! } })).toMatchObject({ stored: 2, rejected: 1 });
  });

  it("accepts spans that are not GenAI without storing them (200, nothing rejected)", async () => {
    const token = await tokenWith(["interactions:ingest"]);
    const http = otlpSpan({ attributes: [attr("http.request.method", "GET")] });
    const response = await post(postOtlp, "/api/otlp/v1/traces", JSON.stringify(otlpRequest([http])), bearer(token));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({});
  });

  it("answers an unreadable JSON export with 400 (google.rpc.Status)", async () => {
    const token = await tokenWith(["interactions:ingest"]);
    const broken = await post(postOtlp, "/api/otlp/v1/traces", JSON.stringify({ resourceSpans: "nope" }), bearer(token));
    expect(broken.status).toBe(400);
    expect(await broken.json()).toMatchObject({ code: 3, message: expect.stringContaining("resourceSpans") });
  });

  it("takes binary protobuf from the SDK's own exporter, and stores a span once whichever encoding it came in", async () => {
    const token = await tokenWith(["interactions:ingest"]);
    const spans = await recordSpans((tracer) => agentTurn(tracer, { prompt: "Where is order 1042?" }));
    const traceId = spans[0]!.spanContext().traceId;
    // The exporter speaks HTTP: a local server hands its requests to the route as Next.js would.
    const server = http.createServer((request, response) => {
      void (async () => {
        const chunks: Buffer[] = [];
        for await (const chunk of request) chunks.push(chunk as Buffer);
        const body = Buffer.concat(chunks);
        const headers = Object.fromEntries(Object.entries(request.headers).map(([name, value]) => [name, String(value)]));
        const answer = await post(postOtlp, request.url!, body, headers);
        response.writeHead(answer.status, Object.fromEntries(answer.headers));
        response.end(Buffer.from(await answer.arrayBuffer()));
      })();
    });
    server.listen(0, "127.0.0.1");
    await once(server, "listening");
    try {
      const exporter = new OTLPTraceExporter({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/otlp/v1/traces`, headers: { authorization: `Bearer ${token}` } });
      const result = await new Promise<ExportResult>((resolve) => exporter.export(spans, resolve));
      expect(result).toEqual({ code: ExportResultCode.SUCCESS });
      await exporter.shutdown();
    } finally {
      server.close();
    }
    const stored = await db.interaction.findMany({ where: { eventKey: { contains: traceId } }, select: { model: true, source: true } });
    expect(stored).toHaveLength(2);
    expect(stored).toContainEqual({ model: "gpt-4.1", source: "otlp" });

    const again = await post(postOtlp, "/api/otlp/v1/traces", new TextDecoder().decode(JsonTraceSerializer.serializeRequest(spans)!), bearer(token));
    expect(await db.ingestBatch.findUniqueOrThrow({ where: { id: again.headers.get("x-warden-batch-id")! } })).toMatchObject({ stored: 0, duplicate: 2 });
  });

  it("answers protobuf in protobuf: partial success as an ExportTraceServiceResponse, errors as a google.rpc.Status", async () => {
    const token = await tokenWith(["interactions:ingest"]);
    const protobuf = bearer(token, { "content-type": "application/x-protobuf" });
    const inThreeDays = Date.now() + 3 * 24 * 3600 * 1000;
    const spans = await recordSpans((tracer) => {
      agentTurn(tracer, { prompt: "hi" });
      // Two spans stamped by a clock three days ahead: refused by the store, one rejected span each.
      for (const model of ["gpt-4.1", "gpt-4.1-mini"]) tracer.startSpan(`chat ${model}`, { startTime: inThreeDays, attributes: { "gen_ai.operation.name": "chat", "gen_ai.request.model": model } }).end(inThreeDays + 500);
    });
    const partial = await post(postOtlp, "/api/otlp/v1/traces", new Uint8Array(ProtobufTraceSerializer.serializeRequest(spans)!), protobuf);
    expect(partial.status).toBe(200);
    expect(partial.headers.get("content-type")).toBe("application/x-protobuf");
    const answer = ProtobufTraceSerializer.deserializeResponse(new Uint8Array(await partial.arrayBuffer()));
    expect(answer.partialSuccess).toMatchObject({ rejectedSpans: 2, errorMessage: expect.stringContaining("in the future") });
    expect(await db.ingestBatch.findUniqueOrThrow({ where: { id: partial.headers.get("x-warden-batch-id")! } })).toMatchObject({ stored: 2, rejected: 1 });

    const garbage = await post(postOtlp, "/api/otlp/v1/traces", Uint8Array.of(0x0f, 0x01), protobuf);
    expect(garbage.status).toBe(400);
    expect(garbage.headers.get("content-type")).toBe("application/x-protobuf");
    const status = Buffer.from(await garbage.arrayBuffer());
    expect([...status.subarray(0, 2)]).toEqual([0x08, 0x03]); // code (1) = 3, INVALID_ARGUMENT
    expect(status.toString("utf8")).toContain("not a protobuf ExportTraceServiceRequest");

    const otherRoute = await post(postLitellm, "/api/ingest/litellm", Uint8Array.of(0x0a, 0x00), protobuf);
    expect(otherRoute.status).toBe(415);
  });

  it("answers 503 with Retry-After, as a Status, when the batch cannot be committed", async () => {
    const token = await tokenWith(["interactions:ingest"]);
    store.failNext = new Error("too many connections");
    const response = await post(postOtlp, "/api/otlp/v1/traces", JSON.stringify(otlpRequest([otlpSpan()])), bearer(token));
    expect(response.status).toBe(503);
    expect(response.headers.get("retry-after")).toBe("5");
    expect(await response.json()).toMatchObject({ code: 14 });
  });
});

describe("POST /api/ingest/upload", () => {
  const ndjson = (records: unknown[]) => records.map((r) => JSON.stringify(r)).join("\n") + "\n";
  const upload = (body: BodyInit, query = "format=generic&label=export.jsonl", headers: Record<string, string> = {}) =>
    post(postUpload, `/api/ingest/upload?${query}`, body, { "content-type": "application/x-ndjson", ...headers });

  it("lets an admin or analyst stream a file in, labelled with its name, and summarises it", async () => {
    const analyst = await createTestUser("analyst");
    session.actor = analyst;
    const label = `${unique("export")}.jsonl`;
    const response = await upload(ndjson([generic(), generic(), { id: "bad", timestamp: "never" }]), `format=generic&label=${encodeURIComponent(label)}`);
    expect(response.status).toBe(200);
    const summary = (await response.json()) as { label: string; records: number; received: number; stored: number; rejected: number; quarantined: number; errors: { line: number; field: string }[] };
    expect(summary).toMatchObject({ label, records: 3, received: 3, stored: 2, rejected: 1, quarantined: 1 });
    expect(summary.errors).toEqual([expect.objectContaining({ line: 3, field: "timestamp" })]);
    const batches = await db.ingestBatch.findMany({ where: { label } });
    expect(batches.map((b) => [b.channel, b.userId])).toEqual([["upload", analyst.id]]);
  });

  it("refuses a signed-in person without interactions:upload, a bearer token, and another site's form", async () => {
    session.actor = await createTestUser("auditor");
    expect((await upload(ndjson([generic()]))).status).toBe(403);
    session.actor = null;
    expect((await upload(ndjson([generic()]), undefined, { authorization: `Bearer ${await tokenWith(["interactions:ingest"])}` })).status).toBe(401);
    session.actor = await createTestUser("admin");
    expect((await upload(ndjson([generic()]), undefined, { origin: "https://evil.example", host: "warden.test" })).status).toBe(403);
    expect((await upload(ndjson([generic()]), undefined, { origin: "http://warden.test", host: "warden.test" })).status).toBe(200);
  });

  it("names a bad format, and refuses an empty file", async () => {
    session.actor = await createTestUser("admin");
    const bad = await upload(ndjson([generic()]), "format=csv");
    expect(bad.status).toBe(422);
    expect(((await bad.json()) as { errors: Record<string, string> }).errors).toHaveProperty("format");
    expect((await upload("\n\n")).status).toBe(400);
  });

  it("takes the label from X-File-Name when the query has none", async () => {
    session.actor = await createTestUser("admin");
    const label = `${unique("résumé")}.ndjson`;
    expect((await upload(ndjson([generic()]), "format=generic", { "x-file-name": encodeURIComponent(label) })).status).toBe(200);
    expect(await db.ingestBatch.count({ where: { label } })).toBe(1);
  });
});
