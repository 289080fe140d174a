import { beforeAll, describe, expect, it, vi } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import { PERMISSIONS, ROLES, type Role } from "@/lib/auth/permissions";
import { actionRegistry } from "@/lib/http/action";
import { createTestUser } from "@/lib/testing/factories";

// The permission walk for server actions: every action in app/**/actions.ts, called as every role,
// is allowed or refused exactly as PERMISSIONS says. Actions register themselves with defineAction,
// so a new actions.ts is walked without touching this file.

// An action whose input accepts {} runs its handler here; outside a Next.js request there is no
// cache to revalidate, so those calls become no-ops instead of errors.
vi.mock("next/cache", async (importOriginal) => ({
  ...(await importOriginal<typeof import("next/cache")>()),
  revalidatePath: vi.fn(),
  revalidateTag: vi.fn(),
  updateTag: vi.fn(),
  refresh: vi.fn(),
}));

// Importing the files is what registers the actions.
const actionModules = import.meta.glob("/app/**/actions.ts", { eager: true });
const actions = [...actionRegistry.entries()].map(([name, action]) => ({ name, ...action }));

describe("server actions × roles", () => {
  const actors = new Map<Role, Actor>();

  beforeAll(async () => {
    for (const role of ROLES) actors.set(role, await createTestUser(role));
  });

  it("finds the actions (app/**/actions.ts registers them through defineAction)", () => {
    expect(Object.keys(actionModules).length).toBeGreaterThan(0);
    expect(actions.length).toBeGreaterThan(0);
    // Every module's exports are actions in the registry, so none escaped the wrapper.
    const registered = new Set(actions.map((a) => a.runAs));
    for (const [file, exports] of Object.entries(actionModules)) {
      for (const [exportName, value] of Object.entries(exports as Record<string, unknown>)) {
        const runAs = (value as { runAs?: unknown }).runAs;
        expect(registered.has(runAs as never), `${file} exports ${exportName}, which is not a defineAction action`).toBe(true);
      }
    }
  });

  describe.each(actions)("$name ($permission)", (action) => {
    const allowed: readonly string[] = PERMISSIONS[action.permission];

    it.each(ROLES)("as %s", async (role) => {
      const result = await action.runAs(actors.get(role)!, {});
      expect(result.ok === false ? result.code : "ok").not.toBe("unauthenticated");
      if (allowed.includes(role)) {
        // Past the permission check: {} then fails validation (or an action that needs no input runs).
        expect(result.ok === false ? result.code : "ok", `${role} may ${action.permission}`).not.toBe("forbidden");
      } else {
        expect(result, `${role} may not ${action.permission}`).toMatchObject({ ok: false, code: "forbidden" });
      }
    });

    it("refuses a caller who is not signed in", async () => {
      expect(await action.runAs(null, {})).toMatchObject({ ok: false, code: "unauthenticated" });
    });

    it("refuses an API token without the scope", async () => {
      const token: Actor = { type: "token", id: "00000000-0000-4000-8000-000000000000", name: "no-scopes", scopes: [] };
      expect(await action.runAs(token, {})).toMatchObject({ ok: false, code: "forbidden" });
    });
  });
});
