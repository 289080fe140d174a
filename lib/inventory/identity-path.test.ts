import { describe, expect, it } from "vitest";
import { COLUMN_X, layoutIdentityPath, ROW_GAP, shortName, type IdentityPathData } from "./identity-path";

function samplePath(): IdentityPathData {
  return {
    workflow: { id: "w1", name: "Support Copilot", status: "active", ownerName: "Priya", orphaned: false },
    credentials: [
      { id: "c2", name: "zendesk-api-token", kind: "API key", identifier: "••••7Qx2", connectorId: "k2", ownerName: "Priya", ownerActive: true, expiresAt: null, attached: true },
      { id: "c1", name: "salesforce-oauth", kind: "OAuth client", identifier: "SHA256:9f2c…41ab", connectorId: "k1", ownerName: "Dana", ownerActive: false, expiresAt: "2027-01-01T00:00:00.000Z", attached: true },
      { id: "c3", name: "slack-bot-token", kind: "API key", identifier: "••••kP0z", connectorId: "k3", ownerName: "Priya", ownerActive: true, expiresAt: null, attached: false },
    ],
    connectors: [
      { id: "k2", name: "Zendesk Tickets", system: "Zendesk", kind: "api", sensitivity: "medium" },
      { id: "k1", name: "Salesforce CRM", system: "Salesforce", kind: "api", sensitivity: "high" },
      { id: "k3", name: "Slack", system: "Slack", kind: "tool", sensitivity: "medium" },
    ],
    grants: [
      { id: "g1", status: "approved", credentialId: "c2", connectorId: "k2", resources: ["ticket:support/*", "ticket:billing/*"], actions: ["read", "write"], mode: "approve", expiresAt: "2026-12-01T00:00:00.000Z", ownerName: "Priya", decidedByName: "Priya", requestedByName: "Alex" },
      { id: "g2", status: "requested", credentialId: "c3", connectorId: "k3", resources: ["channel:#support"], actions: ["send"], mode: "suggest", expiresAt: null, ownerName: "Priya", decidedByName: null, requestedByName: "Alex" },
      { id: "g3", status: "approved", credentialId: null, connectorId: "k2", resources: ["ticket:support/*"], actions: ["read"], mode: "autonomous", expiresAt: null, ownerName: "Priya", decidedByName: "Rosa", requestedByName: "Alex" },
    ],
  };
}

describe("layoutIdentityPath", () => {
  it("places workflow, credentials, connectors and resources in four columns, sorted by name", () => {
    const { nodes } = layoutIdentityPath(samplePath());
    const column = (kind: string) => nodes.filter((n) => n.kind === kind);
    expect(column("workflow").map((n) => n.position.x)).toEqual([0]);
    expect(column("credential").every((n) => n.position.x === COLUMN_X.credential)).toBe(true);
    expect(column("connector").every((n) => n.position.x === COLUMN_X.connector)).toBe(true);
    expect(column("resource").every((n) => n.position.x === COLUMN_X.resource)).toBe(true);
    expect(COLUMN_X.workflow < COLUMN_X.credential && COLUMN_X.credential < COLUMN_X.connector && COLUMN_X.connector < COLUMN_X.resource).toBe(true);
    expect(column("credential").map((n) => n.label)).toEqual(["salesforce-oauth", "slack-bot-token", "zendesk-api-token"]);
    expect(column("resource").map((n) => n.label)).toEqual(["channel:#support", "ticket:billing/*", "ticket:support/*"]);
    const ys = column("credential").map((n) => n.position.y);
    expect(ys[1]! - ys[0]!).toBe(ROW_GAP);
  });

  it("draws the same picture whatever order the data arrives in", () => {
    const path = samplePath();
    const shuffled = { ...path, credentials: [...path.credentials].reverse(), connectors: [...path.connectors].reverse(), grants: [...path.grants].reverse() };
    expect(layoutIdentityPath(shuffled)).toEqual(layoutIdentityPath(path));
  });

  it("draws approved grants solid, requested dashed, and access without a grant dotted", () => {
    const { edges } = layoutIdentityPath(samplePath());
    const edge = (id: string) => edges.find((e) => e.id === id)!;
    expect(edge("grant:g1")).toMatchObject({ source: "credential:c2", target: "connector:k2", line: "solid", label: ["approved · approve", "owner Priya · exp 2026-12-01"] });
    expect(edge("uses:c2").label).toEqual([]);
    expect(edge("grant:g2")).toMatchObject({ line: "dashed", label: ["requested · suggest", "owner Priya · exp never"] });
    expect(edge("scope:g1:ticket:billing/*")).toMatchObject({ source: "connector:k2", target: "resource:k2:ticket:billing/*", label: ["read, write"] });
    // A grant without a credential comes straight from the workflow.
    expect(edge("grant:g3").source).toBe("workflow:w1");
    // Salesforce's key has no grant for its connector: reachable, ungoverned, so shown dotted.
    expect(edge("unmanaged:c1")).toMatchObject({ source: "credential:c1", target: "connector:k1", line: "dotted" });
    expect(edges.find((e) => e.id === "unmanaged:c2")).toBeUndefined();
    expect(edge("uses:c3")).toMatchObject({ line: "dotted", label: ["named by a grant, not attached"] });
  });

  it("flags an orphaned workflow and a credential whose owner left", () => {
    const path = samplePath();
    path.workflow.orphaned = true;
    const { nodes } = layoutIdentityPath(path);
    expect(nodes.find((n) => n.id === "workflow:w1")!.warning).toBe("Orphaned: no active owner");
    const credential = nodes.find((n) => n.id === "credential:c1")!;
    expect(credential.warning).toBe("Owner deactivated");
    expect(credential.detail).toEqual(["OAuth client · SHA256:9f2c…41ab", "owner Dana · expires 2027-01-01"]);
  });

  it("shortens names for edge labels", () => {
    expect(shortName("Priya Natarajan")).toBe("Priya N.");
    expect(shortName("Ana María de la Cruz")).toBe("Ana C.");
    expect(shortName("Cher")).toBe("Cher");
    expect(shortName(null)).toBe("none");
  });

  it("keeps a lone workflow drawable", () => {
    const { nodes, edges, height } = layoutIdentityPath({ ...samplePath(), credentials: [], connectors: [], grants: [] });
    expect(nodes).toHaveLength(1);
    expect(edges).toEqual([]);
    expect(height).toBe(ROW_GAP);
  });
});
