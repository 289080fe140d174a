import { randomUUID } from "node:crypto";
import { expect, test } from "@playwright/test";
import { storageStateFor } from "./config";
import { closeE2eDb, queryOne } from "./support/db";

// Uploading a log export in the browser: an admin picks an NDJSON file and its format, watches the
// progress bar fill, reads the summary (stored, rejected, the bad line and why), and the per-source
// counts on /ingest include the new events.

test.afterAll(closeE2eDb);

const count = async (locator: import("@playwright/test").Locator) => Number((await locator.innerText()).replaceAll(",", ""));

test("an admin uploads an NDJSON export and sees progress, the summary and the counts change", async ({ browser }) => {
  const page = await (await browser.newContext({ storageState: storageStateFor("admin") })).newPage();
  await page.goto("/ingest");
  await expect(page.getByRole("heading", { name: "Ingestion" })).toBeVisible();
  const received = page.getByTestId("counts-generic-today-received");
  const before = await count(received);

  const run = randomUUID().slice(0, 8);
  const at = new Date(Date.now() - 60_000).toISOString();
  const lines = [
    ...Array.from({ length: 5 }, (_, i) => JSON.stringify({ id: `e2e-${run}-${i}`, timestamp: at, model: "gpt-4.1", messages: [{ role: "user", content: `Where is order ${1000 + i}?` }], output: "It shipped." })),
    JSON.stringify({ id: `e2e-${run}-bad`, model: "gpt-4.1" }),
  ];
  const label = `e2e-export-${run}.jsonl`;
  await page.getByLabel("Log file").setInputFiles({ name: label, mimeType: "application/x-ndjson", buffer: Buffer.from(lines.join("\n") + "\n") });
  await page.getByLabel("Format").selectOption("generic");
  await page.getByRole("button", { name: "Upload" }).click();

  const progress = page.getByRole("progressbar", { name: "Upload progress" });
  await expect(progress).toHaveJSProperty("value", 100);
  const summary = page.getByTestId("upload-summary");
  await expect(summary).toBeVisible();
  await expect(summary.getByRole("heading", { name: `Result for ${label}` })).toBeVisible();
  await expect(page.getByTestId("upload-received")).toHaveText("6");
  await expect(page.getByTestId("upload-stored")).toHaveText("5");
  await expect(page.getByTestId("upload-rejected")).toHaveText("1");
  const errorRow = summary.getByRole("row").filter({ hasText: "timestamp" });
  await expect(errorRow.getByRole("cell").first()).toHaveText("6");
  await expect(page.getByRole("link", { name: "Review the 1 quarantined record" })).toHaveAttribute("href", "/ingest/quarantine");

  // The page's counts come from the database again after the upload.
  await expect(received).toHaveText((before + 6).toLocaleString("en-US"));
  await expect(page.getByTestId("counts-generic-today-stored")).not.toHaveText("0");

  const batch = await queryOne<{ channel: string; stored: number; rejected: number }>("SELECT channel, stored, rejected FROM ingest_batches WHERE label = $1", [label]);
  expect(batch).toEqual({ channel: "upload", stored: 5, rejected: 1 });
});
