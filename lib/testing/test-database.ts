import { randomBytes } from "node:crypto";
import pg from "pg";
import { startEmbeddedServer } from "@/lib/db/embedded";
import { migrate } from "@/lib/db/migrate";

export interface TestDatabase {
  url: string;
  engine: "pglite" | "postgresql";
  drop(): Promise<void>;
}

/**
 * A fresh, migrated database for one test run: on the PostgreSQL server in TEST_DATABASE_URL when
 * set (a new database, dropped afterwards), else an in-memory PGlite. Refuses non-local servers,
 * because tests write and drop freely.
 */
export async function createTestDatabase(): Promise<TestDatabase> {
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (!serverUrl) {
    const server = await startEmbeddedServer(null);
    await migrate(server.url);
    return { url: server.url, engine: "pglite", drop: () => server.stop() };
  }
  const base = new URL(serverUrl);
  if (!["127.0.0.1", "localhost", "::1", "[::1]"].includes(base.hostname)) {
    throw new Error(`TEST_DATABASE_URL must point at a local server, not ${base.hostname}: tests create and drop databases.`);
  }
  const name = `warden_test_${Date.now()}_${randomBytes(3).toString("hex")}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  await migrate(url.toString());
  return {
    url: url.toString(),
    engine: "postgresql",
    async drop() {
      const client = new pg.Client({ connectionString: serverUrl });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await client.end();
    },
  };
}
