import { createHash, randomUUID } from "node:crypto";
import { readFile } from "node:fs/promises";
import { expect, test } from "@playwright/test";
import { storageStateFor } from "./config";
import { closeE2eDb, e2eDb, queryOne, userIdByEmail } from "./support/db";

// The access-review path through the browser: the governance lead starts a campaign over one
// connector's grants; the workflow's owner approves one grant and denies the other with a
// justification; the lead closes the campaign, the denied grant stops being active, and the
// auditor downloads the evidence and checks its SHA-256 against the one recorded.

const suffix = randomUUID().slice(0, 6);
const CONNECTOR = `E2E Review Connector ${suffix}`;
const WORKFLOW = `E2E Review Agent ${suffix}`;
const CAMPAIGN = `E2E access review ${suffix}`;

test.afterAll(closeE2eDb);

async function insertFixtures() {
  const db = await e2eDb();
  const ownerId = await userIdByEmail("priya@acme.example");
  const connector = await queryOne<{ id: string }>(
    `INSERT INTO connectors (id, name, kind, system, actions, resource_pattern, sensitivity, updated_at)
     VALUES (gen_random_uuid(), $1, 'api', 'Zendesk', ARRAY['read','write'], 'ticket:<queue>/*', 'medium', now()) RETURNING id`,
    [CONNECTOR],
  );
  const workflow = await queryOne<{ id: string }>(
    `INSERT INTO workflows (id, name, purpose, environment, data_classification, status, owner_id, updated_at)
     VALUES (gen_random_uuid(), $1, 'Answers support tickets.', 'production', 'internal', 'active', $2, now()) RETURNING id`,
    [WORKFLOW, ownerId],
  );
  const grant = async (resource: string) =>
    (
      await db.query<{ id: string }>(
        `INSERT INTO grants (id, workflow_id, connector_id, resources, actions, mode, requested_resources, requested_actions, requested_mode, justification, status, expires_at, decided_at, updated_at)
         VALUES (gen_random_uuid(), $1, $2, ARRAY[$3], ARRAY['read'], 'approve', ARRAY[$3], ARRAY['read'], 'approve', 'Read tickets.', 'approved', now() + interval '60 days', now() - interval '120 days', now()) RETURNING id`,
        [workflow.id, connector.id, resource],
      )
    ).rows[0]!.id;
  return { keep: await grant("ticket:support/*"), revoke: await grant("ticket:legacy/*") };
}

test("a campaign over one connector: approve one, deny one, close, the denied grant is revoked, evidence verifies", async ({ browser }) => {
  const grants = await insertFixtures();

  // The governance lead creates the campaign, scoped to the one connector; it starts today.
  const lead = await (await browser.newContext({ storageState: storageStateFor("reviewer") })).newPage();
  await lead.goto("/reviews/new");
  await lead.getByLabel("Name").fill(CAMPAIGN);
  await lead.getByRole("group", { name: "Connectors" }).getByRole("checkbox", { name: CONNECTOR }).check();
  await lead.getByRole("button", { name: "Create campaign" }).click();
  await lead.waitForURL(/\/reviews\/[0-9a-f-]{36}$/);
  const campaignUrl = new URL(lead.url()).pathname;
  await expect(lead.getByRole("heading", { name: CAMPAIGN })).toBeVisible();
  await expect(lead.getByTestId("review-item")).toHaveCount(2);
  await expect(lead.getByTestId("recommendation-reason").first()).toHaveText("no information: no log data");

  // The workflow's owner is the reviewer of both items.
  const owner = await (await browser.newContext({ storageState: storageStateFor("owner") })).newPage();
  await owner.goto(campaignUrl);
  const keepRow = owner.getByTestId("review-item").filter({ hasText: "ticket:support/*" });
  const revokeRow = owner.getByTestId("review-item").filter({ hasText: "ticket:legacy/*" });
  await keepRow.getByRole("button", { name: /Decide/ }).click();
  await owner.getByLabel("Approve (certify)").check();
  await owner.getByRole("button", { name: "Record decision" }).click();
  await expect(keepRow).toContainText("approve");

  await revokeRow.getByRole("button", { name: /Decide/ }).click();
  await owner.getByLabel("Deny (revoke)").check();
  await owner.getByRole("button", { name: "Record decision" }).click();
  await expect(owner.getByRole("alert").filter({ hasText: /justification/i }).first()).toBeVisible();
  await owner.getByLabel("Justification", { exact: true }).fill("The legacy queue was retired in June.");
  await owner.getByRole("button", { name: "Record decision" }).click();
  await expect(revokeRow).toContainText("The legacy queue was retired in June.");

  // The lead closes the campaign: decisions are applied to the grants.
  await lead.reload();
  await expect(lead.getByTestId("progress-All items")).toContainText("2 done");
  lead.once("dialog", (dialog) => void dialog.accept());
  await lead.getByRole("button", { name: "Close campaign and apply decisions" }).click();
  await expect(lead.getByRole("heading", { name: "Evidence for auditors" })).toBeVisible({ timeout: 20_000 });
  await expect(lead.getByTestId("review-item").filter({ hasText: "ticket:legacy/*" })).toContainText("Revoked.");

  // The denied grant is no longer active, and its timeline names the review.
  expect((await queryOne<{ status: string }>("SELECT status FROM grants WHERE id = $1", [grants.revoke])).status).toBe("revoked");
  expect((await queryOne<{ status: string }>("SELECT status FROM grants WHERE id = $1", [grants.keep])).status).toBe("approved");
  await owner.goto(`/grants/${grants.revoke}`);
  await expect(owner.getByTestId("timeline-revoked")).toContainText(`by access review ${CAMPAIGN}`);

  // The auditor downloads the evidence; its SHA-256 is the one shown and recorded at completion.
  const auditor = await (await browser.newContext({ storageState: storageStateFor("auditor") })).newPage();
  await auditor.goto(campaignUrl);
  const recorded = (await auditor.getByTestId("evidence-json-sha256").textContent())!.trim();
  const downloadPromise = auditor.waitForEvent("download");
  await auditor.getByRole("link", { name: "Download evidence (JSON)" }).click();
  const download = await downloadPromise;
  const body = await readFile((await download.path())!, "utf8");
  expect(createHash("sha256").update(body, "utf8").digest("hex")).toBe(recorded);
  const evidence = JSON.parse(body) as { campaign: { name: string }; items: { decision: string; justification: string | null; applyResult: string; reviewer: string }[] };
  expect(evidence.campaign.name).toBe(CAMPAIGN);
  expect(evidence.items).toHaveLength(2);
  expect(evidence.items).toContainEqual(expect.objectContaining({ decision: "deny", justification: "The legacy queue was retired in June.", applyResult: "applied", reviewer: "priya@acme.example" }));
  const audit = await queryOne<{ after: { evidenceJsonSha256: string } }>(
    "SELECT after FROM audit_events WHERE action = 'review.complete' AND target_id = $1",
    [campaignUrl.split("/").pop()],
  );
  expect(audit.after.evidenceJsonSha256).toBe(recorded);
  const csv = await auditor.request.get(`/api/reviews/${campaignUrl.split("/").pop()}/evidence?format=csv`);
  expect(csv.status()).toBe(200);
  expect(csv.headers()["x-evidence-verified"]).toBe("true");
});
