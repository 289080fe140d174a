import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { randomBytes, randomUUID } from "node:crypto";
import { createWriteStream, existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { once } from "node:events";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { SYSTEM_ACTOR } from "@/lib/auth/actor";
import { copyFrom, copySql, copyText, type BulkTable } from "@/lib/db/bulk-write";
import { disconnectDb, prisma } from "@/lib/db/client";
import { migrate } from "@/lib/db/migrate";
import type { IngestEvent } from "@/lib/ingest/event";
import { identityKeys } from "@/lib/ingest/identity";
import { parseBatch } from "@/lib/ingest/parse";
import { seedDemo } from "@/lib/seed/demo";
import { createApiToken } from "@/lib/tokens/create-token";
import { litellmEvents } from "./bench-ingest-events";
import { APP_NODE_FLAGS, args, fail } from "./cli";

// npm run bench:ingest [-- --events 60000 --batch 1000 --clients 4 --skip-build --memory --memory-mb 1024 --keep --profile <dir>]
//
// End-to-end ingestion speed against a raw PostgreSQL COPY of the same events, in the same run:
//  1. a fresh database (warden_bench_ingest on BENCH_SERVER_URL, default postgres://postgres@127.0.0.1:5432),
//     migrated, with the demo data (workflows, grants, linked identities);
//  2. the real app, built into .next-bench and started with `next start` (as e2e/serve.ts does);
//  3. ~1.5 KB LiteLLM events POSTed to /api/ingest/litellm in batches by a few concurrent clients, with
//     an ingest token, every detector and grant check on: events/s, end to end;
//  4. the tables emptied, then the same events COPYed (COPY … FROM STDIN) into the same tables and
//     columns ingestion writes them to (interactions and interaction_texts, all indexes in place);
//  5. the two rates and their ratio (goal: ≥ 0.5, and ≥ 15,000 events/s).
// --memory also streams a generated file of --memory-mb megabytes through `npm run ingest` and
// reports the command's peak resident memory (goal: < 300 MB for 1 GB).

const values = args({
  events: { type: "string", default: "60000" },
  batch: { type: "string", default: "1000" },
  clients: { type: "string", default: "4" },
  port: { type: "string", default: "3310" },
  "skip-build": { type: "boolean", default: false },
  memory: { type: "boolean", default: false },
  "memory-mb": { type: "string", default: "1024" },
  keep: { type: "boolean", default: false },
  profile: { type: "string" },
});
const positive = (name: string, value: string) => {
  const number = Number(value);
  if (!Number.isInteger(number) || number < 1) fail(`--${name} must be a positive whole number`);
  return number;
};
const EVENTS = positive("events", values.events);
const BATCH = positive("batch", values.batch);
const CLIENTS = positive("clients", values.clients);
const PORT = positive("port", values.port);
const MEMORY_MB = positive("memory-mb", values["memory-mb"]);

const root = path.resolve(import.meta.dirname, "..");
const DIST_DIR = ".next-bench";
const DATABASE = "warden_bench_ingest";
const serverUrl = process.env.BENCH_SERVER_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const databaseUrl = (() => {
  const url = new URL(serverUrl);
  if (!["127.0.0.1", "localhost", "::1", "[::1]"].includes(url.hostname)) fail(`BENCH_SERVER_URL must be a local server: the benchmark drops and creates ${DATABASE}.`);
  url.pathname = `/${DATABASE}`;
  return url.toString();
})();
const AUTH_SECRET = randomBytes(32).toString("base64url");

const number = (value: number) => Math.round(value).toLocaleString("en-US");
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const step = (text: string) => console.log(`• ${text}`);

async function adminQuery(sql: string) {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

function build() {
  if (values["skip-build"] && existsSync(path.join(root, DIST_DIR, "BUILD_ID"))) {
    step(`Reusing the build in ${DIST_DIR} (--skip-build)`);
    return;
  }
  step(`Building the app into ${DIST_DIR} (next build)…`);
  // next build with another dist dir rewrites tsconfig.json; put it back as it was.
  const tsconfig = path.join(root, "tsconfig.json");
  const original = readFileSync(tsconfig);
  const started = performance.now();
  const result = spawnSync(process.execPath, [path.join(root, "node_modules/next/dist/bin/next"), "build"], {
    cwd: root,
    env: { ...process.env, NEXT_DIST_DIR: DIST_DIR, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1" },
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  });
  writeFileSync(tsconfig, original);
  if (result.status !== 0) fail(`next build failed:\n${result.stdout}\n${result.stderr}`);
  step(`Built in ${seconds(performance.now() - started)}`);
}

async function startApp(): Promise<{ app: ChildProcess; logs: () => string }> {
  let output = "";
  // --profile <dir>: a V8 CPU profile of the app, written when it exits (open it in Chrome DevTools).
  const profile = values.profile ? ["--cpu-prof", `--cpu-prof-dir=${path.resolve(values.profile)}`] : [];
  const app = spawn(process.execPath, [...APP_NODE_FLAGS, ...profile, path.join(root, "node_modules/next/dist/bin/next"), "start", "-p", String(PORT)], {
    cwd: root,
    env: {
      ...process.env,
      NODE_ENV: "production",
      NEXT_DIST_DIR: DIST_DIR,
      DATABASE_URL: databaseUrl,
      AUTH_SECRET,
      NEXTAUTH_SECRET: AUTH_SECRET,
      NEXTAUTH_URL: `http://localhost:${PORT}`,
      NEXT_TELEMETRY_DISABLED: "1",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-20_000);
  };
  app.stdout!.on("data", keep);
  app.stderr!.on("data", keep);
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (app.exitCode !== null) fail(`The app exited (${app.exitCode}):\n${output}`);
    try {
      const response = await fetch(`http://127.0.0.1:${PORT}/api/health`);
      if (response.ok) return { app, logs: () => output };
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  app.kill("SIGTERM");
  return fail(`The app did not answer /api/health within 60 s:\n${output}`);
}

interface Posted {
  stored: number;
  duplicate: number;
  rejected: number;
}

// node:http with a keep-alive agent rather than fetch: the load generator shares the machine's two
// cores with the app and PostgreSQL, and undici's fetch spends several times more CPU per request.
const agent = new http.Agent({ keepAlive: true, maxSockets: 16 });

function postBatch(body: Uint8Array<ArrayBuffer>, token: string): Promise<Posted> {
  return new Promise((resolve, reject) => {
    const request = http.request(
      {
        host: "127.0.0.1",
        port: PORT,
        path: "/api/ingest/litellm",
        method: "POST",
        agent,
        headers: { authorization: `Bearer ${token}`, "content-type": "application/json", "content-length": body.length },
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("error", reject);
        response.on("end", () => {
          const text = Buffer.concat(chunks).toString("utf8");
          if (response.statusCode !== 200) return reject(new Error(`POST /api/ingest/litellm answered ${response.statusCode}: ${text.slice(0, 500)}`));
          // Only the counts: the per-record outcomes are the app's work to produce, not the client's to read.
          const counts = /"stored":(\d+),"duplicate":(\d+),"rejected":(\d+)/.exec(text);
          if (!counts) return reject(new Error(`Unexpected answer: ${text.slice(0, 500)}`));
          resolve({ stored: Number(counts[1]), duplicate: Number(counts[2]), rejected: Number(counts[3]) });
        });
      },
    );
    request.on("error", reject);
    request.end(body);
  });
}

// The columns ingestion writes for each event that need no detection: what the baseline COPYs.
const BASELINE_INTERACTIONS: BulkTable = {
  name: "interactions",
  columns: [
    ["id", "uuid"], ["occurred_at", "timestamptz"], ["event_key", "text"], ["source", "text"], ["identity_key", "text"], ["identity", "jsonb"], ["model", "text"],
    ["provider", "text"], ["end_user", "text"], ["conversation_id", "text"], ["tool_calls", "jsonb"], ["checks", "jsonb"], ["tokens_in", "int"], ["tokens_out", "int"], ["latency_ms", "double precision"],
  ],
};
const BASELINE_TEXTS: BulkTable = {
  name: "interaction_texts",
  columns: [["interaction_id", "uuid"], ["occurred_at", "timestamptz"], ["messages", "jsonb"], ["output", "text"], ["tool_io", "jsonb"]],
};

/** The rows ingestion writes for each event (interactions, interaction_texts), as COPY text in chunks of 1,000 rows, without detection. */
function copyRows(events: IngestEvent[]) {
  const interactions: Buffer[] = [];
  const texts: Buffer[] = [];
  for (let start = 0; start < events.length; start += 1000) {
    const chunk = events.slice(start, start + 1000).map((event) => ({ event, id: randomUUID(), at: event.occurredAt.toISOString() }));
    interactions.push(
      copyText(
        BASELINE_INTERACTIONS,
        chunk.map(({ event, id, at }) => [
          id, at, event.eventKey, event.source, identityKeys(event.workflowIdentity)[0], event.workflowIdentity, event.model, event.provider, event.endUser, event.conversationId,
          event.toolCalls.map(({ name, connector, action, resource, inHistory }) => ({ name, connector, action, resource, inHistory })),
          event.gatewayChecks, event.usage.inputTokens, event.usage.outputTokens, event.latencyMs,
        ]),
      ),
    );
    texts.push(copyText(BASELINE_TEXTS, chunk.map(({ event, id, at }) => [id, at, event.messages, event.output, event.toolCalls.map((call) => ({ arguments: call.arguments, result: call.result ?? null }))])));
  }
  return { interactions, texts };
}

async function copyBaseline(client: pg.Client, rows: ReturnType<typeof copyRows>, appPid: number): Promise<{ both: number; interactionsOnly: number; cpu: string }> {
  const copyInteractions = () =>
    copyFrom(client, copySql(BASELINE_INTERACTIONS), rows.interactions);
  const empty = async () => {
    // CASCADE: the triage tables that hang off triage_items.
    await client.query("TRUNCATE interactions, interaction_texts, interaction_findings, triage_items CASCADE");
    await client.query("CHECKPOINT");
  };

  await empty();
  const cpuBefore = cpuSample(appPid);
  let started = performance.now();
  await client.query("BEGIN");
  const copied = await copyInteractions();
  await copyFrom(client, copySql(BASELINE_TEXTS), rows.texts);
  await client.query("COMMIT");
  const both = performance.now() - started;
  const cpu = cpuSplit(cpuBefore, cpuSample(appPid), both / 1000, EVENTS);
  if (copied !== EVENTS) throw new Error(`COPY wrote ${copied} rows, expected ${EVENTS}`);

  await empty();
  started = performance.now();
  await copyInteractions();
  const interactionsOnly = performance.now() - started;
  return { both, interactionsOnly, cpu };
}

/** Peak resident memory of a process (Linux VmHWM), polled until it exits. */
async function peakRss(child: ChildProcess): Promise<number> {
  let peak = 0;
  const read = () => {
    try {
      const status = readFileSync(`/proc/${child.pid}/status`, "utf8");
      const kb = Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1] ?? 0);
      peak = Math.max(peak, kb * 1024);
    } catch {
      // exited
    }
  };
  const timer = setInterval(read, 100);
  await once(child, "exit");
  clearInterval(timer);
  return peak;
}

async function memoryRun() {
  const file = path.join(os.tmpdir(), `warden-bench-ingest-${process.pid}.jsonl`);
  step(`Writing ${MEMORY_MB} MB of NDJSON to ${file}…`);
  const out = createWriteStream(file);
  const events = litellmEvents({ prefix: `memory-${randomUUID().slice(0, 8)}`, seed: 99 });
  const target = MEMORY_MB * 1024 * 1024;
  let written = 0;
  let lines = 0;
  while (written < target) {
    let chunk = "";
    for (let i = 0; i < 500; i += 1) chunk += `${JSON.stringify(events.next())}\n`;
    lines += 500;
    written += Buffer.byteLength(chunk);
    if (!out.write(chunk)) await once(out, "drain");
  }
  out.end();
  await once(out, "finish");
  step(`Streaming it with npm run ingest (${number(lines)} events)…`);
  const started = performance.now();
  // The same command as `npm run ingest` (its Node flags read from package.json), without npm and
  // tsx's wrapper process in between, so the measured process is the one doing the work.
  const script = (JSON.parse(readFileSync(path.join(root, "package.json"), "utf8")) as { scripts: Record<string, string> }).scripts.ingest!.split(/\s+/);
  const scriptEnv = Object.fromEntries(script.filter((token) => /^[A-Z_]+=/.test(token)).map((token) => token.split("=") as [string, string]));
  const nodeFlags = script.filter((token) => token.startsWith("--"));
  const child = spawn(process.execPath, [...nodeFlags, "--import", "tsx", "scripts/ingest.ts", file, "--format", "litellm", "--label", "bench-memory.jsonl"], {
    cwd: root,
    env: { ...process.env, ...scriptEnv, DATABASE_URL: databaseUrl, AUTH_SECRET },
    stdio: ["ignore", "pipe", "inherit"],
  });
  let summary = "";
  child.stdout!.on("data", (chunk: Buffer) => (summary += chunk.toString()));
  const peak = await peakRss(child);
  const elapsed = performance.now() - started;
  rmSync(file, { force: true });
  if (child.exitCode !== 0) fail(`npm run ingest failed (${child.exitCode}):\n${summary}`);
  return { bytes: written, lines, peak, elapsed, summary };
}


// Where the CPU went during a phase, from /proc (Linux; elsewhere the bench prints no split): the app
// (the `next start` process and its children), every PostgreSQL process, this load generator, and
// what the machine left idle. USER_HZ is 100 on Linux's userspace ABI.
const USER_HZ = 100;

interface CpuSample {
  app: number;
  postgres: number;
  bench: number;
  idle: number;
  total: number;
}

function cpuSample(appPid: number): CpuSample | null {
  if (!existsSync("/proc/stat")) return null;
  const stats = new Map<number, { ppid: number; comm: string; seconds: number }>();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      const close = stat.lastIndexOf(")");
      const fields = stat.slice(close + 2).split(" ");
      stats.set(Number(entry), { ppid: Number(fields[1]), comm: stat.slice(stat.indexOf("(") + 1, close), seconds: (Number(fields[11]) + Number(fields[12])) / USER_HZ });
    } catch {
      // exited meanwhile
    }
  }
  const inApp = (pid: number): boolean => {
    for (let at = pid, hops = 0; at > 1 && hops < 8; at = stats.get(at)?.ppid ?? 0, hops++) if (at === appPid) return true;
    return false;
  };
  const sample: CpuSample = { app: 0, postgres: 0, bench: 0, idle: 0, total: 0 };
  for (const [pid, { comm, seconds }] of stats) {
    if (inApp(pid)) sample.app += seconds;
    else if (comm === "postgres") sample.postgres += seconds;
    else if (pid === process.pid) sample.bench += seconds;
  }
  const cpu = readFileSync("/proc/stat", "utf8").split("\n")[0]!.trim().split(/\s+/).slice(1).map(Number);
  sample.idle = (cpu[3]! + cpu[4]!) / USER_HZ;
  sample.total = cpu.reduce((sum, ticks) => sum + ticks, 0) / USER_HZ;
  return sample;
}

/** "app 1.02 cores (98 µs an event) · PostgreSQL …": each one's CPU between two samples, per event. */
function cpuSplit(before: CpuSample | null, after: CpuSample | null, seconds: number, events: number): string {
  if (!before || !after) return "(no CPU split: /proc is Linux's)";
  const part = (name: string, used: number) => `${name} ${(used / seconds).toFixed(2)} cores (${number((used / events) * 1e6)} µs an event)`;
  const idleShare = (after.idle - before.idle) / (after.total - before.total);
  return [part("app", after.app - before.app), part("PostgreSQL", after.postgres - before.postgres), part("load generator", after.bench - before.bench), `machine idle ${(idleShare * 100).toFixed(0)} %`].join(" · ");
}

// ---------------------------------------------------------------------------------------------------

console.log(`Ingest benchmark: ${number(EVENTS)} LiteLLM events, batches of ${number(BATCH)}, ${CLIENTS} concurrent clients, on ${os.cpus().length} cores`);
step(`Fresh database ${DATABASE}`);
await adminQuery(`DROP DATABASE IF EXISTS ${DATABASE} WITH (FORCE)`);
await adminQuery(`CREATE DATABASE ${DATABASE}`);
await migrate(databaseUrl);
process.env.DATABASE_URL = databaseUrl;
process.env.AUTH_SECRET = AUTH_SECRET;
await seedDemo(prisma());
const linked = await prisma().workflowIdentity.findMany({ select: { identityKey: true } });
const aliases = linked.flatMap((l) => (l.identityKey.startsWith("key_alias:") ? [l.identityKey.slice("key_alias:".length)] : []));
const { token } = await createApiToken(SYSTEM_ACTOR, { name: "bench-ingest", scopes: ["interactions:ingest"] }, `bench-${randomUUID()}`);
await disconnectDb();

build();
step("Starting the app (next start)…");
const { app, logs } = await startApp();

try {
  // Registered callers (the demo's linked key aliases) and unregistered ones, as in a real fleet.
  const generator = litellmEvents({ prefix: `bench-${randomUUID().slice(0, 8)}`, aliases: [...aliases, "shadow-notebook", "marketing-drafts"] });
  const encoder = new TextEncoder();
  const warmup = Array.from({ length: 3 }, () => encoder.encode(JSON.stringify(Array.from({ length: BATCH }, () => generator.next()))));
  const records = Array.from({ length: EVENTS }, () => generator.next());
  const bodies: Uint8Array<ArrayBuffer>[] = [];
  for (let start = 0; start < records.length; start += BATCH) bodies.push(encoder.encode(JSON.stringify(records.slice(start, start + BATCH))));
  const averageBytes = bodies.reduce((sum, body) => sum + body.length, 0) / EVENTS;
  const parsed = parseBatch("litellm", records).flatMap((record) => record.events);
  const rows = copyRows(parsed);
  step(`${number(EVENTS)} events of ${number(averageBytes)} bytes on average (${(bodies.reduce((s, b) => s + b.length, 0) / 1024 / 1024).toFixed(0)} MB)`);

  step("Warming up (3 batches, not counted)…");
  for (const body of warmup) await postBatch(body, token);

  step(`POSTing to /api/ingest/litellm…`);
  const totals: Posted = { stored: 0, duplicate: 0, rejected: 0 };
  let next = 0;
  const cpuBefore = cpuSample(app.pid!);
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CLIENTS }, async () => {
      while (next < bodies.length) {
        const body = bodies[next++]!;
        const answer = await postBatch(body, token);
        totals.stored += answer.stored;
        totals.duplicate += answer.duplicate;
        totals.rejected += answer.rejected;
      }
    }),
  );
  const httpMs = performance.now() - started;
  const httpCpu = cpuSplit(cpuBefore, cpuSample(app.pid!), httpMs / 1000, EVENTS);
  if (totals.stored !== EVENTS) throw new Error(`Expected ${EVENTS} stored, got ${JSON.stringify(totals)}`);

  const httpRate = EVENTS / (httpMs / 1000);
  const client = new pg.Client({ connectionString: databaseUrl });
  client.on("error", () => undefined);
  await client.connect();
  let copy: Awaited<ReturnType<typeof copyBaseline>>;
  try {
    const flagged = Number((await client.query<{ count: string }>("SELECT count(*) FROM triage_items")).rows[0]!.count);
    const findings = Number((await client.query<{ count: string }>("SELECT count(*) FROM interaction_findings")).rows[0]!.count);
    console.log(`  HTTP ingest, all detectors: ${number(httpRate)} events/s (${number(EVENTS)} in ${seconds(httpMs)}; ${number(findings)} findings, ${number(flagged)} flagged)`);
    console.log(`  CPU: ${httpCpu}`);
    step("COPY of the same events into the same tables…");
    copy = await copyBaseline(client, rows, app.pid!);
  } finally {
    await client.end();
  }

  const copyRate = EVENTS / (copy.both / 1000);
  const ratio = httpRate / copyRate;
  console.log("");
  console.log(`HTTP ingest, all detectors:   ${number(httpRate).padStart(7)} events/s`);
  console.log(`  CPU: ${httpCpu}`);
  console.log(`Raw COPY, same tables:        ${number(copyRate).padStart(7)} events/s  (interactions + interaction_texts in one transaction, ${seconds(copy.both)})`);
  console.log(`  CPU: ${copy.cpu}`);
  console.log(`  (COPY into interactions alone: ${number(EVENTS / (copy.interactionsOnly / 1000))} events/s)`);
  console.log(`Ratio HTTP / COPY:            ${ratio.toFixed(2).padStart(7)}       goal ≥ 0.50 ${ratio >= 0.5 ? "✓" : "✗"}`);
  console.log(`HTTP rate goal ≥ 15,000 events/s: ${httpRate >= 15_000 ? "✓ met" : "✗ not met"}`);

  if (values.memory) {
    const memory = await memoryRun();
    console.log("");
    console.log(memory.summary.trim());
    console.log(`npm run ingest, ${(memory.bytes / 1024 / 1024).toFixed(0)} MB file: peak RSS ${(memory.peak / 1024 / 1024).toFixed(0)} MB (goal < 300 MB ${memory.peak < 300 * 1024 * 1024 ? "✓" : "✗"}), ${number(memory.lines / (memory.elapsed / 1000))} events/s`);
  }
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  console.error(`App log (last lines):\n${logs().slice(-4000)}`);
  process.exitCode = 1;
} finally {
  app.kill("SIGTERM");
  await once(app, "exit").catch(() => undefined);
  if (!values.keep) await adminQuery(`DROP DATABASE IF EXISTS ${DATABASE} WITH (FORCE)`);
}
