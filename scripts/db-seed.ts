import { db } from "@/lib/db/client";
import { DEMO_PASSWORD, DEMO_USERS, seedDemo } from "@/lib/seed/demo";
import { seedInteractions } from "@/lib/seed/volume";
import { args, ensureAuthSecret, fail, withDatabase } from "./cli";

// npm run db:seed                          demo data (only into an empty database)
// npm run db:seed -- --interactions 1000000  plus synthetic gateway interactions for benchmarks
const { interactions } = args({ interactions: { type: "string" } });
const count = interactions === undefined ? 0 : Number(interactions);
if (!Number.isInteger(count) || count < 0) fail("--interactions must be a whole number, e.g. --interactions 1000000");

ensureAuthSecret();
await withDatabase(async () => {
  const { seeded } = await seedDemo(db);
  if (seeded) {
    console.log(`Demo data added. Accounts (password "${DEMO_PASSWORD}"):`);
    for (const u of DEMO_USERS.filter((u) => u.active !== false)) console.log(`  ${u.role.padEnd(8)} ${u.email}`);
  } else {
    console.log("The database already has users; demo data not added.");
  }
  if (count > 0) {
    const started = Date.now();
    await seedInteractions(db, count, (line) => console.log(line));
    console.log(`Added ${count} interactions in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
  }
});
