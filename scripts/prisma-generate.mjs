// Generates the Prisma client (lib/generated/prisma). Generation runs on WASM; the Prisma CLI only
// insists that a schema-engine file exists. Where the real engine is not installed we point it
// at a script that explains that migrations are SQL files applied by the app (see README).
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";

const env = { ...process.env };
const enginesDir = path.join("node_modules", "@prisma", "engines");
const hasEngine = existsSync(enginesDir) && (await import("node:fs")).readdirSync(enginesDir).some((f) => f.startsWith("schema-engine"));
if (!hasEngine && !env.PRISMA_SCHEMA_ENGINE_BINARY) env.PRISMA_SCHEMA_ENGINE_BINARY = path.resolve("scripts/no-schema-engine.sh");
const result = spawnSync(process.execPath, ["node_modules/prisma/build/index.js", "generate"], { stdio: "inherit", env });
process.exit(result.status ?? 1);
