import { createTestDatabase, type TestDatabase } from "@/lib/testing/test-database";

// Benchmarks run on a fresh database of their own, never on one with real data: a new database on
// the local server in BENCH_DATABASE_URL (or TEST_DATABASE_URL), dropped afterwards, else an
// in-memory embedded PGlite.

export async function benchDatabase(): Promise<TestDatabase> {
  if (process.env.BENCH_DATABASE_URL) process.env.TEST_DATABASE_URL = process.env.BENCH_DATABASE_URL;
  const database = await createTestDatabase();
  process.env.DATABASE_URL = database.url;
  console.log(`Fresh ${database.engine === "pglite" ? "embedded PGlite (in memory)" : `PostgreSQL database on ${new URL(database.url).host}`}, migrated.`);
  return database;
}

export function formatRate(rows: number, ms: number): string {
  return `${Math.round(rows / (ms / 1000)).toLocaleString("en-US")} rows/s`;
}
