import { disconnectDb, prisma } from "@/lib/db/client";
import { seedDemo } from "@/lib/seed/demo";
import { seedInteractions } from "@/lib/seed/volume";
import { benchDatabase, formatRate } from "./bench-database";
import { args, fail } from "./cli";

// npm run bench:seed [-- --interactions 200000]
// How fast `npm run db:seed -- --interactions N` fills a fresh database: total time and rows per
// second for the interactions (and the findings made for the flagged ones).
const { interactions } = args({ interactions: { type: "string", default: "200000" } });
const count = Number(interactions);
if (!Number.isInteger(count) || count <= 0) fail("--interactions must be a positive whole number, e.g. --interactions 200000");

const database = await benchDatabase();
try {
  const db = prisma();
  let started = performance.now();
  await seedDemo(db);
  console.log(`Demo data: ${((performance.now() - started) / 1000).toFixed(1)} s`);

  started = performance.now();
  await seedInteractions(db, count, (line) => console.log(`  ${line}`));
  const elapsed = performance.now() - started;
  const findings = await db.interactionFinding.count({ where: { detector: "bench" } });
  console.log(`\nSeeded ${count.toLocaleString("en-US")} interactions (+ ${findings.toLocaleString("en-US")} findings) in ${(elapsed / 1000).toFixed(1)} s`);
  console.log(`Throughput: ${formatRate(count, elapsed)} (${formatRate(count + findings, elapsed)} counting findings)`);
} finally {
  await disconnectDb();
  await database.drop();
}
