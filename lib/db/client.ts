import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/lib/generated/prisma/client";

// One Prisma client per process, created on first use so that scripts and tests can choose the
// database (DATABASE_URL) before anything connects. Every engine, embedded PGlite included, is
// reached over the PostgreSQL wire protocol, so there is one code path.
const globalForPrisma = globalThis as unknown as { wardenPrisma?: PrismaClient };

function createClient(): PrismaClient {
  const connectionString = process.env.DATABASE_URL;
  if (!connectionString) {
    throw new Error("DATABASE_URL is not set. Start Warden with `npm start`, which provides one.");
  }
  const adapter = new PrismaPg({ connectionString, max: Number(process.env.DATABASE_POOL_SIZE ?? 10) });
  return new PrismaClient({ adapter });
}

export function prisma(): PrismaClient {
  globalForPrisma.wardenPrisma ??= createClient();
  return globalForPrisma.wardenPrisma;
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
}

export type Tx = Parameters<Parameters<PrismaClient["$transaction"]>[0]>[0];
export type { PrismaClient };
