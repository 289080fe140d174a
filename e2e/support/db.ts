import { spawnSync } from "node:child_process";
import path from "node:path";
import pg from "pg";
import { runningEmbeddedUrl } from "../../lib/db/embedded";
import { DATA_DIR } from "../config";

// The tests' own door to the database the app under test uses: the embedded server that
// `npm start` runs for the e2e data folder (its address is in that folder's server.json).

let client: pg.Client | null = null;

export async function e2eDb(): Promise<pg.Client> {
  if (client) return client;
  const url = runningEmbeddedUrl(DATA_DIR);
  if (!url) throw new Error(`No Warden database is running for ${DATA_DIR}; the web server should have started one.`);
  client = new pg.Client({ connectionString: url });
  await client.connect();
  return client;
}

export async function closeE2eDb(): Promise<void> {
  await client?.end();
  client = null;
}

export async function queryOne<T extends pg.QueryResultRow>(sql: string, params: unknown[] = []): Promise<T> {
  const result = await (await e2eDb()).query<T>(sql, params);
  if (result.rows.length === 0) throw new Error(`No row for: ${sql}`);
  return result.rows[0]!;
}

export async function userIdByEmail(email: string): Promise<string> {
  return (await queryOne<{ id: string }>("SELECT id FROM users WHERE email = $1", [email])).id;
}

// Tables behind the [id] segments of ROUTES: /workflows/[id] → workflows, and so on.
const ID_TABLES = new Set(["workflows", "connectors", "credentials", "grants", "reviews", "quarantine", "interactions"]);

/**
 * A real id for the [id] in `pattern`, chosen so the signed-in person may act on it: rows they own
 * first (an owner edits their own workflow), then any row.
 */
export async function sampleIdFor(pattern: string, userId: string): Promise<string> {
  const segments = pattern.split("/");
  const table = segments[segments.indexOf("[id]") - 1]!;
  if (!ID_TABLES.has(table)) throw new Error(`No sample-id rule for ${pattern}: add its table to e2e/support/db.ts`);
  // /reviews/[id] → a campaign; everyone may read every campaign (the demo seed starts one).
  if (table === "reviews") return (await queryOne<{ id: string }>("SELECT id FROM review_campaigns ORDER BY created_at LIMIT 1")).id;
  // Quarantined records and flagged interactions: the demo seed leaves some of each.
  if (table === "quarantine") return (await queryOne<{ id: string }>("SELECT id FROM ingest_quarantine ORDER BY created_at LIMIT 1")).id;
  if (table === "interactions") return (await queryOne<{ id: string }>("SELECT interaction_id AS id FROM triage_items ORDER BY occurred_at DESC LIMIT 1")).id;
  if (table === "connectors") return (await queryOne<{ id: string }>("SELECT id FROM connectors ORDER BY created_at LIMIT 1")).id;
  const sql =
    table === "grants"
      ? "SELECT g.id FROM grants g JOIN workflows w ON w.id = g.workflow_id ORDER BY (w.owner_id = $1) DESC NULLS LAST, g.created_at LIMIT 1"
      : `SELECT id FROM ${table} ORDER BY (owner_id = $1) DESC NULLS LAST, created_at LIMIT 1`;
  return (await queryOne<{ id: string }>(sql, [userId])).id;
}

/** Runs one of Warden's npm scripts against the e2e database, as an operator would. */
export function npmScript(script: string, args: string[], env: Record<string, string> = {}): string {
  const scriptEnv: NodeJS.ProcessEnv = { ...process.env, WARDEN_DATA_DIR: DATA_DIR, ...env };
  delete scriptEnv.DATABASE_URL; // the e2e embedded database, found through its data folder
  const result = spawnSync("npm", ["run", "--silent", script, "--", ...args], {
    cwd: path.resolve(import.meta.dirname, "../.."),
    env: scriptEnv,
    encoding: "utf8",
  });
  if (result.status !== 0) throw new Error(`npm run ${script} failed (${result.status}):\n${result.stdout}\n${result.stderr}`);
  return result.stdout;
}
