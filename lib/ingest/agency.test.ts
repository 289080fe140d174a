import { describe, expect, it } from "vitest";
import { classifyAction, grantStateAt, resolveToolCall } from "./agency";
import type { ConnectorForCheck, GrantForCheck } from "./analysed";

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
