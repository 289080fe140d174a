import { existsSync } from "node:fs";
import { defineConfig, devices } from "@playwright/test";
import { APP_PORT, APP_URL, LOGIN_MAX_FAILURES, OIDC } from "./e2e/config";

// End-to-end tests against a production build of Warden on a fresh embedded database, with a real
// OpenID Connect provider beside it for single sign-on. Nothing is downloaded: the browser is the
// system's Chromium (Debian: `apt-get install chromium`) or the one PLAYWRIGHT_CHROMIUM_PATH names.

function chromiumPath(): string | undefined {
  if (process.env.PLAYWRIGHT_CHROMIUM_PATH) return process.env.PLAYWRIGHT_CHROMIUM_PATH;
  if (existsSync("/usr/bin/chromium")) return "/usr/bin/chromium";
  return undefined; // Playwright's own browser, if one was installed
}

const AUTH_SECRET = "warden-e2e-auth-secret-not-for-production";

export default defineConfig({
  testDir: "e2e",
  // The app and its database are shared: tests run one at a time (and the machine has two cores).
  workers: 1,
  fullyParallel: false,
  forbidOnly: Boolean(process.env.CI),
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? [["list"], ["html", { open: "never" }]] : [["list"]],
  use: {
    baseURL: APP_URL,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: chromiumPath(),
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    },
  },
  projects: [
    { name: "setup", testMatch: /auth\.setup\.ts/ },
    { name: "chromium", use: { ...devices["Desktop Chrome"] }, dependencies: ["setup"], testIgnore: /auth\.setup\.ts/ },
  ],
  webServer: [
    {
      command: "node_modules/.bin/tsx e2e/oidc-server.ts",
      url: `${OIDC.issuer}/.well-known/openid-configuration`,
      reuseExistingServer: false,
      timeout: 30_000,
      stdout: "pipe",
    },
    {
      // Builds (into .next-e2e) and starts the app on a data folder it deletes first: e2e/serve.ts.
      command: "node_modules/.bin/tsx e2e/serve.ts",
      url: `${APP_URL}/api/health`,
      reuseExistingServer: false,
      timeout: 15 * 60_000,
      stdout: "pipe",
      gracefulShutdown: { signal: "SIGTERM", timeout: 10_000 },
      env: {
        PORT: String(APP_PORT),
        NEXTAUTH_URL: APP_URL,
        AUTH_SECRET,
        NEXTAUTH_SECRET: AUTH_SECRET,
        OIDC_ISSUER: OIDC.issuer,
        OIDC_CLIENT_ID: OIDC.clientId,
        OIDC_CLIENT_SECRET: OIDC.clientSecret,
        OIDC_NAME: "Acme SSO",
        OIDC_DEFAULT_ROLE: OIDC.defaultRole,
        LOGIN_MAX_FAILURES: String(LOGIN_MAX_FAILURES),
        NEXT_TELEMETRY_DISABLED: "1",
      },
    },
  ],
});
