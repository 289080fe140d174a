import { expect, test } from "@playwright/test";
import { storageStateFor } from "./config";
import { closeE2eDb, queryOne } from "./support/db";

// The quarantine through the browser: the demo seed sends one generic record without a timestamp,
// which ingestion cannot place in time and keeps in the quarantine. An admin opens it, adds the
// missing field and replays it: the interaction is stored once and the record is closed.

const EVENT_KEY = "generic:id:evt_demo_broken";

test.afterAll(closeE2eDb);

const storedCount = async () => (await queryOne<{ n: number }>("SELECT count(*)::int AS n FROM interactions WHERE event_key = $1", [EVENT_KEY])).n;

test("an admin fixes a quarantined record and replays it", async ({ browser }) => {
  expect(await storedCount()).toBe(0);
  const page = await (await browser.newContext({ storageState: storageStateFor("admin") })).newPage();
  // Other specs (the upload test) may quarantine records of their own: find the demo's by its id.
  const { id } = await queryOne<{ id: string }>("SELECT id FROM ingest_quarantine WHERE record LIKE '%evt_demo_broken%' AND status = 'open'");
  await page.goto("/ingest/quarantine");
  const row = page.getByTestId("quarantine-row").filter({ has: page.locator(`a[href="/ingest/quarantine/${id}"]`) });
  await expect(row).toContainText("generic");
  await expect(row).toContainText("timestamp");
  await row.getByRole("link").first().click();
  await page.waitForURL(`**/ingest/quarantine/${id}`);

  await expect(page.getByRole("list", { name: "Errors of this record" })).toContainText("timestamp");
  const editor = page.getByLabel("Record (JSON)");
  const record = JSON.parse(await editor.inputValue()) as Record<string, unknown>;
  expect(record.id).toBe("evt_demo_broken");

  // A first attempt with a timestamp that is still wrong: the record stays open and says why.
  await editor.fill(JSON.stringify({ ...record, timestamp: "last tuesday" }, null, 2));
  await page.getByRole("button", { name: "Replay", exact: true }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Still not readable" })).toContainText("ISO 8601");
  expect(await storedCount()).toBe(0);

  await editor.fill(JSON.stringify({ ...record, timestamp: new Date(Date.now() - 60_000).toISOString() }, null, 2));
  await page.getByLabel("Read as format").selectOption("generic");
  await page.getByRole("button", { name: "Replay", exact: true }).click();
  await expect(page.getByText("1 stored or already there")).toBeVisible();
  await expect(page.getByRole("button", { name: "Replay", exact: true })).toHaveCount(0);
  expect(await storedCount()).toBe(1);
});

test("an analyst reads quarantined records but cannot replay or discard them", async ({ browser }) => {
  const { id } = await queryOne<{ id: string }>("SELECT id FROM ingest_quarantine ORDER BY created_at LIMIT 1");
  const page = await (await browser.newContext({ storageState: storageStateFor("analyst") })).newPage();
  await page.goto(`/ingest/quarantine/${id}`);
  await expect(page.getByTestId("quarantined-record")).toBeVisible();
  await expect(page.getByRole("button", { name: "Replay", exact: true })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Discard" })).toHaveCount(0);
});
