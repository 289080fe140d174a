import { disconnectDb, prisma } from "@/lib/db/client";
import { seedDemo } from "@/lib/seed/demo";
import { seedInteractions } from "@/lib/seed/volume";
import { benchDatabase, formatRate } from "./bench-database";
import { args, ensureAuthSecret, fail } from "./cli";

// The demo seed ingests its traffic, which hashes masked secrets with AUTH_SECRET.
ensureAuthSecret();

// npm run bench:seed [-- --interactions 200000]
// How fast `npm run db:seed -- --interactions N` fills a fresh database: total time and rows per
// second for the interactions (and the texts, findings and triage items written with them).
const { interactions } = args({ interactions: { type: "string", default: "200000" } });
const count = Number(interactions);
if (!Number.isInteger(count) || count <= 0) fail("--interactions must be a positive whole number, e.g. --interactions 200000");

const database = await benchDatabase();
try {
  const db = prisma();
  let started = performance.now();
  await seedDemo(db);
  console.log(`Demo data: ${((performance.now() - started) / 1000).toFixed(1)} s`);

  const findingsBefore = await db.interactionFinding.count();
  started = performance.now();
  const { flagged } = await seedInteractions(db, count, (line) => console.log(`  ${line}`));
  const elapsed = performance.now() - started;
  // Every row the seed wrote besides the interactions: texts (one each), findings and triage items.
  const findings = (await db.interactionFinding.count()) - findingsBefore;
  const rows = count * 2 + findings + flagged;
  console.log(`\nSeeded ${count.toLocaleString("en-US")} interactions (+ ${count.toLocaleString("en-US")} texts, ${findings.toLocaleString("en-US")} findings, ${flagged.toLocaleString("en-US")} triage items) in ${(elapsed / 1000).toFixed(1)} s`);
  console.log(`Throughput: ${formatRate(count, elapsed)} (${formatRate(rows, elapsed)} counting every row)`);
} finally {
  await disconnectDb();
  await database.drop();
}
