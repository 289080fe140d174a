import { randomUUID } from "node:crypto";
import path from "node:path";
import { parseArgs, type ParseArgsConfig } from "node:util";

type ParseArgsOptionsConfig = NonNullable<ParseArgsConfig["options"]>;
import { connectForCli } from "@/lib/db/embedded";
import { migrate } from "@/lib/db/migrate";
import type { Actor } from "@/lib/auth/actor";

// Shared by the npm run scripts: find the database (DATABASE_URL, the running embedded server, or
// the embedded data folder), make sure it is migrated, run, and close cleanly.

export const dataDir = () => path.resolve(process.env.WARDEN_DATA_DIR ?? ".warden-data");

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
