import { randomUUID } from "node:crypto";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { SYSTEM_ACTOR } from "@/lib/auth/actor";
import { db } from "@/lib/db/client";
import { ValidationError } from "@/lib/errors";
import { testRequestId, unique } from "@/lib/testing/factories";
import { IngestStreamError, ingestStream, MAX_DOCUMENT_BYTES, type StreamOptions, type StreamProgress } from "./stream";

// Streaming ingestion (uploads, npm run ingest) against the real store: batches, bounded memory,
// exactly once when a stopped stream is sent again.

const store = vi.hoisted(() => ({ failOnCall: 0, calls: 0 }));
vi.mock("./store", async (importOriginal) => {
  const actual = await importOriginal<typeof import("./store")>();
  return {
    ...actual,
    ingestRecords: async (...args: Parameters<typeof actual.ingestRecords>) => {
      store.calls += 1;
      if (store.calls === store.failOnCall) throw new Error("the database went away");
      return actual.ingestRecords(...args);
    },
  };
});

beforeEach(() => {
  store.calls = 0;
  store.failOnCall = 0;
});

const run = unique("stream");
// Fixed, so the same record read twice has the same time (identity is the id and the time).
const base = Date.now() - 3_600_000;
const event = (i: number) => ({ id: `${run}-${i}`, timestamp: new Date(base + i).toISOString(), model: "gpt-4o", messages: [{ role: "user", content: `Question number ${i}: where is my order?` }], output: `Answer ${i}.` });

const options = (label: string, extra: Partial<StreamOptions> = {}): StreamOptions => ({ source: "generic", channel: "cli", actor: SYSTEM_ACTOR, requestId: testRequestId(), label, ...extra });

/** NDJSON as a byte stream, produced lazily in chunks that cut lines (and records) anywhere. */
function ndjsonChunks(count: number, counter: { produced: number }, chunkBytes = 7000, line: (i: number) => string = (i) => JSON.stringify(event(i))) {
  return (async function* () {
    const encoder = new TextEncoder();
    let pending = "";
    for (let i = 0; i < count; i += 1) {
      pending += `${line(i)}\r\n`;
      counter.produced = i + 1;
      while (pending.length >= chunkBytes) {
        yield encoder.encode(pending.slice(0, chunkBytes));
        pending = pending.slice(chunkBytes);
      }
    }
    if (pending) yield encoder.encode(pending);
  })();
}

describe("ingestStream", () => {
  it("ingests a large NDJSON stream in batches, reading only a batch or two ahead of what is committed", async () => {
    const counter = { produced: 0 };
    const label = `${run}-large.jsonl`;
    const progress: StreamProgress[] = [];
    let furthestAhead = 0;
    const summary = await ingestStream(
      "generic",
      ndjsonChunks(12_000, counter),
      options(label, {
        batchSize: 1000,
        onProgress: (p) => {
          progress.push(p);
          furthestAhead = Math.max(furthestAhead, counter.produced - p.received);
        },
      }),
    );
    expect(summary).toMatchObject({ records: 12_000, batches: 12, received: 12_000, stored: 12_000, duplicate: 0, rejected: 0, errorCount: 0 });
    // One batch being written, one being parsed, and a chunk: never the whole input.
    expect(furthestAhead).toBeLessThanOrEqual(2 * 1000 + 100);
    expect(progress.map((p) => p.batches)).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
    expect(progress.every((p, i) => i === 0 || p.bytes >= progress[i - 1]!.bytes)).toBe(true);
    expect(summary.bytes).toBeGreaterThan(12_000 * 100);
    const batches = await db.ingestBatch.aggregate({ where: { label }, _sum: { stored: true }, _count: true });
    expect(batches).toMatchObject({ _count: 12, _sum: { stored: 12_000 } });
  });

  it("keeps the first errors and counts the rest, by line", async () => {
    const counter = { produced: 0 };
    const summary = await ingestStream(
      "generic",
      ndjsonChunks(40, counter, 500, (i) => (i % 2 === 0 ? JSON.stringify({ ...event(100_000 + i), id: `${unique("e")}` }) : `{"broken": ${i}`)),
      options(`${run}-errors.jsonl`, { maxErrors: 5 }),
    );
    expect(summary).toMatchObject({ records: 40, stored: 20, rejected: 20, quarantined: 20, errorCount: 20 });
    expect(summary.errors.map((e) => e.line)).toEqual([2, 4, 6, 8, 10]);
  });

  it("stops at a batch that cannot be committed, says what was; the same input sent again stores the rest once", async () => {
    const label = `${run}-retry.jsonl`;
    const first = (i: number) => JSON.stringify(event(200_000 + i));
    store.failOnCall = 2;
    const failure = await ingestStream("generic", ndjsonChunks(2500, { produced: 0 }, 7000, first), options(label, { batchSize: 1000 })).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(IngestStreamError);
    expect((failure as IngestStreamError).summary).toMatchObject({ batches: 1, stored: 1000 });
    expect((failure as IngestStreamError).message).toMatch(/Sending the same input again is safe/);

    const again = await ingestStream("generic", ndjsonChunks(2500, { produced: 0 }, 7000, first), options(label, { batchSize: 1000 }));
    expect(again).toMatchObject({ received: 2500, stored: 1500, duplicate: 1000 });
  });

  it("reads a file that is one JSON array, and refuses one too large to hold", async () => {
    const records = [event(300_000), event(300_001)].map((e) => ({ ...e, id: `${e.id}-${randomUUID()}` }));
    const summary = await ingestStream("generic", [JSON.stringify(records, null, 2)], options(`${run}-array.json`));
    expect(summary).toMatchObject({ records: 2, stored: 2 });

    const huge = (function* () {
      yield "[\n";
      const filler = " ".repeat(1024 * 1024);
      for (let i = 0; i <= MAX_DOCUMENT_BYTES / filler.length; i += 1) yield filler;
    })();
    await expect(ingestStream("generic", huge, options(`${run}-huge.json`))).rejects.toThrow(ValidationError);
  });
});
