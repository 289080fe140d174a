import { describe, expect, it } from "vitest";
import { checkToolCall, classifyAction, grantStateAt, resolveToolCall } from "./agency";
import type { ConnectorForCheck, GrantForCheck, GrantScopeStep } from "./analysed";

const connectors: ConnectorForCheck[] = [
  { id: "11111111-1111-4111-8111-111111111111", name: "GitHub", actions: ["read", "write", "execute"] },
  { id: "22222222-2222-4222-8222-222222222222", name: "GitHub Enterprise", actions: ["read", "write"] },
  { id: "33333333-3333-4333-8333-333333333333", name: "Google Drive", actions: ["read", "write"] },
  { id: "44444444-4444-4444-8444-444444444444", name: "Google Calendar", actions: ["read", "write"] },
  { id: "55555555-5555-4555-8555-555555555555", name: "Slack Workspace", actions: ["read", "send"] },
];
const name = (toolName: string, fields: { connector?: string; action?: string } = {}) => {
  const resolved = resolveToolCall({ name: toolName, ...fields }, connectors);
  return [resolved.connector?.name ?? null, resolved.action];
};

describe("resolveToolCall", () => {
  it("reads the connector from the tool name with any of the usual separators, longest name first", () => {
    expect(name("github.create_issue")).toEqual(["GitHub", "write"]);
    expect(name("github__list_repos")).toEqual(["GitHub", "read"]);
    expect(name("GitHub:read")).toEqual(["GitHub", "read"]);
    expect(name("github-delete_branch")).toEqual(["GitHub", "delete"]);
    expect(name("github/run_workflow")).toEqual(["GitHub", "execute"]);
    expect(name("github_enterprise.getFile")).toEqual(["GitHub Enterprise", "read"]);
    expect(name("slack_workspace.post_message")).toEqual(["Slack Workspace", "send"]);
    expect(name("slack")).toEqual(["Slack Workspace", null]);
  });

  it("uses a connector's first word only when no other connector shares it", () => {
    expect(name("slack.post_message")).toEqual(["Slack Workspace", "send"]);
    expect(name("google.search_files")).toEqual([null, "read"]);
    expect(name("google_drive.search_files")).toEqual(["Google Drive", "read"]);
  });

  it("prefers the call's connector and action fields, by name in any case or by id", () => {
    expect(name("create_issue", { connector: "github" })).toEqual(["GitHub", "write"]);
    expect(name("anything", { connector: "33333333-3333-4333-8333-333333333333", action: "read" })).toEqual(["Google Drive", "read"]);
    expect(name("github.create_issue", { connector: "Jira" })).toEqual([null, "write"]);
    expect(name("workday.read_balance", { connector: "GitHub" })).toEqual(["GitHub", "read"]);
  });
});

describe("classifyAction", () => {
  it("keeps the inventory's own words and classifies tool names by their first verb", () => {
    expect(classifyAction("Write", null)).toBe("write");
    expect(classifyAction("issue_create", null)).toBe("write");
    expect(classifyAction("removeMember", null)).toBe("delete");
    expect(classifyAction("post_comment", connectors[0]!)).toBe("write");
    expect(classifyAction("post_comment", connectors[4]!)).toBe("send");
    expect(classifyAction("frobnicate", null)).toBeNull();
  });
});

describe("grantStateAt", () => {
  const at = new Date("2026-11-20T12:00:00Z");
  const base: GrantForCheck = { id: "g", connectorId: "c", status: "approved", mode: "approve", actions: ["read"], resources: ["*"], expiresAt: null };
  it("says what a grant was at the call's time", () => {
    expect(grantStateAt(base, at)).toBe("in_force");
    expect(grantStateAt({ ...base, expiresAt: at }, at)).toBe("expired");
    expect(grantStateAt({ ...base, status: "expired", expiresAt: null }, at)).toBe("expired");
    expect(grantStateAt({ ...base, status: "revoked" }, at)).toBe("revoked");
    expect(grantStateAt({ ...base, status: "revoked", revokedAt: new Date(at.getTime() + 1) }, at)).toBe("in_force");
    expect(grantStateAt({ ...base, status: "requested" }, at)).toBe("never");
    expect(grantStateAt({ ...base, status: "rejected" }, at)).toBe("never");
    expect(grantStateAt({ ...base, decidedAt: new Date(at.getTime() + 1) }, at)).toBe("never");
  });
});

describe("checkToolCall, by the scope in force at the call's time", () => {
  const github = connectors[0]!;
  const approvedAt = new Date("2026-11-01T09:00:00Z");
  const narrowedAt = new Date("2026-11-20T12:00:00Z");
  const before = new Date(narrowedAt.getTime() - 60_000);
  const after = new Date(narrowedAt.getTime() + 60_000);
  const expiresAt = new Date("2027-01-01T00:00:00Z");
  const step = (type: GrantScopeStep["type"], at: Date, scope: Partial<GrantScopeStep> = {}): GrantScopeStep => ({
    type, at, mode: "autonomous", actions: ["read", "write"], resources: ["repo:*"], expiresAt, ...scope,
  });
  // Approved for read and write on every repository; an access review later kept only reads of one.
  const narrowed: GrantForCheck = {
    id: "g", connectorId: github.id, status: "approved", mode: "autonomous", actions: ["read"], resources: ["repo:acme/api"], expiresAt, decidedAt: approvedAt,
    scopeHistory: [step("approved", approvedAt), step("narrowed", narrowedAt, { actions: ["read"], resources: ["repo:acme/api"] })],
  };
  const check = (grant: GrantForCheck, toolName: string, resource: string, at: Date) =>
    checkToolCall({ name: toolName, resource }, resolveToolCall({ name: toolName }, connectors), { grants: [grant] }, at);

  it("allows a late-arriving call made before a narrowing by the scope it ran under", () => {
    expect(check(narrowed, "github.create_issue", "repo:acme/web", before)).toBeNull();
    expect(check(narrowed, "github.list_issues", "repo:acme/web", before)).toBeNull();
  });

  it("flags the same calls made after the narrowing, and says the scope was narrowed", () => {
    expect(check(narrowed, "github.create_issue", "repo:acme/api", after)).toMatchObject({ rule: "action_not_granted", explanation: expect.stringContaining("as narrowed on 2026-11-20T12:00:00.000Z") });
    expect(check(narrowed, "github.list_issues", "repo:acme/web", after)).toMatchObject({ rule: "resource_out_of_scope", grantId: "g" });
  });

  it("describes the earlier scope when a call before the narrowing fell outside it too", () => {
    expect(check(narrowed, "github.run_workflow", "repo:acme/web", before)?.explanation).toContain(
      "(read, write on repo:*, autonomous, expires 2027-01-01T00:00:00.000Z, as approved on 2026-11-01T09:00:00.000Z, before it was narrowed on 2026-11-20T12:00:00.000Z)",
    );
  });

  it("judges the mode in force then, in both directions", () => {
    const toSuggest: GrantForCheck = { ...narrowed, mode: "suggest", actions: ["read", "write"], resources: ["repo:*"], scopeHistory: [step("approved", approvedAt), step("narrowed", narrowedAt, { mode: "suggest" })] };
    expect(check(toSuggest, "github.create_issue", "repo:acme/web", before)).toBeNull();
    expect(check(toSuggest, "github.create_issue", "repo:acme/web", after)).toMatchObject({ rule: "suggest_only" });
    // No writer widens a scope today, but the rule does not depend on the direction.
    const toExecute: GrantForCheck = { ...toSuggest, mode: "approve", scopeHistory: [step("approved_reduced", approvedAt, { mode: "suggest" }), step("narrowed", narrowedAt, { mode: "approve" })] };
    expect(check(toExecute, "github.create_issue", "repo:acme/web", before)).toMatchObject({ rule: "suggest_only", explanation: expect.stringContaining("suggest, expires") });
    expect(check(toExecute, "github.create_issue", "repo:acme/web", after)).toBeNull();
  });

  it("judges the expiry in force then: a grant given an expiry later had not run out before", () => {
    const endsAt = new Date(narrowedAt.getTime() + 30_000);
    const endsLater: GrantForCheck = {
      ...narrowed, status: "expired", expiresAt: endsAt,
      scopeHistory: [step("approved", approvedAt, { expiresAt: null }), step("narrowed", narrowedAt, { actions: ["read"], resources: ["repo:acme/api"], expiresAt: endsAt })],
    };
    expect(check(endsLater, "github.list_issues", "repo:acme/web", before)).toBeNull();
    expect(check(endsLater, "github.list_issues", "repo:acme/api", after)).toMatchObject({ rule: "grant_expired" });
  });

  it("keeps the current scope for the call's time when there is no history", () => {
    for (const grant of [{ ...narrowed, scopeHistory: undefined }, { ...narrowed, scopeHistory: [] }]) {
      const violation = check(grant, "github.create_issue", "repo:acme/web", before);
      expect(violation).toMatchObject({ rule: "action_not_granted", grantId: "g" });
      expect(violation?.explanation).toContain("(read on repo:acme/api, autonomous, expires 2027-01-01T00:00:00.000Z)");
      expect(check(grant, "github.list_issues", "repo:acme/api", before)).toBeNull();
    }
  });
});
