import { describe, expect, it } from "vitest";
import { diffAuditValues, displayValue, stableJson, WHOLE_VALUE } from "./diff";

describe("diffAuditValues", () => {
  it("marks changed, unchanged, added and removed fields, in alphabetical order", () => {
    const rows = diffAuditValues({ role: "admin", email: "a@x", lockedUntil: "2026-01-01" }, { email: "a@x", role: "owner", active: false });
    expect(rows).toEqual([
      { field: "active", before: undefined, after: false, status: "added" },
      { field: "email", before: "a@x", after: "a@x", status: "unchanged" },
      { field: "lockedUntil", before: "2026-01-01", after: undefined, status: "removed" },
      { field: "role", before: "admin", after: "owner", status: "changed" },
    ]);
  });

  it("treats a creation (no before) as every field added and a deletion as every field removed", () => {
    expect(diffAuditValues(null, { name: "t" })).toEqual([{ field: "name", before: undefined, after: "t", status: "added" }]);
    expect(diffAuditValues({ name: "t" }, null)).toEqual([{ field: "name", before: "t", after: undefined, status: "removed" }]);
  });

  it("compares nested values by content, not key order (jsonb reorders keys)", () => {
    const [row] = diffAuditValues({ scope: { b: 1, a: [1, 2] } }, { scope: { a: [1, 2], b: 1 } });
    expect(row!.status).toBe("unchanged");
    const [changed] = diffAuditValues({ scopes: ["a", "b"] }, { scopes: ["b", "a"] });
    expect(changed!.status).toBe("changed");
  });

  it("a null field is a value, distinct from a missing one", () => {
    expect(diffAuditValues({ revokedAt: null }, { revokedAt: "2026-01-01" })[0]!.status).toBe("changed");
    expect(diffAuditValues({ lockedUntil: "x" }, { lockedUntil: null })[0]!.status).toBe("changed");
  });

  it("compares values that are not objects as one whole value", () => {
    expect(diffAuditValues(["a"], ["a", "b"])).toEqual([{ field: WHOLE_VALUE, before: ["a"], after: ["a", "b"], status: "changed" }]);
    expect(diffAuditValues(null, null)).toEqual([]);
  });
});

describe("display helpers", () => {
  it("shows strings bare and other values as JSON", () => {
    expect(displayValue("owner")).toBe("owner");
    expect(displayValue(null)).toBe("null");
    expect(displayValue(undefined)).toBe("");
    expect(stableJson({ b: 1, a: { d: 2, c: 3 } })).toBe('{"a":{"c":3,"d":2},"b":1}');
  });
});
