import { expect, test } from "@playwright/test";
import { storageStateFor } from "./config";
import { closeE2eDb, queryOne } from "./support/db";

// Unregistered AI usage through the browser: the demo seed sends four interactions under the LiteLLM
// key alias "marketing-experiments", which no workflow claims. A product owner finds them on the
// unregistered-AI list, registers a workflow from them in one step (a prefilled form), and lands on
// the new workflow, which now owns the identity and every past interaction.

const IDENTITY = "key_alias:marketing-experiments";

test.afterAll(closeE2eDb);

const linked = async (identityKey: string) =>
  queryOne<{ linked: number; unlinked: number; workflow_id: string | null }>(
    `SELECT count(*) FILTER (WHERE workflow_id IS NOT NULL)::int AS linked, count(*) FILTER (WHERE workflow_id IS NULL)::int AS unlinked, max(workflow_id::text) AS workflow_id
     FROM interactions WHERE identity_key = $1`,
    [identityKey],
  );

test("an owner registers a workflow from unregistered usage and its past interactions are linked to it", async ({ browser }) => {
  expect(await linked(IDENTITY)).toMatchObject({ linked: 0, unlinked: 4 });

  const page = await (await browser.newContext({ storageState: storageStateFor("owner") })).newPage();
  await page.goto("/shadow-ai");
  await expect(page.getByRole("heading", { name: "Unregistered AI usage" })).toBeVisible();
  const row = page.locator(`[data-testid="shadow-group"][data-identity="${IDENTITY}"]`);
  await expect(row).toContainText("marketing-experiments");
  await expect(row).toContainText("gpt-4o-mini");
  await expect(row.getByRole("cell").nth(1)).toContainText("4");

  await row.getByRole("button", { name: `Register workflow from ${IDENTITY}` }).click();
  // Prefilled: a name from the identity, what the gateway saw, and the person registering as owner.
  await expect(page.getByLabel("Name", { exact: true })).toHaveValue("Marketing experiments");
  await expect(page.getByLabel("Purpose", { exact: true })).toHaveValue(/key alias "marketing-experiments"/);
  await expect(page.getByLabel("Models", { exact: true })).toHaveValue("gpt-4o-mini");
  await expect(page.getByLabel("Owner", { exact: true })).toHaveValue(await queryOne<{ id: string }>("SELECT id FROM users WHERE email = 'priya@acme.example'").then((u) => u.id));
  await page.getByRole("button", { name: "Register and link past interactions" }).click();

  await page.waitForURL(/\/workflows\/[0-9a-f-]{36}$/);
  const workflowId = page.url().split("/").pop()!;
  await expect(page.getByRole("heading", { name: "Marketing experiments" })).toBeVisible();
  const identity = page.locator(`[data-testid="workflow-identity"][data-identity="${IDENTITY}"]`);
  await expect(identity).toContainText("marketing-experiments");
  await expect(identity).toContainText("4 interactions");

  // Every past interaction now belongs to the new workflow.
  expect(await linked(IDENTITY)).toEqual({ linked: 4, unlinked: 0, workflow_id: workflowId });

  // And the identity has left the unregistered list.
  await page.goto("/shadow-ai");
  await expect(page.locator(`[data-testid="shadow-group"][data-identity="${IDENTITY}"]`)).toHaveCount(0);
});

test("people who may not register workflows see the list without its buttons", async ({ browser }) => {
  const page = await (await browser.newContext({ storageState: storageStateFor("analyst") })).newPage();
  await page.goto("/shadow-ai");
  await expect(page.getByRole("heading", { name: "Unregistered AI usage" })).toBeVisible();
  await expect(page.getByRole("button", { name: /Register workflow/ })).toHaveCount(0);
});
