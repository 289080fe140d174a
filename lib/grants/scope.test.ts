import { describe, expect, it } from "vitest";
import { expiryProblem, isBroadWildcard, isResourceWithin, isSameScope, modeRank, scopeReductionProblems, type Scope } from "./scope";

const DAY = 86_400_000;

describe("isResourceWithin", () => {
  it.each([
    ["ticket:support/*", "ticket:*", true],
    ["ticket:support/123", "ticket:support/*", true],
    ["ticket:*", "ticket:*", true],
    ["object:Account", "object:Account", true],
    ["ticket:*", "ticket:support/*", false], // wider than what was asked
    ["object:Order", "object:Account", false],
    ["ticket:support/*", "ticket:billing/*", false],
    ["table:finance.revenue", "table:finance.*", true],
    ["table:finance*", "table:finance.*", false], // "table:financeX" is not under "table:finance."
    ["repo:acme/web", "*", true],
  ])("%s within %s → %s", (candidate, allowed, expected) => {
    expect(isResourceWithin(candidate, allowed)).toBe(expected);
  });

  it("treats regular-expression characters literally", () => {
    expect(isResourceWithin("table:financeXrevenue", "table:finance.revenue")).toBe(false);
    expect(isResourceWithin("s3://a(b)/x", "s3://a(b)/*")).toBe(true);
  });
});

describe("isBroadWildcard", () => {
  it("tells a whole-system wildcard from one under a named path", () => {
    expect(isBroadWildcard("*")).toBe(true);
    expect(isBroadWildcard("worker:*")).toBe(true);
    expect(isBroadWildcard("ticket:support/*")).toBe(false);
    expect(isBroadWildcard("table:finance.*")).toBe(false);
  });
});

describe("scope reduction", () => {
  const requested: Scope = { resources: ["ticket:*"], actions: ["read", "write"], mode: "approve", expiresAt: new Date(Date.UTC(2030, 0, 1)) };

  it("accepts narrower resources, fewer actions, a less autonomous mode and a shorter expiry", () => {
    const approved: Scope = { resources: ["ticket:support/*"], actions: ["read"], mode: "suggest", expiresAt: new Date(Date.UTC(2029, 0, 1)) };
    expect(scopeReductionProblems(requested, approved)).toEqual({});
    expect(isSameScope(requested, approved)).toBe(false);
  });

  it("refuses anything wider than the request, naming each field", () => {
    const problems = scopeReductionProblems(requested, {
      resources: ["ticket:support/*", "object:Account"],
      actions: ["read", "delete"],
      mode: "autonomous",
      expiresAt: new Date(Date.UTC(2031, 0, 1)),
    });
    expect(problems.resources).toContain("'object:Account'");
    expect(problems.actions).toContain("'delete'");
    expect(problems.mode).toContain("'autonomous'");
    expect(problems.expiresAt).toMatch(/shortened/);
  });

  it("sees the same scope in another order as unchanged", () => {
    expect(isSameScope(requested, { ...requested, actions: ["write", "read"] })).toBe(true);
  });

  it("orders modes by autonomy", () => {
    expect(modeRank("suggest")).toBeLessThan(modeRank("approve"));
    expect(modeRank("approve")).toBeLessThan(modeRank("autonomous"));
  });
});

describe("expiryProblem", () => {
  const now = new Date(Date.UTC(2026, 0, 1));
  it("requires a future date within the maximum", () => {
    expect(expiryProblem(new Date(now.getTime() - 1), now, 365)).toBe("Expiry must be in the future.");
    expect(expiryProblem(now, now, 365)).toBe("Expiry must be in the future.");
    expect(expiryProblem(new Date(now.getTime() + 366 * DAY), now, 365)).toBe("Expiry must be within 365 days.");
    expect(expiryProblem(new Date(now.getTime() + 365 * DAY), now, 365)).toBeNull();
  });
});
