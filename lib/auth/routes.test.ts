import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ROUTES } from "./routes";

// The chokepoint, checked from the files themselves: every page and route handler in app/ is in the
// route table and guards itself with its own entry, every entry has a file, and server actions only
// exist as defineAction exports in actions.ts files. A new page that forgets its guard, or a guard
// copied from another page, fails here before it can ship.

const root = path.resolve(import.meta.dirname, "../..");
const appDir = path.join(root, "app");

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? walk(full) : [full];
  });
}

/** app/(console)/workflows/[id]/page.tsx → /workflows/[id]; null for files Next does not route. */
function routePatternOf(file: string): string | null {
  const segments = path.relative(appDir, path.dirname(file)).split(path.sep).filter(Boolean);
  // Private folders (_components) are never routed.
  if (segments.some((s) => s.startsWith("_"))) return null;
  // Route groups "(console)" and parallel-route slots "@modal" do not appear in the URL.
  const visible = segments.filter((s) => !(s.startsWith("(") && s.endsWith(")")) && !s.startsWith("@"));
  return `/${visible.join("/")}`;
}

const files = walk(appDir).map((file) => ({ file, relative: path.relative(root, file), source: readFileSync(file, "utf8") }));
const pages = files.filter((f) => /^page\.(tsx|ts|jsx|js)$/.test(path.basename(f.file)));
const handlers = files.filter((f) => /^route\.(ts|js)$/.test(path.basename(f.file)));
const routeTable = ROUTES as Record<string, { permission: string; kind: "page" | "api" }>;

const stringLiteral = (value: string) => `["'\`]${value.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}["'\`]`;

describe("route table ↔ app/", () => {
  it("finds the app's pages and handlers", () => {
    expect(pages.length).toBeGreaterThan(0);
    expect(handlers.length).toBeGreaterThan(0);
  });

  it.each(pages.map((p) => [p.relative, p] as const))("page %s is in ROUTES and guards itself with its own pattern", (_name, page) => {
    const pattern = routePatternOf(page.file);
    expect(pattern, "pages in private folders are not routed; move it").not.toBeNull();
    const entry = routeTable[pattern!];
    expect(entry, `${pattern} is not in ROUTES (lib/auth/routes.ts)`).toBeDefined();
    expect(entry!.kind).toBe("page");
    const guards = [...page.source.matchAll(/guardPage\(\s*["'`]([^"'`]+)["'`]\s*\)/g)].map((m) => m[1]);
    if (entry!.permission === "public") {
      expect(guards, "a public page must not call guardPage").toEqual([]);
      return;
    }
    expect(guards, `${page.relative} must call guardPage("${pattern}")`).toContain(pattern);
    expect(new Set(guards), "a page guards itself only with its own pattern").toEqual(new Set([pattern]));
    // The guard is the first thing the page does: `const actor = await guardPage("…")`.
    expect(page.source).toMatch(new RegExp(`await guardPage\\(\\s*${stringLiteral(pattern!)}\\s*\\)`));
  });

  it.each(handlers.map((h) => [h.relative, h] as const))("route handler %s is in ROUTES and built with defineRoute for its pattern", (_name, handler) => {
    const pattern = routePatternOf(handler.file)!;
    const entry = routeTable[pattern];
    expect(entry, `${pattern} is not in ROUTES (lib/auth/routes.ts)`).toBeDefined();
    expect(entry!.kind).toBe("api");
    if (entry!.permission === "public") return;
    const routes = [...handler.source.matchAll(/defineRoute\(\s*\{\s*route:\s*["'`]([^"'`]+)["'`]/g)].map((m) => m[1]);
    expect(routes, `${handler.relative} must use defineRoute({ route: "${pattern}", … })`).toContain(pattern);
    expect(new Set(routes)).toEqual(new Set([pattern]));
    // Every exported HTTP method goes through the wrapper; a bare `export async function GET` would
    // skip authentication and the permission check.
    const methods = [...handler.source.matchAll(/export\s+(?:async\s+)?(?:function|const|let|var)\s+(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS)\b[^\n]*/g)];
    expect(methods.length, `${handler.relative} exports no HTTP method`).toBeGreaterThan(0);
    for (const [line] of methods) expect(line, `${handler.relative}: every handler is defineRoute(…)`).toMatch(/=\s*defineRoute\(/);
    expect(handler.source, "re-exported handlers escape this check").not.toMatch(/export\s*\{[^}]*\b(GET|POST|PUT|PATCH|DELETE)\b/);
  });

  it("has a file for every ROUTES entry (stale entries fail too)", () => {
    const pagePatterns = new Set(pages.map((p) => routePatternOf(p.file)));
    const handlerPatterns = new Set(handlers.map((h) => routePatternOf(h.file)));
    const missing = Object.entries(routeTable)
      .filter(([pattern, entry]) => !(entry.kind === "page" ? pagePatterns : handlerPatterns).has(pattern))
      .map(([pattern, entry]) => `${pattern} (${entry.kind})`);
    expect(missing, "ROUTES entries without a page.tsx / route.ts").toEqual([]);
  });
});

describe("server actions", () => {
  const sourceFiles = ["app", "lib", "components"].flatMap((dir) =>
    walk(path.join(root, dir))
      .filter((file) => /\.(ts|tsx)$/.test(file) && !/\.test\.tsx?$/.test(file) && !file.includes(`${path.sep}generated${path.sep}`))
      .map((file) => ({ file, relative: path.relative(root, file), source: readFileSync(file, "utf8") })),
  );
  // A directive is a statement of its own: the string alone on its line (inline ones included).
  const usesServer = sourceFiles.filter((f) => /^\s*["']use server["'];?\s*$/m.test(f.source));
  const actionFiles = sourceFiles.filter((f) => path.basename(f.file) === "actions.ts");

  it('only app/**/actions.ts files say "use server"', () => {
    const elsewhere = usesServer.filter((f) => path.basename(f.file) !== "actions.ts" || !f.file.startsWith(appDir + path.sep)).map((f) => f.relative);
    expect(elsewhere, "server actions live in actions.ts files next to their page, built with defineAction").toEqual([]);
  });

  it('every actions.ts starts with "use server" and exports only defineAction actions', () => {
    for (const file of actionFiles) {
      // "use server" is the first statement, so every export is a server action (not just some).
      const firstStatement = file.source.replace(/^(\s*(\/\/[^\n]*|\/\*[\s\S]*?\*\/))*\s*/, "");
      expect(firstStatement, `${file.relative} must start with "use server"`).toMatch(/^["']use server["']/);
      // Types are erased at build time, so they may sit beside the actions.
      const exports = [...file.source.matchAll(/^export\b(?!\s+(type|interface)\b)[^\n]*/gm)].map((m) => m[0]);
      expect(exports.length, `${file.relative} exports no action`).toBeGreaterThan(0);
      for (const line of exports) {
        expect(line, `${file.relative}: only \`export const name = defineAction({…})\``).toMatch(/^export const \w+ = defineAction\(/);
      }
    }
  });
});
