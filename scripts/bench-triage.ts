import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { createServer, type AddressInfo } from "node:net";
import path from "node:path";
import pg from "pg";
import type { Actor } from "@/lib/auth/actor";
import { disconnectDb, prisma } from "@/lib/db/client";
import { migrate } from "@/lib/db/migrate";
import { getRiskDashboard } from "@/lib/risk/dashboard";
import { DEMO_PASSWORD, seedDemo } from "@/lib/seed/demo";
import { seedInteractions } from "@/lib/seed/volume";
import { getInteraction } from "@/lib/triage/get-interaction";
import { listQueue, QUEUE_PAGE_SIZE } from "@/lib/triage/list-queue";
import { parseQueueFilters, type QueueFilters } from "@/lib/triage/queue-filters";
import { formatRate } from "./bench-database";
import { args, fail } from "./cli";

// npm run bench:triage [-- --interactions 1000000 --runs 50 --no-http --skip-build]
//
// The analysts' screens against the targets of the triage issue, on the PostgreSQL database in
// DATABASE_URL (a local server only; e.g. postgres://postgres@127.0.0.1:5432/warden_bench_triage,
// created when missing). The database is migrated, given the demo data and topped up to
// --interactions synthetic interactions (lib/seed/volume.ts, ~5 % flagged), then timed after warm-up:
//
//   queue page query (lib/triage/list-queue.ts)  first, 100th and last page (keyset), and with each
//                                                single filter, first and last page      p95 <= 50 ms
//   interaction page query (get-interaction.ts)  a different flagged interaction per run p95 <= 50 ms
//   dashboard, 30 days (lib/risk/dashboard.ts)                                          p95 <= 300 ms
//   GET /interactions over HTTP, signed in, 100 rows per page, production build         p95 <= 300 ms
//
// The HTTP step builds the app into .next-bench-triage (--skip-build reuses the last build) and
// starts `next start` on a free port with this DATABASE_URL. Exits non-zero when a figure misses its target.

const values = args({
  interactions: { type: "string", default: "1000000" },
  runs: { type: "string", default: "50" },
  "no-http": { type: "boolean", default: false },
  "skip-build": { type: "boolean", default: false },
});
const target = Number(values.interactions);
const runs = Number(values.runs);
if (!Number.isInteger(target) || target < 0) fail("--interactions must be a whole number, e.g. --interactions 1000000");
if (!Number.isInteger(runs) || runs < 5) fail("--runs must be a whole number of at least 5");

const databaseUrl = process.env.DATABASE_URL;
if (!databaseUrl) fail("Set DATABASE_URL to a local PostgreSQL database, e.g. postgres://postgres@127.0.0.1:5432/warden_bench_triage");
const url = new URL(databaseUrl);
if (!["127.0.0.1", "localhost", "::1", "[::1]"].includes(url.hostname)) fail(`The benchmark writes a million rows: DATABASE_URL must point at a local server, not ${url.hostname}.`);
// Keys the hashes of masked secrets while seeding, and the app's sessions.
process.env.AUTH_SECRET ??= randomBytes(24).toString("base64url");

const WARM_UP = 3;
const DIST_DIR = ".next-bench-triage";
const ANALYST = "sam@acme.example";

interface Figure {
  label: string;
  p50: number;
  p95: number;
  max: number;
  limit: number;
}
const figures: Figure[] = [];

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
const ms = (value: number) => `${value.toFixed(1).padStart(7)} ms`;

async function measure(label: string, limit: number, run: (index: number) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < WARM_UP; i++) await run(i);
  const timings: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    await run(i);
    timings.push(performance.now() - started);
  }
  timings.sort((a, b) => a - b);
  const figure = { label, p50: percentile(timings, 50), p95: percentile(timings, 95), max: timings.at(-1)!, limit };
  figures.push(figure);
  console.log(`  ${label.padEnd(58)} p50 ${ms(figure.p50)}   p95 ${ms(figure.p95)}   max ${ms(figure.max)}${figure.p95 > limit ? `   over ${limit} ms` : ""}`);
}

async function ensureDatabase(): Promise<void> {
  const name = decodeURIComponent(url.pathname.slice(1));
  if (!/^[A-Za-z0-9_]+$/.test(name)) fail(`Database name "${name}": use letters, digits and underscores.`);
  const admin = new URL(databaseUrl!);
  admin.pathname = "/postgres";
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    const exists = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [name]);
    if (exists.rowCount === 0) {
      await client.query(`CREATE DATABASE "${name}"`);
      console.log(`Created database ${name}.`);
    }
  } finally {
    await client.end();
  }
  await migrate(databaseUrl!, { log: (line) => console.log(`migrate: ${line}`) });
}

async function prepareData(): Promise<void> {
  const db = prisma();
  const { seeded } = await seedDemo(db);
  if (seeded) console.log("Demo data added.");
  const [{ n }] = await db.$queryRaw<[{ n: number }]>`SELECT COALESCE(sum(interactions), 0)::int AS n FROM interaction_daily_counts`;
  if (n < target) {
    console.log(`The database holds ${n.toLocaleString("en-US")} interactions; adding ${(target - n).toLocaleString("en-US")}.`);
    const started = performance.now();
    await seedInteractions(db, target - n, (line) => process.stdout.write(`\r  ${line}   `));
    const elapsed = performance.now() - started;
    console.log(`\n  seeded in ${(elapsed / 1000).toFixed(1)} s (${formatRate(target - n, elapsed)})`);
  }
  // Fresh statistics, as autovacuum would have gathered on a database that grew to this size.
  await db.$executeRawUnsafe("ANALYZE");
  const [counts] = await db.$queryRaw<[{ interactions: number; items: number; open: number }]>`
    SELECT (SELECT COALESCE(sum(interactions), 0)::int FROM interaction_daily_counts) AS interactions,
           (SELECT count(*)::int FROM triage_items) AS items,
           (SELECT count(*)::int FROM triage_items WHERE status IN ('new', 'in_review', 'escalated')) AS open`;
  console.log(`Database: ${counts.interactions.toLocaleString("en-US")} interactions, ${counts.items.toLocaleString("en-US")} flagged (${counts.open.toLocaleString("en-US")} open).`);
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** "severity=critical", "workflow=<busiest>" (ids are named by what they were chosen as, not printed). */
function describe(query: Record<string, string>): string {
  return Object.entries(query)
    .map(([key, value]) => `${key}=${UUID.test(value) ? (key === "assignee" ? "<busiest analyst>" : `<busiest ${key}>`) : value}`)
    .join("&");
}

function filtersOf(query: Record<string, string>): QueueFilters {
  const parsed = parseQueueFilters(query);
  if (!parsed.success) throw new Error(`Benchmark filter ${JSON.stringify(query)} is not valid: ${parsed.error.issues[0]?.message}`);
  return parsed.data;
}

/** Cursors (?after=) of the 100th page and of the last, found by walking the whole view once. */
async function deepCursors(actor: Actor, filters: QueueFilters): Promise<{ pages: number; page100: string | null; last: string | null }> {
  let after: string | undefined;
  let page100: string | null = null;
  let last: string | null = null;
  let pages = 1;
  for (;;) {
    const page = await listQueue(actor, { ...filters, after });
    if (!page.next) break;
    pages++;
    after = page.next;
    last = after;
    if (pages === 100) page100 = after;
  }
  return { pages, page100, last };
}

async function benchQueries(actor: Actor & { type: "user" }): Promise<{ workflowId: string }> {
  const db = prisma();
  const [sample] = await db.$queryRaw<[{ workflow_id: string; owner_id: string; team_id: string; assignee_id: string }]>`
    SELECT w.id AS workflow_id, w.owner_id, w.team_id,
           (SELECT assignee_id FROM triage_items WHERE assignee_id IS NOT NULL GROUP BY 1 ORDER BY count(*) DESC LIMIT 1) AS assignee_id
    FROM workflows w JOIN triage_items t ON t.workflow_id = w.id
    WHERE w.owner_id IS NOT NULL AND w.team_id IS NOT NULL GROUP BY w.id ORDER BY count(*) DESC LIMIT 1`;
  const today = new Date().toISOString().slice(0, 10);
  const weekAgo = new Date(Date.now() - 6 * 86_400_000).toISOString().slice(0, 10);

  console.log(`\nQueue page query (listQueue, ${QUEUE_PAGE_SIZE} rows), ${runs} runs after ${WARM_UP} warm-up:`);
  const views: [string, Record<string, string>][] = [
    ["open items, grouped (the default view)", {}],
    ["every item, one row each (view=all, status=all)", { view: "all", status: "all" }],
    ["every item by severity (view=all, status=all, sort=severity)", { view: "all", status: "all", sort: "severity" }],
  ];
  for (const [label, query] of views) {
    const filters = filtersOf(query);
    const deep = await deepCursors(actor, filters);
    await measure(`${label}: first page`, 50, () => listQueue(actor, filters));
    if (deep.page100) await measure(`${label}: page 100`, 50, () => listQueue(actor, { ...filters, after: deep.page100! }));
    if (deep.last) await measure(`${label}: last page (${deep.pages})`, 50, () => listQueue(actor, { ...filters, after: deep.last! }));
  }

  console.log(`\nQueue page query with each single filter (open items, grouped), first and last page:`);
  const single: Record<string, string>[] = [
    { from: weekAgo, to: today },
    { status: "all" },
    { status: "resolved" },
    { severity: "critical" },
    { category: "prompt_injection" },
    { owasp: "LLM06:2025" },
    { detector: "secrets" },
    { assignee: sample.assignee_id },
    { assignee: "unassigned" },
    { workflow: sample.workflow_id },
    { workflow: "unregistered" },
    { owner: sample.owner_id },
    { team: sample.team_id },
    { source: "portkey" },
    { model: "gpt-4o" },
    { q: "refund" },
  ];
  for (const query of single) {
    const filters = filtersOf(query);
    const deep = await deepCursors(actor, filters);
    const label = describe(query);
    await measure(`${label}: first page`, 50, () => listQueue(actor, filters));
    if (deep.last) await measure(`${label}: last page (${deep.pages})`, 50, () => listQueue(actor, { ...filters, after: deep.last! }));
  }

  console.log(`\nInteraction page query (getInteraction), a different flagged interaction each run:`);
  const ids = (await db.$queryRaw<{ id: string }[]>`SELECT interaction_id AS id FROM triage_items TABLESAMPLE SYSTEM (5) LIMIT ${runs + WARM_UP}`).map((row) => row.id);
  await measure("getInteraction", 50, async (i) => {
    if (!(await getInteraction(ids[i % ids.length]!))) throw new Error("A flagged interaction was not found");
  });

  console.log(`\nRisk dashboard (getRiskDashboard):`);
  for (const days of [7, 30, 90] as const) await measure(`${days} days`, days === 30 ? 300 : Number.POSITIVE_INFINITY, () => getRiskDashboard(days));
  return { workflowId: sample.workflow_id };
}

// ---- HTTP -------------------------------------------------------------------------------------------

function buildApp(): void {
  if (values["skip-build"] && existsSync(path.join(DIST_DIR, "BUILD_ID"))) {
    console.log(`\nReusing the build in ${DIST_DIR} (--skip-build).`);
    return;
  }
  console.log(`\nBuilding the app into ${DIST_DIR} (next build)…`);
  // next build with another dist dir rewrites tsconfig.json; put it back as it was.
  const original = readFileSync("tsconfig.json");
  try {
    const build = spawnSync(process.execPath, [path.join("node_modules", "next", "dist", "bin", "next"), "build"], {
      stdio: ["ignore", "ignore", "inherit"],
      env: { ...process.env, NEXT_DIST_DIR: DIST_DIR, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1" },
    });
    if (build.status !== 0) throw new Error(`next build failed (${build.status})`);
  } finally {
    writeFileSync("tsconfig.json", original);
  }
}

/** A port nothing listens on now, so the timings are of this server and no other benchmark's. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

async function startServer(): Promise<{ server: ChildProcess; base: string }> {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const server = spawn(process.execPath, [path.join("node_modules", "next", "dist", "bin", "next"), "start", "-H", "127.0.0.1", "-p", String(port)], {
    stdio: ["ignore", "ignore", "inherit"],
    env: { ...process.env, NODE_ENV: "production", NEXT_DIST_DIR: DIST_DIR, NEXTAUTH_URL: base, NEXTAUTH_SECRET: process.env.AUTH_SECRET },
  });
  // Never leave the server behind, however the benchmark ends.
  process.once("exit", () => server.kill("SIGTERM"));
  for (let i = 0; i < 120; i++) {
    if (server.exitCode !== null) throw new Error("next start exited");
    try {
      if ((await fetch(`${base}/api/auth/csrf`)).ok) return { server, base };
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  server.kill();
  throw new Error("next start did not answer within a minute");
}

/** Signs in as next-auth's credentials form does (csrf token, then the callback); returns the cookie header. */
async function signIn(base: string, email: string): Promise<string> {
  const csrf = await fetch(`${base}/api/auth/csrf`);
  const cookies = new Map<string, string>();
  const keep = (response: Response) => {
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(";");
      const eq = pair!.indexOf("=");
      cookies.set(pair!.slice(0, eq), pair!.slice(eq + 1));
    }
  };
  keep(csrf);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const header = () => [...cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  const response = await fetch(`${base}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: header() },
    body: new URLSearchParams({ csrfToken, email, password: DEMO_PASSWORD, callbackUrl: `${base}/`, json: "true" }),
  });
  keep(response);
  if (!cookies.has("next-auth.session-token")) throw new Error(`Signing in ${email} over HTTP failed (status ${response.status})`);
  return header();
}

async function benchHttp(workflowId: string): Promise<void> {
  buildApp();
  const { server, base } = await startServer();
  try {
    const cookie = await signIn(base, ANALYST);
    const get = async (pathname: string) => {
      const response = await fetch(`${base}${pathname}`, { headers: { cookie }, redirect: "manual" });
      const body = await response.text();
      if (response.status !== 200) throw new Error(`GET ${pathname}: HTTP ${response.status}`);
      return body;
    };
    const rows = (html: string) => (html.match(/data-testid="queue-row"/g) ?? []).length;
    const first = await get("/interactions?status=all&view=all");
    console.log(`\nServer-rendered pages over HTTP (next start, signed in as ${ANALYST}; the first page of /interactions?status=all&view=all shows ${rows(first) || "?"} rows):`);
    await measure("GET /interactions (default view)", 300, () => get("/interactions"));
    await measure("GET /interactions?status=all&view=all", 300, () => get("/interactions?status=all&view=all"));
    await measure(`GET /interactions?workflow=…&category=prompt_injection`, 300, () => get(`/interactions?workflow=${workflowId}&category=prompt_injection`));
    await measure("GET /risk (30 days)", 300, () => get("/risk"));
  } finally {
    server.kill("SIGTERM");
  }
}

await ensureDatabase();
try {
  await prepareData();
  const db = prisma();
  const analyst = await db.user.findUniqueOrThrow({ where: { email: ANALYST } });
  const { workflowId } = await benchQueries({ type: "user", id: analyst.id, email: analyst.email, name: analyst.name, role: analyst.role });
  if (!values["no-http"]) await benchHttp(workflowId);
} finally {
  await disconnectDb();
}

const missed = figures.filter((f) => f.p95 > f.limit);
console.log(`\n${figures.length} figures; ${missed.length === 0 ? "every p95 within its target." : `${missed.length} over target:\n${missed.map((f) => `  ${f.label}: p95 ${f.p95.toFixed(1)} ms > ${f.limit} ms`).join("\n")}`}`);
if (missed.length > 0) process.exitCode = 1;
