import { spawn } from "node:child_process";
import { existsSync, mkdirSync } from "node:fs";
import path from "node:path";
import { startEmbeddedServer, type EmbeddedServer } from "@/lib/db/embedded";
import { migrate } from "@/lib/db/migrate";
import { APP_NODE_FLAGS, dataDir, ensureAuthSecret } from "./cli";

// `npm start`: the database (DATABASE_URL, or embedded PGlite in .warden-data/), migrations, demo
// data on first start, a production build when there is none, then `next start`.

const dev = process.argv.includes("--dev");
const port = process.env.PORT ?? "3000";
const dir = dataDir();
mkdirSync(dir, { recursive: true });

// Production sets AUTH_SECRET itself, the same on every instance; here it is kept in the data folder.
// Set before seeding: the demo traffic is ingested, and masked secrets are hashed with it.
const authSecret = ensureAuthSecret();

function run(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: "inherit", env });
    child.on("exit", (code) => resolve(code ?? 1));
  });
}

let embedded: EmbeddedServer | null = null;
let databaseUrl = process.env.DATABASE_URL;
if (!databaseUrl) {
  embedded = await startEmbeddedServer(dir);
  databaseUrl = embedded.url;
  console.log(`Embedded PostgreSQL (PGlite) in ${path.relative(process.cwd(), dir) || "."}/pgdata`);
} else {
  console.log("Using the PostgreSQL server in DATABASE_URL");
}

await migrate(databaseUrl, { log: (line) => console.log(`migrate: ${line}`) });

if (process.env.WARDEN_SEED_DEMO !== "false") {
  process.env.DATABASE_URL = databaseUrl;
  const { prisma, disconnectDb } = await import("@/lib/db/client");
  const { seedDemo, DEMO_USERS, DEMO_PASSWORD } = await import("@/lib/seed/demo");
  const { seeded } = await seedDemo(prisma());
  if (seeded) {
    console.log(`\nDemo data added. Sign in with any of these (password "${DEMO_PASSWORD}"):`);
    for (const u of DEMO_USERS.filter((u) => u.active !== false)) console.log(`  ${u.role.padEnd(8)}  ${u.email}`);
    console.log("");
  }
  await disconnectDb();
}

const childEnv: NodeJS.ProcessEnv = {
  ...process.env,
  DATABASE_URL: databaseUrl,
  AUTH_SECRET: authSecret,
  NEXTAUTH_URL: process.env.NEXTAUTH_URL ?? `http://localhost:${port}`,
  NEXTAUTH_SECRET: process.env.NEXTAUTH_SECRET ?? authSecret,
};
const nextBin = path.join(process.cwd(), "node_modules", "next", "dist", "bin", "next");

if (!dev && !existsSync(path.join(process.cwd(), process.env.NEXT_DIST_DIR ?? ".next", "BUILD_ID"))) {
  console.log("No production build yet: running next build (once)…");
  const code = await run(process.execPath, [nextBin, "build"], { ...childEnv, NODE_ENV: "production" });
  if (code !== 0) {
    await embedded?.stop();
    process.exit(code);
  }
}

console.log(`Warden: http://localhost:${port}`);
const server = dev
  ? spawn(process.execPath, [nextBin, "dev", "-p", port], { stdio: "inherit", env: { ...childEnv, NODE_ENV: "development" } })
  : spawn(process.execPath, [...APP_NODE_FLAGS, nextBin, "start", "-p", port], { stdio: "inherit", env: { ...childEnv, NODE_ENV: "production" } });
const shutdown = (signal: NodeJS.Signals) => server.kill(signal);
process.on("SIGINT", shutdown);
process.on("SIGTERM", shutdown);
server.on("exit", async (code) => {
  await embedded?.stop();
  process.exit(code ?? 0);
});
