import { expect, test, type Page, type Request } from "@playwright/test";
import { APP_URL, storageStateFor } from "./config";
import { closeE2eDb, queryOne } from "./support/db";

// The analyst's path through the queue, on the demo traffic the seed sent through the real ingest
// path: filter to prompt injection on the Support Copilot, open one, see the highlighted span and
// the checks, follow the link to its accountable owner, mark it a false positive with a reason, and
// the dashboard's open count drops. Then the auditor: reads the queue and exports it, but every
// change is refused by the server, even when the request is made by hand.

test.afterAll(closeE2eDb);

async function openFindings(page: Page): Promise<number> {
  await page.goto("/risk");
  return Number((await page.getByTestId("open-findings").innerText()).replace(/[^0-9]/g, ""));
}

test("an analyst triages a prompt injection; an auditor looks and exports but cannot change anything", async ({ browser }) => {
  const copilot = await queryOne<{ id: string }>("SELECT id FROM workflows WHERE name = 'Support Copilot'");
  const analyst = await (await browser.newContext({ storageState: storageStateFor("analyst") })).newPage();
  const openBefore = await openFindings(analyst);
  expect(openBefore).toBeGreaterThan(0);

  // Filter the queue: the filters land in the URL, so the view can be shared.
  await analyst.goto("/interactions");
  await analyst.getByLabel("Category").selectOption("prompt_injection");
  await analyst.getByLabel("Workflow").selectOption(copilot.id);
  await analyst.getByRole("button", { name: "Apply filters" }).click();
  await analyst.waitForURL((url) => url.searchParams.get("category") === "prompt_injection" && url.searchParams.get("workflow") === copilot.id);
  const rows = analyst.getByTestId("queue-row");
  await expect(rows.first()).toBeVisible();
  await expect(rows.first()).toContainText("Support Copilot");
  await expect(rows.first()).toContainText("Prompt injection");

  // Open it from the keyboard: the row's summary is a link.
  const link = rows.first().getByRole("link").first();
  await link.focus();
  await analyst.keyboard.press("Enter");
  // The link carries the queue's view, for the way back.
  await analyst.waitForURL(/\/interactions\/[0-9a-f-]{36}\?from=/);
  const interactionId = new URL(analyst.url()).pathname.split("/").pop()!;

  // The matched span is marked, with its explanation beside it; every check that ran is listed.
  const mark = analyst.locator("mark").first();
  await expect(mark).toBeVisible();
  // The demo's two injections (one conversation, one group): either may head the group.
  await expect(mark).toContainText(/ignore all previous instructions|you are now|disregard your rules|reveal your hidden instructions|print the system prompt/i);
  const describedBy = (await mark.getAttribute("aria-describedby"))!.split(" ")[0]!;
  await expect(analyst.locator(`[id="${describedBy}"]`)).toContainText(/instruction|prompt/i);
  const checks = analyst.getByRole("table", { name: "Checks that ran on this interaction" });
  await expect(checks.getByRole("row").filter({ hasText: "injection" })).toHaveCount(1);
  await expect(checks).toContainText(/flagged|failed/);

  // Who is accountable is one click away.
  await analyst.getByTestId("owner-link").click();
  await analyst.waitForURL(/\/inventory\?owner=/);
  await expect(analyst.getByRole("link", { name: "Support Copilot" })).toBeVisible();
  await analyst.goBack();
  await analyst.waitForURL(new RegExp(`/interactions/${interactionId}\\?from=`));

  // Mark it a false positive: a reason is required, then it is recorded.
  const actionRequests: Request[] = [];
  analyst.on("request", (request) => {
    if (request.method() === "POST" && request.headers()["next-action"]) actionRequests.push(request);
  });
  await analyst.getByLabel("New status").selectOption("false_positive");
  await analyst.getByRole("button", { name: "Change status" }).click();
  await expect(analyst.getByRole("alert").filter({ hasText: /Say why/ })).toBeVisible();
  await analyst.getByLabel("Reason").fill("Red-team exercise announced in #security on Monday.");
  await analyst.getByRole("button", { name: "Change status" }).click();
  await expect(analyst.getByRole("list", { name: "Triage history" })).toContainText("Red-team exercise announced in #security on Monday.");
  await expect(analyst.getByRole("list", { name: "Triage history" })).toContainText("New → False positive");
  expect((await queryOne<{ status: string }>("SELECT status::text FROM triage_items WHERE interaction_id = $1", [interactionId])).status).toBe("false_positive");

  // Back to the queue: the same filters as before, not the default view.
  await analyst.getByRole("link", { name: "Back to the queue" }).click();
  await analyst.waitForURL((url) => url.pathname === "/interactions" && url.searchParams.get("category") === "prompt_injection" && url.searchParams.get("workflow") === copilot.id);

  // The dashboard's open count drops by exactly this one.
  expect(await openFindings(analyst)).toBe(openBefore - 1);

  // The auditor: the queue, an interaction and the export, but no way to change anything.
  const auditorContext = await browser.newContext({ storageState: storageStateFor("auditor") });
  const auditor = await auditorContext.newPage();
  await auditor.goto("/interactions?status=all");
  await expect(auditor.getByTestId("queue-row").first()).toBeVisible();
  await expect(auditor.getByRole("checkbox")).toHaveCount(0);
  await expect(auditor.getByRole("form", { name: "Save this view" })).toHaveCount(0);
  const exportHref = await auditor.getByRole("link", { name: "Export CSV" }).getAttribute("href");
  const exported = await auditor.request.get(exportHref!);
  expect(exported.status()).toBe(200);
  expect(exported.headers()["content-type"]).toBe("text/csv; charset=utf-8");
  const csv = await exported.text();
  expect(csv.split("\r\n")[0]).toContain("interaction_id");
  expect(csv).toContain(interactionId);

  const target = await queryOne<{ id: string; status: string }>(
    "SELECT interaction_id AS id, status::text FROM triage_items WHERE status IN ('new', 'in_review', 'escalated') ORDER BY occurred_at DESC LIMIT 1",
  );
  await auditor.goto(`/interactions/${target.id}`);
  await expect(auditor.getByText("Your role can read the queue but not change it.")).toBeVisible();
  await expect(auditor.getByRole("button", { name: "Change status" })).toHaveCount(0);
  await expect(auditor.getByRole("form", { name: "Add a comment" })).toHaveCount(0);

  // The server refuses even a hand-made request: the analyst's own server-action call, replayed
  // with the auditor's session on another open item.
  const statusCall = actionRequests.find((request) => request.postData()?.includes("false_positive"));
  expect(statusCall, "the status change went through a server action").toBeDefined();
  const replay = await auditor.request.post(statusCall!.url(), {
    headers: {
      "next-action": statusCall!.headers()["next-action"]!,
      "content-type": statusCall!.headers()["content-type"] ?? "text/plain;charset=UTF-8",
      accept: "text/x-component",
      origin: APP_URL,
    },
    data: statusCall!.postData()!.replaceAll(interactionId, target.id),
  });
  expect(replay.status()).toBe(200);
  const answer = await replay.text();
  expect(answer).toContain('"code":"forbidden"');
  expect((await queryOne<{ status: string }>("SELECT status::text FROM triage_items WHERE interaction_id = $1", [target.id])).status).toBe(target.status);
  // And the same hand-made request from the analyst would have worked: it is the role that is refused.
  expect(answer).not.toContain('"ok":true');
  await auditorContext.close();
});
