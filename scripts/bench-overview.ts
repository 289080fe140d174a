import { disconnectDb, prisma } from "@/lib/db/client";
import { getOverview } from "@/lib/overview/get-overview";
import { seedDemo } from "@/lib/seed/demo";
import { seedInteractions } from "@/lib/seed/volume";
import { benchDatabase, formatRate } from "./bench-database";
import { args, ensureAuthSecret, fail } from "./cli";

// The demo seed ingests its traffic, which hashes masked secrets with AUTH_SECRET.
ensureAuthSecret();

// npm run bench:overview [-- --interactions 1000000 --runs 50]
// Latency of the overview page's queries (lib/overview/get-overview.ts) on a fresh database holding
// the demo data plus N synthetic interactions: p50 / p95 / max over repeated calls, after warm-up.
const values = args({ interactions: { type: "string", default: "1000000" }, runs: { type: "string", default: "50" } });
const count = Number(values.interactions);
const runs = Number(values.runs);
if (!Number.isInteger(count) || count < 0) fail("--interactions must be a whole number");
if (!Number.isInteger(runs) || runs < 1) fail("--runs must be a positive whole number");

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
const ms = (value: number) => `${value.toFixed(1)} ms`;

const database = await benchDatabase();
try {
  const db = prisma();
  await seedDemo(db);
  let started = performance.now();
  await seedInteractions(db, count, (line) => process.stdout.write(`\r  ${line}   `));
  const seedMs = performance.now() - started;
  console.log(`\nSeeded ${count.toLocaleString("en-US")} interactions in ${(seedMs / 1000).toFixed(1)} s (${formatRate(count, seedMs)}).`);
  // Fresh statistics, as autovacuum would have gathered on a database that grew to this size.
  await db.$executeRawUnsafe("ANALYZE");

  for (let i = 0; i < 3; i++) await getOverview();
  const timings: number[] = [];
  for (let i = 0; i < runs; i++) {
    started = performance.now();
    await getOverview();
    timings.push(performance.now() - started);
  }
  timings.sort((a, b) => a - b);
  const mean = timings.reduce((sum, t) => sum + t, 0) / timings.length;
  const overview = await getOverview();
  console.log(`Overview (${overview.openInteractionFindings.toLocaleString("en-US")} open interaction findings, ${overview.workflows.total} workflows), ${runs} calls after 3 warm-up:`);
  console.log(`  p50 ${ms(percentile(timings, 50))}   p95 ${ms(percentile(timings, 95))}   max ${ms(timings.at(-1)!)}   mean ${ms(mean)}`);
} finally {
  await disconnectDb();
  await database.drop();
}
