import { randomUUID } from "node:crypto";
import { expect, test, type Page } from "@playwright/test";
import { storageStateFor } from "./config";

// The product owner's whole path through the browser: register a workflow with a connector and a
// credential, request a grant, have a second person approve it with a reduced scope, and watch the
// identity path and the least-privilege findings follow.

const suffix = randomUUID().slice(0, 6);
const CONNECTOR = `E2E Code Host ${suffix}`;
const WORKFLOW = `E2E Release Notes Agent ${suffix}`;
const CREDENTIAL = `e2e-github-app-${suffix}`;

async function idFromUrl(page: Page, section: string): Promise<string> {
  await page.waitForURL(new RegExp(`/${section}/[0-9a-f-]{36}$`));
  return new URL(page.url()).pathname.split("/").pop()!;
}

test("owner registers a workflow, a reviewer approves a reduced grant, the wildcard finding resolves", async ({ browser }) => {
  const owner = await (await browser.newContext({ storageState: storageStateFor("owner") })).newPage();

  // A connector the workflow will call.
  await owner.goto("/connectors/new");
  await owner.getByLabel("Name").fill(CONNECTOR);
  await owner.getByLabel("Kind").selectOption({ label: "MCP server" });
  await owner.getByLabel("System").fill("GitHub");
  await owner.getByRole("group", { name: "Actions" }).getByRole("checkbox", { name: /^read\b/ }).check();
  await owner.getByRole("group", { name: "Actions" }).getByRole("checkbox", { name: /^write\b/ }).check();
  await owner.getByLabel("Resource pattern").fill("repo:<org>/<repo>");
  await owner.getByLabel("Sensitivity").selectOption("high");
  await owner.getByRole("button", { name: "Add connector" }).click();
  await idFromUrl(owner, "connectors");

  // The workflow, owned by the person registering it.
  await owner.goto("/workflows/new");
  await owner.getByLabel("Name").fill(WORKFLOW);
  await owner.getByLabel("Purpose").fill("Drafts release notes from merged pull requests.");
  await owner.getByLabel("Environment").selectOption("production");
  await owner.getByLabel("Data classification").selectOption("internal");
  await owner.getByLabel("Models").fill("gpt-4o");
  await owner.getByLabel("Providers").fill("OpenAI");
  await owner.getByRole("button", { name: "Register workflow" }).click();
  const workflowId = await idFromUrl(owner, "workflows");
  await expect(owner.getByRole("heading", { name: WORKFLOW })).toBeVisible();

  // Rosa (identity governance) becomes a designated approver: the owner will be the requester,
  // and a requester may never approve their own request.
  await owner.goto(`/workflows/${workflowId}/edit`);
  await owner.getByRole("group", { name: "Approvers" }).getByLabel(/Rosa Alvarez/).check();
  await owner.getByRole("button", { name: "Save approvers" }).click();
  await expect(owner.getByRole("status")).toHaveText("Approvers saved.");

  // The credential it uses: metadata and last four only.
  await owner.goto("/credentials/new");
  await owner.getByLabel("Name").fill(CREDENTIAL);
  await owner.getByLabel("Kind").selectOption({ index: 2 });
  await owner.getByLabel("Connector").selectOption({ label: `${CONNECTOR} (GitHub)` });
  await owner.getByLabel("Environment").selectOption("production");
  await owner.getByLabel("Last four").fill("R7xQ");
  await owner.getByRole("button", { name: "Add credential" }).click();
  await idFromUrl(owner, "credentials");
  await owner.getByLabel("Workflow").selectOption({ label: `${WORKFLOW} (production)` });
  await owner.getByRole("button", { name: "Attach workflow" }).click();
  await expect(owner.getByRole("link", { name: WORKFLOW })).toBeVisible();

  // The owner asks for more than needed: every repository in the organisation.
  await owner.goto(`/grants/new?workflowId=${workflowId}`);
  await expect(owner.getByLabel("Workflow")).toHaveValue(workflowId);
  await owner.getByLabel("Connector").selectOption({ label: CONNECTOR });
  await owner.getByRole("group", { name: "Actions" }).getByRole("checkbox", { name: /^read\b/ }).check();
  await owner.getByRole("group", { name: "Actions" }).getByRole("checkbox", { name: /^write\b/ }).check();
  await owner.getByLabel("Resources (one per line)").fill("repo:acme/*");
  await owner.getByLabel(/^Approve — /).check();
  await owner.getByLabel("Credential (optional)").selectOption({ label: `${CREDENTIAL} (production)` });
  await owner.getByLabel("Justification").fill("Read merged pull requests and open a release-notes PR.");
  // Bad input first: an expiry in the past is refused next to its field, and nothing is saved.
  const expiry = owner.getByLabel("Expires on (00:00 UTC)");
  const validExpiry = await expiry.inputValue();
  await expiry.fill(new Date(Date.now() - 86_400_000).toISOString().slice(0, 10));
  await owner.getByRole("button", { name: "Request grant" }).click();
  await expect(owner.locator("#field-expiresAt-error")).toContainText(/future/i);
  await expect(owner).toHaveURL(/\/grants\/new/);
  await expiry.fill(validExpiry);
  await owner.getByRole("button", { name: "Request grant" }).click();
  const grantId = await idFromUrl(owner, "grants");

  // The request is on the identity path (awaiting decision) and the wildcard is already a finding.
  await owner.goto(`/workflows/${workflowId}`);
  const pathRow = owner.getByTestId("path-grant");
  await expect(pathRow).toHaveCount(1);
  await expect(pathRow).toContainText("repo:acme/*");
  await expect(pathRow).toContainText("awaiting decision");
  const wildcard = owner.locator('[data-testid="finding"][data-rule="wildcard-resource"]');
  await expect(wildcard).toHaveCount(1);

  // The requester cannot decide their own request: the page offers no decision form.
  await owner.goto(`/grants/${grantId}`);
  await expect(owner.getByRole("form", { name: "Decide this request" })).toHaveCount(0);

  // Rosa approves with a reduced scope: one repository, read only.
  const reviewer = await (await browser.newContext({ storageState: storageStateFor("reviewer") })).newPage();
  await reviewer.goto("/approvals");
  await reviewer.getByRole("row", { name: new RegExp(WORKFLOW) }).getByRole("link", { name: "Review" }).click();
  await reviewer.waitForURL(`**/grants/${grantId}`);
  await reviewer.getByLabel("Approve with a reduced scope").check();
  await reviewer.getByLabel("Resources to approve (one per line)").fill("repo:acme/release-notes");
  await reviewer.getByRole("group", { name: "Actions to approve" }).getByRole("checkbox", { name: /^write\b/ }).uncheck();
  await reviewer.getByLabel("Reason", { exact: true }).fill("Only the release-notes repository, and read is enough to draft.");
  await reviewer.getByRole("button", { name: "Approve reduced scope" }).click();
  await expect(reviewer.getByText("Approved with reduced scope").first()).toBeVisible();

  // The identity path shows the narrowed grant with who approved it; the wildcard finding is gone.
  await owner.goto(`/workflows/${workflowId}`);
  await expect(pathRow).toHaveCount(1);
  await expect(pathRow).toContainText("repo:acme/release-notes");
  await expect(pathRow).not.toContainText("repo:acme/*");
  await expect(pathRow).toContainText("Rosa Alvarez");
  await expect(pathRow).toContainText("approve");
  await expect(wildcard).toHaveCount(0);
  const graph = owner.getByRole("figure", { name: new RegExp(`Identity path of ${WORKFLOW}`) });
  await expect(graph).toBeVisible();
  await expect(graph).toContainText(CREDENTIAL);
  await expect(graph).toContainText(CONNECTOR);

  // The grant's timeline tells the story, with the reason.
  await owner.goto(`/grants/${grantId}`);
  await expect(owner.getByText("Only the release-notes repository, and read is enough to draft.")).toBeVisible();
});
