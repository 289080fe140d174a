import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { isEmbeddedUrl } from "./embedded-url";

// One Prisma client per process, created on first use so that scripts and tests can choose the
// database (DATABASE_URL) before anything connects. Every engine, embedded PGlite included, is
// reached over the PostgreSQL wire protocol, so there is one code path. Prisma runs on a
// node-postgres pool that the ingestion hot path also uses directly (see withPgTransaction).
const globalForPrisma = globalThis as unknown as { wardenPrisma?: PrismaClient; wardenPool?: pg.Pool };

function createPool(): pg.Pool {
  const connectionString = process.env.DATABASE_URL;
  if (!connectionString) {
    throw new Error("DATABASE_URL is not set. Start Warden with `npm start`, which provides one.");
  }
  // One connection to the embedded database: PGlite runs one query at a time anyway, and its socket
  // server interleaves the extended-protocol messages of concurrent connections outside a
  // transaction, so one connection's Bind can meet another's Parse (parameters of the wrong query).
  const max = isEmbeddedUrl(connectionString) ? 1 : Number(process.env.DATABASE_POOL_SIZE ?? 10);
  const pool = new pg.Pool({ connectionString, max });
  // An idle connection dropped by the server must not crash the process; the pool replaces it.
  pool.on("error", (error) => console.error("[db] idle connection error", error));
  return pool;
}

/** The node-postgres pool under the Prisma client. */
export function pgPool(): pg.Pool {
  globalForPrisma.wardenPool ??= createPool();
  return globalForPrisma.wardenPool;
}

export function prisma(): PrismaClient {
  globalForPrisma.wardenPrisma ??= new PrismaClient({ adapter: new PrismaPg(pgPool()) });
  return globalForPrisma.wardenPrisma;
}

export type PgClient = pg.PoolClient;

/**
 * Runs `work` in one transaction on a connection of the shared pool, through node-postgres rather
 * than Prisma: for bulk writes whose parameters are megabytes of JSON (a batch of ingested events),
 * where Prisma's raw queries would serialize every parameter to JSON and parse it back first.
 * Commits when `work` resolves, rolls back when it throws.
 */
export async function withPgTransaction<T>(work: (client: PgClient) => Promise<T>): Promise<T> {
  const client = await pgPool().connect();
  let broken: unknown;
  try {
    await client.query("BEGIN");
    const result = await work(client);
    await client.query("COMMIT");
    return result;
  } catch (error) {
    await client.query("ROLLBACK").catch((rollbackError: unknown) => (broken = rollbackError));
    throw error;
  } finally {
    // A connection whose rollback failed is in an unknown state: the pool closes it rather than reuse it.
    client.release(broken instanceof Error ? broken : undefined);
  }
}

/** The shared client: `db.workflow.findMany(...)`. Connects on first use. */
export const db: PrismaClient = new Proxy({} as PrismaClient, {
  get(_target, property) {
    const client = prisma();
    const value = Reflect.get(client, property, client);
    return typeof value === "function" ? value.bind(client) : value;
  },
});

export async function disconnectDb(): Promise<void> {
  await globalForPrisma.wardenPrisma?.$disconnect();
  globalForPrisma.wardenPrisma = undefined;
  await globalForPrisma.wardenPool?.end();
  globalForPrisma.wardenPool = undefined;
}

export type Tx = Parameters<Parameters<PrismaClient["$transaction"]>[0]>[0];
export type { PrismaClient };
