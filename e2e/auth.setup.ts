import { mkdirSync } from "node:fs";
import { test as setup } from "@playwright/test";
import { ROLES } from "../lib/auth/permissions";
import { AUTH_DIR, DEMO_PASSWORD, ROLE_ACCOUNTS, storageStateFor } from "./config";
import { signInOverHttp } from "./support/session";

// One signed-in session per role, over HTTP (not the form: only e2e/auth.spec.ts tests the form),
// saved for the other tests to start from.
mkdirSync(AUTH_DIR, { recursive: true });

for (const role of ROLES) {
  setup(`sign in as ${role}`, async () => {
    const context = await signInOverHttp(ROLE_ACCOUNTS[role], DEMO_PASSWORD);
    await context.storageState({ path: storageStateFor(role) });
    await context.dispose();
  });
}
