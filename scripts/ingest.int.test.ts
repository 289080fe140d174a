import { execFile } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { unique } from "@/lib/testing/factories";

// `npm run ingest` as an operator runs it, against the test database: a file streamed in, progress on
// stderr, a summary on stdout, the batches labelled with the file name; run again, all duplicates.
// Each run starts a Node process that compiles the script, hence the long timeouts.

const root = path.resolve(import.meta.dirname, "..");
const dir = mkdtempSync(path.join(os.tmpdir(), "warden-ingest-cli-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const run = (args: string[]) =>
  promisify(execFile)(process.execPath, ["--import", "tsx", "--conditions=react-server", "scripts/ingest.ts", ...args], {
    cwd: root,
    env: { ...process.env, AUTH_SECRET: "integration-tests-secret-not-for-production" },
  }).then(
    ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
    (error: { code: number; stdout: string; stderr: string }) => ({ code: error.code, stdout: error.stdout, stderr: error.stderr }),
  );

describe("npm run ingest", () => {
  it("streams a file in, reports progress and a summary, and stores nothing twice when run again", async () => {
    const label = `${unique("cli")}.jsonl`;
    const file = path.join(dir, label);
    const now = Date.now() / 1000 - 600;
    const lines = Array.from({ length: 2500 }, (_, i) => JSON.stringify({ id: `${label}-${i}`, startTime: now + i / 100, model: "gpt-4.1-mini", messages: [{ role: "user", content: `question ${i}` }], response: { choices: [{ message: { role: "assistant", content: "answer" } }] } }));
    lines.splice(10, 0, '{"id": "truncated", "startTi');
    writeFileSync(file, lines.join("\n") + "\n");

    const first = await run([file, "--format", "litellm"]);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stderr).toContain("100.0%");
    expect(first.stderr).toMatch(/events\/s/);
    expect(first.stdout).toContain(`${label} (litellm): 2,501 records in 3 batches`);
    expect(first.stdout).toContain("received 2,501 · stored 2,500 · duplicate 0 · rejected 1");
    expect(first.stdout).toMatch(/line 11 \(record 10\): \(line\): Invalid JSON/);
    const batches = await db.ingestBatch.findMany({ where: { label } });
    expect(batches.map((b) => b.channel)).toEqual(["cli", "cli", "cli"]);
    expect(batches.reduce((sum, b) => sum + b.stored, 0)).toBe(2500);

    const again = await run([file, "--format", "litellm", "--label", `${label}-again`]);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toContain("stored 0 · duplicate 2,500 · rejected 1");
  }, 180_000);

  it("explains what is wrong with its arguments", async () => {
    const missing = await run([path.join(dir, "nope.jsonl")]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain("Cannot read");
    const format = await run([path.join(dir, "nope.jsonl"), "--format", "csv"]);
    expect(format.code).toBe(1);
    expect(format.stderr).toContain("--format must be one of: litellm, otlp, portkey, generic");
    const none = await run([]);
    expect(none.stderr).toContain("Usage: npm run ingest");
  }, 120_000);
});
