import { spawn, spawnSync } from "node:child_process";
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { DATA_DIR, DIST_DIR } from "./config";

// Playwright's web server: Warden the way a person runs it — a production build (`npm run build`),
// then `npm start` (scripts/start.ts) on a data folder deleted first, so every run starts from an
// empty embedded database that start.ts migrates and seeds with the demo data.
// E2E_SKIP_BUILD=1 reuses the last build while iterating on tests (not in CI).

const root = path.resolve(import.meta.dirname, "..");
rmSync(DATA_DIR, { recursive: true, force: true });
// The embedded database in that folder, even where the shell has a DATABASE_URL.
delete process.env.DATABASE_URL;

if (process.env.E2E_SKIP_BUILD !== "1") {
  // `next build` with a dist dir other than .next adds that dir's type globs to tsconfig.json
  // (and reformats it); put the file back as it was, so a test run leaves the checkout clean.
  const tsconfig = path.join(root, "tsconfig.json");
  const original = readFileSync(tsconfig);
  try {
    const build = spawnSync("npm", ["run", "build"], { cwd: root, stdio: "inherit", env: { ...process.env, NEXT_DIST_DIR: DIST_DIR } });
    if (build.status !== 0) process.exit(build.status ?? 1);
  } finally {
    writeFileSync(tsconfig, original);
  }
}

// The same command as `npm start`, without npm in between so signals reach it directly.
const app = spawn(path.join(root, "node_modules", ".bin", "tsx"), ["--conditions=react-server", "scripts/start.ts"], {
  cwd: root,
  stdio: "inherit",
  env: { ...process.env, NEXT_DIST_DIR: DIST_DIR, WARDEN_DATA_DIR: DATA_DIR },
});
const stop = (signal: NodeJS.Signals) => app.kill(signal);
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
app.on("exit", (code) => process.exit(code ?? 0));
