import { createReadStream, statSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { DomainError } from "@/lib/errors";
import { INGEST_SOURCES, type IngestSource } from "@/lib/ingest/event";
import { IngestStreamError, ingestStream, type StreamProgress, type StreamSummary } from "@/lib/ingest/stream";
import { CLI_ACTOR, cliRequestId, ensureAuthSecret, fail, withDatabase } from "./cli";

// npm run ingest -- <file.jsonl> [--format litellm|otlp|portkey|generic] [--label name] [--batch-size 1000]
//
// Streams a log export (JSONL / NDJSON; or one JSON array up to 16 MB) into Warden in batches, each
// committed before the next, with progress on stderr and a summary on stdout. Memory stays flat
// however large the file. Running it again on the same file is safe: stored events are recognised
// as duplicates. The database is DATABASE_URL's, else the embedded one (.warden-data, or WARDEN_DATA_DIR).
// package.json runs it with a capped V8 heap (--max-old-space-size=128 --max-semi-space-size=2) and
// two malloc arenas (MALLOC_ARENA_MAX=2): the pipeline's live data is a couple of batches (about
// 70 MB of heap after collection, flat over a whole file), but uncapped, V8 grows its heap lazily
// towards a limit set by the machine's memory and glibc keeps an arena per thread, so resident memory
// would drift far above what is in use. With them, a 1 GB file stays under 300 MB resident.

const USAGE = `Usage: npm run ingest -- <file> [--format ${INGEST_SOURCES.join("|")}] [--label name] [--batch-size n]`;

const { values, positionals } = (() => {
  try {
    return parseArgs({
      options: { format: { type: "string", default: "litellm" }, label: { type: "string" }, "batch-size": { type: "string", default: "1000" }, help: { type: "boolean" } },
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    return fail(`${error instanceof Error ? error.message : String(error)}\n${USAGE}`);
  }
})();
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}
if (positionals.length !== 1) fail(`Name one file to ingest.\n${USAGE}`);
const file = positionals[0]!;
if (!(INGEST_SOURCES as readonly string[]).includes(values.format)) fail(`--format must be one of: ${INGEST_SOURCES.join(", ")}.`);
const format = values.format as IngestSource;
const batchSize = Number(values["batch-size"]);
if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > 10_000) fail("--batch-size must be a whole number from 1 to 10000.");

let size: number;
try {
  const stat = statSync(file);
  if (!stat.isFile()) fail(`${file} is not a file.`);
  size = stat.size;
} catch {
  fail(`Cannot read ${file}.`);
}
const label = values.label ?? path.basename(file);

// Masked secrets are stored with a hash keyed by AUTH_SECRET, so the CLI must use the server's: from
// the environment, else the one `npm start` keeps in the data folder.
ensureAuthSecret();

const number = (value: number) => value.toLocaleString("en-US");
const megabytes = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

const started = performance.now();
let lastPrint = 0;
const interactive = process.stderr.isTTY;

function printProgress(p: StreamProgress, final = false) {
  const now = performance.now();
  if (!final && now - lastPrint < (interactive ? 250 : 5000)) return;
  lastPrint = now;
  const seconds = (now - started) / 1000;
  const percent = size > 0 ? Math.min(100, (p.bytes / size) * 100) : 100;
  const line = `${percent.toFixed(1)}% · ${megabytes(p.bytes)} of ${megabytes(size)} · ${number(Math.round(p.received / Math.max(seconds, 0.001)))} events/s · stored ${number(p.stored)} · duplicate ${number(p.duplicate)} · rejected ${number(p.rejected)}`;
  process.stderr.write(interactive ? `\r${line}\u001b[K${final ? "\n" : ""}` : `${line}\n`);
}

function printSummary(summary: StreamSummary) {
  const seconds = (performance.now() - started) / 1000;
  console.log(`${label} (${format}): ${number(summary.records)} records in ${number(summary.batches)} batches, ${seconds.toFixed(1)} s`);
  console.log(`  received ${number(summary.received)} · stored ${number(summary.stored)} · duplicate ${number(summary.duplicate)} · rejected ${number(summary.rejected)}`);
  if (summary.quarantined > 0) console.log(`  ${number(summary.quarantined)} records quarantined: fix and replay them at /ingest/quarantine`);
  if (summary.errorCount > 0) {
    console.log(`  errors${summary.errorCount > summary.errors.length ? ` (first ${summary.errors.length} of ${number(summary.errorCount)})` : ""}:`);
    for (const error of summary.errors) console.log(`    line ${error.line ?? "?"} (record ${error.index}): ${error.field}: ${error.reason}`);
  }
}

await withDatabase(async () => {
  try {
    const summary = await ingestStream(format, createReadStream(file, { highWaterMark: 1024 * 1024 }), {
      source: format,
      channel: "cli",
      actor: CLI_ACTOR,
      requestId: cliRequestId(),
      label,
      batchSize,
      onProgress: (p) => printProgress(p),
    });
    printProgress(summary, true);
    printSummary(summary);
  } catch (error) {
    if (error instanceof DomainError) fail(error.message);
    if (error instanceof IngestStreamError) {
      printProgress(error.summary, true);
      printSummary(error.summary);
      console.error(error.message);
      process.exitCode = 1;
      return;
    }
    throw error;
  }
});
