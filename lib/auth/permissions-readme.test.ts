import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { PERMISSIONS, ROLES } from "./permissions";

// The README's roles table is written by hand for people; this keeps it equal to the table the
// server enforces, so the documentation cannot promise a permission the code does not give (or hide
// one it does).

const readme = readFileSync(path.resolve(import.meta.dirname, "../../README.md"), "utf8");

function readmeTable(): { roles: string[]; rows: Map<string, string[]> } {
  const lines = readme.split("\n");
  const start = lines.findIndex((line) => /^\|\s*Permission\s*\|/.test(line));
  if (start === -1) throw new Error('README.md has no table starting with "| Permission |"');
  const cells = (line: string) => line.replace(/^\||\|$/g, "").split("|").map((cell) => cell.trim());
  const roles = cells(lines[start]!).slice(1);
  const rows = new Map<string, string[]>();
  for (const line of lines.slice(start + 2)) {
    if (!line.startsWith("|")) break;
    const [permission, ...marks] = cells(line);
    rows.set(permission!.replace(/`/g, ""), roles.filter((_, i) => marks[i] === "✓"));
  }
  return { roles, rows };
}

describe("README security model", () => {
  const table = readmeTable();

  it("has a column for every role, in the code's order", () => {
    expect(table.roles).toEqual([...ROLES]);
  });

  it("lists every permission with exactly the roles that have it", () => {
    const expected = new Map(Object.entries(PERMISSIONS).map(([permission, roles]) => [permission, [...roles].sort()]));
    const documented = new Map([...table.rows].map(([permission, roles]) => [permission, [...roles].sort()]));
    expect(Object.fromEntries(documented)).toEqual(Object.fromEntries(expected));
  });
});
