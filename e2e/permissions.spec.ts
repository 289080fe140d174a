import { expect, test, type APIRequestContext, type APIResponse } from "@playwright/test";
import { ROLES, roleCan } from "../lib/auth/permissions";
import { ROUTES } from "../lib/auth/routes";
import { NAV_ITEMS } from "../lib/nav";
import { APP_URL, ROLE_ACCOUNTS, storageStateFor } from "./config";
import { closeE2eDb, sampleIdFor, userIdByEmail } from "./support/db";

// The permission walk over HTTP: every route in the route table, requested as every role, answers
// exactly as lib/auth/permissions.ts says — 200 or 403 for pages, 401/403 for API routes — and the
// navigation offers exactly the pages the role may open. Routes are read from ROUTES, so a new page
// is walked without touching this file (and lib/auth/routes.test.ts makes sure it is in ROUTES).

const routes = Object.entries(ROUTES) as [string, { permission: string; kind: "page" | "api" }][];
const guardedPages = routes.filter(([, r]) => r.kind === "page" && r.permission !== "public");
const guardedApis = routes.filter(([, r]) => r.kind === "api" && r.permission !== "public");

async function concretePath(pattern: string, userId: string): Promise<string> {
  return pattern.includes("[id]") ? pattern.replace("[id]", await sampleIdFor(pattern, userId)) : pattern;
}

/** GET, or POST with an empty body for handlers that only accept POST; authorisation comes first either way. */
async function callApi(request: APIRequestContext, path: string): Promise<APIResponse> {
  const response = await request.get(path, { maxRedirects: 0 });
  return response.status() === 405 ? request.post(path, { data: {}, maxRedirects: 0 }) : response;
}

test.afterAll(closeE2eDb);

for (const role of ROLES) {
  test.describe(`as ${role} (${ROLE_ACCOUNTS[role]})`, () => {
    test.use({ storageState: storageStateFor(role) });

    test("every page answers 200 when the role allows it and 403 when it does not", async ({ page }) => {
      const userId = await userIdByEmail(ROLE_ACCOUNTS[role]);
      for (const [pattern, route] of guardedPages) {
        const path = await concretePath(pattern, userId);
        const response = await page.request.get(path, { maxRedirects: 0 });
        const expected = roleCan(role, route.permission) ? 200 : 403;
        expect.soft(response.status(), `${role} GET ${path} (${route.permission})`).toBe(expected);
      }
    });

    test("the navigation shows exactly the pages the role may open", async ({ page }) => {
      await page.goto("/");
      const nav = page.getByRole("navigation", { name: "Main" });
      await expect(nav).toBeVisible();
      const hrefs = await nav.getByRole("link").evaluateAll((links) => links.map((a) => a.getAttribute("href")));
      const expected = NAV_ITEMS.filter((item) => roleCan(role, ROUTES[item.href].permission)).map((item) => item.href);
      // The brand link also points at "/", which every role may open.
      expect(new Set(hrefs)).toEqual(new Set(["/", ...expected]));
      for (const item of NAV_ITEMS) {
        const link = nav.getByRole("link", { name: item.label, exact: true });
        await expect(link, `${item.label} in ${role}'s navigation`).toHaveCount(roleCan(role, ROUTES[item.href].permission) ? 1 : 0);
      }
    });

    test("API routes refuse the role with 403 unless it has the permission", async ({ page }) => {
      for (const [pattern, route] of guardedApis) {
        const path = await concretePath(pattern, await userIdByEmail(ROLE_ACCOUNTS[role]));
        const status = (await callApi(page.request, path)).status();
        if (roleCan(role, route.permission)) {
          // Allowed: past authentication and authorisation (an empty POST body may still be 422).
          expect.soft([401, 403, 404, 405], `${role} ${path} (${route.permission}) is allowed`).not.toContain(status);
          expect.soft(status, `${role} ${path} does not fail`).toBeLessThan(500);
        } else {
          expect.soft(status, `${role} ${path} (${route.permission}) is refused`).toBe(403);
        }
      }
    });
  });
}

test.describe("signed out", () => {
  test("every page redirects to /signin, keeping where the person was going", async ({ request }) => {
    for (const [pattern] of guardedPages) {
      const path = await concretePath(pattern, await userIdByEmail(ROLE_ACCOUNTS.admin));
      const response = await request.get(path, { maxRedirects: 0 });
      expect.soft([302, 303, 307, 308], `GET ${path} redirects`).toContain(response.status());
      const location = new URL(response.headers()["location"] ?? "", APP_URL);
      expect.soft(location.pathname, `GET ${path} goes to the sign-in page`).toBe("/signin");
      expect.soft(location.searchParams.get("callbackUrl"), `GET ${path} comes back after sign-in`).toBe(path);
    }
  });

  test("every API route answers 401", async ({ request }) => {
    for (const [pattern] of guardedApis) {
      const path = await concretePath(pattern, await userIdByEmail(ROLE_ACCOUNTS.admin));
      const response = await callApi(request, path);
      expect.soft(response.status(), `${path} without credentials`).toBe(401);
      expect.soft(response.headers()["content-type"], `${path} answers problem+json`).toContain("application/problem+json");
    }
  });

  test("the public routes answer without a session", async ({ request }) => {
    expect((await request.get("/signin")).status()).toBe(200);
    const health = await request.get("/api/health");
    expect(health.status()).toBe(200);
    expect(await health.json()).toEqual({ status: "ok" });
  });
});
