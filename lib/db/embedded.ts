import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { PGLiteSocketServer } from "@electric-sql/pglite-socket";
import { embeddedUrl } from "./embedded-url";

// The embedded default database: PostgreSQL compiled to WASM (PGlite), kept in a local folder and
// served over the PostgreSQL wire protocol on 127.0.0.1, so the app, the scripts and the tests all
// talk to it exactly as they talk to a real server.

export interface EmbeddedServer {
  url: string;
  stop(): Promise<void>;
}

const SERVER_FILE = "server.json";

/** Starts PGlite on `dataDir` (or in memory when null) and serves it on a free local port. */
export async function startEmbeddedServer(dataDir: string | null, port = 0): Promise<EmbeddedServer> {
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  const database = new PGlite(dataDir ? path.join(dataDir, "pgdata") : undefined);
  await database.waitReady;
  // PGlite itself has one connection; the socket server queues clients and keeps each transaction
  // on the connection that opened it.
  const server = new PGLiteSocketServer({ db: database, host: "127.0.0.1", port, maxConnections: 32 });
  await server.start();
  const address = server.getServerConn();
  const actualPort = Number(address.split(":").pop());
  const serverFile = dataDir ? path.join(dataDir, SERVER_FILE) : null;
  if (serverFile) writeFileSync(serverFile, JSON.stringify({ pid: process.pid, port: actualPort }));
  return {
    url: embeddedUrl(actualPort),
    async stop() {
      if (serverFile && existsSync(serverFile)) rmSync(serverFile);
      await server.stop();
      await database.close();
    },
  };
}

/** The URL of an embedded server already running on `dataDir` in another process, if any. */
export function runningEmbeddedUrl(dataDir: string): string | null {
  const serverFile = path.join(dataDir, SERVER_FILE);
  if (!existsSync(serverFile)) return null;
  try {
    const { pid, port } = JSON.parse(readFileSync(serverFile, "utf8")) as { pid: number; port: number };
    process.kill(pid, 0); // throws when that process is gone
    return embeddedUrl(port);
  } catch {
    return null;
  }
}

/**
 * For command-line tools: DATABASE_URL when set; else the embedded server that `npm start` is
 * running; else start the embedded database in this process for the duration of the command.
 */
export async function connectForCli(dataDir: string): Promise<EmbeddedServer> {
  if (process.env.DATABASE_URL) return { url: process.env.DATABASE_URL, stop: async () => {} };
  const running = runningEmbeddedUrl(dataDir);
  if (running) return { url: running, stop: async () => {} };
  return startEmbeddedServer(dataDir);
}
