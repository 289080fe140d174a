import { randomUUID } from "node:crypto";
import { expect, test, type Page } from "@playwright/test";
import { ROLES } from "../lib/auth/permissions";
import { DEMO_PASSWORD, LOGIN_MAX_FAILURES, OIDC, ROLE_ACCOUNTS } from "./config";
import { closeE2eDb, e2eDb, npmScript, queryOne } from "./support/db";
import { signInOverHttp } from "./support/session";

// Signing in and out as a person does: the form, wrong passwords and lockout, signing out, and
// single sign-on through a real OpenID Connect provider (e2e/oidc-server.ts).

test.afterAll(closeE2eDb);

async function submitSignIn(page: Page, email: string, password: string) {
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
}

// The form's own message (Next.js adds an empty route announcer with role="alert" to every page).
const formAlert = (page: Page) => page.locator("form").getByRole("alert");

/** A local account made for one test with `npm run user:create`, so no demo account is harmed. */
function createLocalUser(label: string, password: string): string {
  const email = `${label}-${randomUUID().slice(0, 8)}@e2e.example`;
  npmScript("user:create", ["--email", email, "--role", "analyst", "--name", `E2E ${label}`], { WARDEN_PASSWORD: password });
  return email;
}

async function count(table: string): Promise<number> {
  return Number((await queryOne<{ n: string }>(`SELECT count(*) AS n FROM ${table}`)).n);
}

test.describe("the sign-in form", () => {
  for (const role of ROLES) {
    test(`signs in the ${role} and shows the overview with the database's counts`, async ({ page }) => {
      await page.goto("/");
      await expect(page).toHaveURL(/\/signin\?callbackUrl=%2F$/);
      await submitSignIn(page, ROLE_ACCOUNTS[role], DEMO_PASSWORD);
      await expect(page.getByRole("heading", { name: "Overview", level: 1 })).toBeVisible();
      expect(new URL(page.url()).pathname).toBe("/");
      await expect(page.getByTestId("current-user")).toContainText(role);
      await expect(page.getByTestId("stat-Workflows")).toHaveText(String(await count("workflows")));
      await expect(page.getByTestId("stat-Connectors")).toHaveText(String(await count("connectors")));
      await expect(page.getByTestId("stat-Credentials")).toHaveText(String(await count("credentials")));
    });
  }

  test("says so when the password is wrong", async ({ page }) => {
    const email = createLocalUser("wrong-password", "the-right-password-1");
    await page.goto("/signin");
    await submitSignIn(page, email, "not-the-password");
    await expect(formAlert(page)).toHaveText("Email or password is not right.");
    await expect(page).toHaveURL(/\/signin/);
    // The same message for an unknown email, so the form does not reveal who has an account.
    await submitSignIn(page, `nobody-${randomUUID().slice(0, 8)}@e2e.example`, "whatever-password");
    await expect(formAlert(page)).toHaveText("Email or password is not right.");
  });

  test("locks the account after repeated failures, even for the right password", async ({ page }) => {
    const password = "the-right-password-2";
    const email = createLocalUser("lockout", password);
    await page.goto("/signin");
    for (let attempt = 1; attempt < LOGIN_MAX_FAILURES; attempt++) {
      await submitSignIn(page, email, `wrong-${attempt}-password`);
      await expect(formAlert(page)).toHaveText("Email or password is not right.");
    }
    await submitSignIn(page, email, "wrong-last-password");
    await expect(formAlert(page)).toContainText("Too many failed attempts");
    await submitSignIn(page, email, password);
    await expect(formAlert(page)).toContainText("Too many failed attempts");
    await expect(page).toHaveURL(/\/signin/);
    const row = await queryOne<{ locked_until: Date | null }>("SELECT locked_until FROM users WHERE email = $1", [email]);
    expect(row.locked_until!.getTime()).toBeGreaterThan(Date.now());
  });

  test("refuses a deactivated account", async ({ page }) => {
    await page.goto("/signin");
    await submitSignIn(page, "dana@acme.example", DEMO_PASSWORD);
    await expect(formAlert(page)).toHaveText("This account is deactivated.");
  });
});

test("signing out returns to /signin and the pages send you back there", async ({ browser }) => {
  // A session of its own: signing out must not end the sessions other tests share.
  const http = await signInOverHttp(ROLE_ACCOUNTS.auditor, DEMO_PASSWORD);
  const context = await browser.newContext({ storageState: await http.storageState() });
  await http.dispose();
  const page = await context.newPage();
  await page.goto("/");
  await expect(page.getByTestId("current-user")).toContainText("auditor");
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/signin$/);
  expect((await context.cookies()).map((c) => c.name)).not.toContain("next-auth.session-token");
  await page.goto("/");
  await expect(page).toHaveURL(/\/signin\?callbackUrl=%2F$/);
  await expect(page.getByRole("heading", { name: "Sign in to Warden" })).toBeVisible();
  await context.close();
});

test.describe("single sign-on (OpenID Connect)", () => {
  async function signInAtProvider(page: Page, login: string) {
    await page.goto("/signin");
    await page.getByRole("button", { name: "Sign in with Acme SSO" }).click();
    // The provider's own login form (oidc-provider's development interactions).
    await expect(page).toHaveURL(new RegExp(`^${OIDC.issuer}/interaction/`));
    await page.locator("input[name=login]").fill(login);
    await page.locator("input[name=password]").fill("any password works here");
    await page.getByRole("button", { name: "Sign-in" }).click();
    await expect(page.getByRole("heading", { name: "Overview", level: 1 })).toBeVisible();
    expect(page.url()).toMatch(/^http:\/\/localhost:3200\/$/);
  }

  test("signs in an existing Warden user, matched by email and linked to the provider's subject", async ({ page }) => {
    const email = ROLE_ACCOUNTS.analyst;
    await signInAtProvider(page, email);
    await expect(page.getByTestId("current-user")).toContainText("Sam Okafor");
    await expect(page.getByTestId("current-user")).toContainText("analyst");
    const user = await queryOne<{ oidc_subject: string | null; role: string }>("SELECT oidc_subject, role FROM users WHERE email = $1", [email]);
    // The provider's subject (its development login form makes the typed login the subject).
    expect(user.oidc_subject).toBe(email);
    expect(user.role).toBe("analyst");
    const linked = await queryOne<{ n: string }>(
      "SELECT count(*) AS n FROM audit_events WHERE action = 'auth.sso_linked' AND target_id = (SELECT id::text FROM users WHERE email = $1)",
      [email],
    );
    expect(Number(linked.n)).toBe(1);
  });

  test("creates a person Warden does not know yet with OIDC_DEFAULT_ROLE", async ({ page }) => {
    const email = `new.person-${randomUUID().slice(0, 8)}@elsewhere.example`;
    await signInAtProvider(page, email);
    await expect(page.getByTestId("current-user")).toContainText(OIDC.defaultRole);
    const { rows } = await (await e2eDb()).query<{ role: string; password_hash: string | null }>("SELECT role, password_hash FROM users WHERE email = $1", [email]);
    expect(rows).toEqual([{ role: OIDC.defaultRole, password_hash: null }]);
  });
});
