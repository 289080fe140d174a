import { randomBytes, randomUUID } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { parseArgs, type ParseArgsConfig } from "node:util";

type ParseArgsOptionsConfig = NonNullable<ParseArgsConfig["options"]>;
import { connectForCli } from "@/lib/db/embedded";
import { migrate } from "@/lib/db/migrate";
import type { Actor } from "@/lib/auth/actor";

// Shared by the npm run scripts: find the database (DATABASE_URL, the running embedded server, or
// the embedded data folder), make sure it is migrated, run, and close cleanly.

export const dataDir = () => path.resolve(process.env.WARDEN_DATA_DIR ?? ".warden-data");

/**
 * The deployment's AUTH_SECRET: from the environment, else the one kept in the data folder (made on
 * first use, so sessions survive a restart). Besides signing sessions it keys the hashes of masked
 * secrets, so every command that ingests (the demo seed included) must use the server's.
 */
export function ensureAuthSecret(): string {
  if (!process.env.AUTH_SECRET) {
    const dir = dataDir();
    const file = path.join(dir, "auth-secret");
    if (!existsSync(file)) {
      mkdirSync(dir, { recursive: true });
      writeFileSync(file, randomBytes(32).toString("base64url"), { mode: 0o600 });
    }
    process.env.AUTH_SECRET = readFileSync(file, "utf8").trim();
  }
  return process.env.AUTH_SECRET;
}

export const CLI_ACTOR: Actor = { type: "system", id: null, name: "cli" };

export function cliRequestId(): string {
  return `cli-${randomUUID()}`;
}

export async function withDatabase<T>(run: () => Promise<T>): Promise<T> {
  const server = await connectForCli(dataDir());
  process.env.DATABASE_URL = server.url;
  try {
    await migrate(server.url);
    return await run();
  } finally {
    const { disconnectDb } = await import("@/lib/db/client");
    await disconnectDb();
    await server.stop();
  }
}

export function args<const T extends ParseArgsOptionsConfig>(options: T) {
  return parseArgs({ options, allowPositionals: false, strict: true }).values;
}

export function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

/**
 * Node flags of the app's server process (npm start, and the benchmark's app). Ingestion allocates
 * megabytes of short-lived objects per batch; a larger young generation lets them die young instead
 * of being copied into the old one (bench:ingest: about 8 % more events/s).
 */
export const APP_NODE_FLAGS = ["--max-semi-space-size=64"];
