import { describe, expect, it } from "vitest";
import { DAY_MS } from "@/lib/grants/scope";
import { recommend, recommendCredential } from "./recommend";
import { summarizeUsage, type GrantUsage } from "./usage";

const now = new Date("2026-11-22T00:00:00Z");
const daysAgo = (days: number) => new Date(now.getTime() - days * DAY_MS);
const usage = (overrides: Partial<GrantUsage> = {}): GrantUsage => ({ hasLogData: true, lastUsedAt: null, calls: 0, actionsUsed: [], resourcesUsed: [], ...overrides });

describe("recommend", () => {
  it("says no information when the workflow has no log data, however old the grant", () => {
    const result = recommend({ actions: ["read"], grantedAt: daysAgo(400), usage: usage({ hasLogData: false }) }, now);
    expect(result).toEqual({ recommendation: "no_information", reason: "no information: no log data", actions: [] });
  });

  it("recommends deny for a grant never exercised in 90 days although the workflow has logs", () => {
    const result = recommend({ actions: ["read"], grantedAt: daysAgo(120), usage: usage() }, now);
    expect(result.recommendation).toBe("deny");
    expect(result.reason).toBe("deny: not exercised in 90 days");
  });

  it("recommends deny when the last use is older than 90 days, naming that day", () => {
    const result = recommend({ actions: ["read"], grantedAt: daysAgo(300), usage: usage({ lastUsedAt: daysAgo(100), actionsUsed: ["read"], calls: 1 }) }, now);
    expect(result.recommendation).toBe("deny");
    expect(result.reason).toContain(daysAgo(100).toISOString().slice(0, 10));
  });

  it("says no information for a young grant not used yet, rather than revoking it", () => {
    const result = recommend({ actions: ["read"], grantedAt: daysAgo(10), usage: usage() }, now);
    expect(result.recommendation).toBe("no_information");
    expect(result.reason).toMatch(/granted 10 days ago/);
  });

  it("recommends modify to the actions used when only some were", () => {
    const result = recommend({ actions: ["read", "write"], grantedAt: daysAgo(200), usage: usage({ lastUsedAt: daysAgo(3), actionsUsed: ["read"], calls: 4 }) }, now);
    expect(result).toEqual({ recommendation: "modify", reason: "modify: only read used, write granted", actions: ["read"] });
  });

  it("recommends approve when every granted action was used recently", () => {
    const result = recommend({ actions: ["read", "write"], grantedAt: daysAgo(200), usage: usage({ lastUsedAt: daysAgo(3), actionsUsed: ["read", "write"], calls: 4 }) }, now);
    expect(result.recommendation).toBe("approve");
    expect(result.actions).toEqual([]);
  });
});

describe("summarizeUsage", () => {
  const subject = { connector: { id: "c0ffee00-0000-4000-8000-000000000000", name: "GitHub" }, resources: ["repo:acme/*"] };

  it("counts calls on the grant's connector (by name or id) and within its resources only", () => {
    const result = summarizeUsage(subject, [
      { occurredAt: daysAgo(5), toolCalls: [{ connector: "github", action: "read", resource: "repo:acme/web" }, { connector: "Slack", action: "send" }] },
      { occurredAt: daysAgo(2), toolCalls: [{ connector: subject.connector.id, action: "write", resource: "repo:other/x" }, { connector: "GitHub", action: "read" }] },
    ]);
    expect(result).toEqual({ hasLogData: true, lastUsedAt: daysAgo(2), calls: 2, actionsUsed: ["read"], resourcesUsed: ["repo:acme/web"] });
  });

  it("skips calls replayed from earlier turns, which were counted with their own interaction", () => {
    const result = summarizeUsage(subject, [
      { occurredAt: daysAgo(1), toolCalls: [{ connector: "GitHub", action: "write", resource: "repo:acme/web", inHistory: true }, { connector: "GitHub", action: "read", inHistory: false }] },
      { occurredAt: daysAgo(3), toolCalls: [{ connector: "GitHub", action: "read", resource: "repo:acme/api" }] },
    ]);
    expect(result).toEqual({ hasLogData: true, lastUsedAt: daysAgo(1), calls: 2, actionsUsed: ["read"], resourcesUsed: ["repo:acme/api"] });
  });

  it("counts a call ingestion resolved to the connector from the tool's name", () => {
    const result = summarizeUsage(subject, [{ occurredAt: daysAgo(4), toolCalls: [{ name: "github.create_issue", connectorId: subject.connector.id, action: "write", resource: "repo:acme/web" }] }]);
    expect(result).toMatchObject({ calls: 1, actionsUsed: ["write"], lastUsedAt: daysAgo(4) });
  });

  it("skips malformed tool calls and reports no log data without interactions", () => {
    expect(summarizeUsage(subject, [{ occurredAt: daysAgo(1), toolCalls: [{ tool: "x" }, "nonsense"] }]).calls).toBe(0);
    expect(summarizeUsage(subject, []).hasLogData).toBe(false);
  });
});

describe("recommendCredential", () => {
  const base = { workflowCount: 1, hasConnector: true, since: daysAgo(200) };

  it("recommends deny for a credential no workflow uses, even without log data", () => {
    expect(recommendCredential({ ...base, workflowCount: 0, usage: usage({ hasLogData: false }) }, now)).toMatchObject({ recommendation: "deny", reason: "deny: not attached to any workflow" });
  });

  it("says no information without log data", () => {
    expect(recommendCredential({ ...base, usage: usage({ hasLogData: false }) }, now).reason).toBe("no information: no log data");
  });

  it("says no information when the credential names no connector to attribute calls to", () => {
    expect(recommendCredential({ ...base, hasConnector: false, usage: usage() }, now).recommendation).toBe("no_information");
  });

  it("recommends approve when its connector was called recently, deny when not in 90 days, and waits on a young one", () => {
    expect(recommendCredential({ ...base, usage: usage({ lastUsedAt: daysAgo(5), calls: 2 }) }, now).recommendation).toBe("approve");
    expect(recommendCredential({ ...base, usage: usage() }, now)).toMatchObject({ recommendation: "deny", reason: "deny: not exercised in 90 days" });
    expect(recommendCredential({ ...base, since: daysAgo(3), usage: usage() }, now).recommendation).toBe("no_information");
  });
});
