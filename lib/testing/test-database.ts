import { randomBytes } from "node:crypto";
import pg from "pg";
import { startEmbeddedServer } from "@/lib/db/embedded";
import { migrate } from "@/lib/db/migrate";

export interface TestDatabase {
  url: string;
  engine: "pglite" | "postgresql";
  drop(): Promise<void>;
}

const LOCAL_HOSTS = ["127.0.0.1", "localhost", "::1", "[::1]"];

/**
 * Which PostgreSQL server the tests use: TEST_DATABASE_URL when set (it must be local), else the
 * server in DATABASE_URL when that is local (so `DATABASE_URL=… npm test` runs on PostgreSQL as
 * `npm start` does), else none: embedded PGlite. The tests only ever touch a database they create.
 */
function testServerUrl(): string | undefined {
  if (process.env.TEST_DATABASE_URL) return process.env.TEST_DATABASE_URL;
  const app = process.env.DATABASE_URL;
  if (app && LOCAL_HOSTS.includes(new URL(app).hostname)) return app;
  return undefined;
}

/**
 * A fresh, migrated database for one test run: a new database on the local PostgreSQL server
 * (see testServerUrl; dropped afterwards), else an in-memory PGlite. Refuses non-local servers,
 * because tests write and drop freely.
 */
export async function createTestDatabase(): Promise<TestDatabase> {
  const serverUrl = testServerUrl();
  if (!serverUrl) {
    const server = await startEmbeddedServer(null);
    await migrate(server.url);
    return { url: server.url, engine: "pglite", drop: () => server.stop() };
  }
  const base = new URL(serverUrl);
  if (!LOCAL_HOSTS.includes(base.hostname)) {
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
