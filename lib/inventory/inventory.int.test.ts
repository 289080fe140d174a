import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { createTestUser, testRequestId, unique } from "@/lib/testing/factories";
import { attachCredential } from "./attach-credential";
import { changeWorkflowStatus } from "./change-workflow-status";
import { createConnector } from "./create-connector";
import { createCredential } from "./create-credential";
import { createWorkflow } from "./create-workflow";
import { exportInventoryCsv } from "./export-inventory";
import { layoutIdentityPath, shortName } from "./identity-path";
import { loadIdentityPath } from "./load-identity-path";
import { searchInventory } from "./search-inventory";
import { parseCsv } from "@/lib/testing/csv";

const DAY = 86_400_000;

/** One workflow with a credential, a connector and grants, all tagged so searches find only them. */
async function buildEstate() {
  const tag = unique("estate");
  const owner = await createTestUser("owner");
  const connector = await createConnector(
    owner,
    { name: `${tag} Tickets`, kind: "api", system: `${tag}-desk`, description: "", actions: ["read", "write", "send"], resourcePattern: "ticket:<queue>/*", sensitivity: "high" },
    testRequestId(),
  );
  const workflow = await createWorkflow(
    owner,
    {
      name: `${tag} Copilot`,
      // Commas, quotes and a line break: the CSV must keep them inside one cell.
      purpose: 'Drafts replies, "politely",\nthen waits for an agent.',
      teamId: null,
      environment: "staging",
      models: ["gpt-4o", "=cmd|' /C calc'!A0"],
      providers: ["OpenAI"],
      dataClassification: "confidential",
      ownerId: null,
    },
    testRequestId(),
  );
  await changeWorkflowStatus(owner, { id: workflow.id, status: "active" }, testRequestId());
  const credential = await createCredential(
    owner,
    { name: `${tag}-key`, kind: "api_key", connectorId: connector.id, environment: "staging", lastFour: "ab12", fingerprint: null, ownerId: null, issuedAt: null, lastRotatedAt: null, expiresAt: null, rotationPolicyDays: 90 },
    testRequestId(),
  );
  const spare = await createCredential(
    owner,
    { name: `${tag}-spare`, kind: "service_account", connectorId: connector.id, environment: "staging", lastFour: null, fingerprint: "SHA256:aa41…0b9d", ownerId: null, issuedAt: null, lastRotatedAt: null, expiresAt: null, rotationPolicyDays: 30 },
    testRequestId(),
  );
  await attachCredential(owner, { credentialId: credential.id, workflowId: workflow.id }, testRequestId());
  await attachCredential(owner, { credentialId: spare.id, workflowId: workflow.id }, testRequestId());
  const grant = (data: { status: "approved" | "requested" | "revoked"; resources: string[]; actions: string[]; expiresAt: Date | null }) =>
    db.grant.create({
      data: { workflowId: workflow.id, connectorId: connector.id, credentialId: credential.id, mode: "approve", requestedMode: "approve", justification: "Test.", decidedById: owner.id, ...data },
    });
  const approved = await grant({ status: "approved", resources: ["ticket:support/*"], actions: ["read", "write"], expiresAt: new Date(Date.now() + 30 * DAY) });
  const requested = await grant({ status: "requested", resources: ["ticket:billing/*"], actions: ["send"], expiresAt: null });
  await grant({ status: "revoked", resources: ["ticket:*"], actions: ["read"], expiresAt: null });
  await grant({ status: "approved", resources: ["ticket:old/*"], actions: ["read"], expiresAt: new Date(Date.now() - DAY) });
  return { tag, owner, connector, workflow, credential, spare, approved, requested };
}


describe("inventory search and CSV export", () => {
  it("exports the filtered inventory as quoted CSV and records the export", async () => {
    const estate = await buildEstate();
    const { csv, rows } = await exportInventoryCsv(estate.owner, { q: estate.tag }, testRequestId());
    expect(rows).toBe(4);
    const table = parseCsv(csv);
    const header = table[0]!;
    expect(header.slice(0, 4)).toEqual(["type", "id", "name", "kind"]);
    const cell = (row: string[], column: string) => row[header.indexOf(column)];
    const byName = new Map(table.slice(1).map((r) => [cell(r, "name"), r]));

    const workflow = byName.get(`${estate.tag} Copilot`)!;
    expect(cell(workflow, "type")).toBe("workflow");
    expect(cell(workflow, "summary")).toBe('Drafts replies, "politely",\nthen waits for an agent.');
    expect(cell(workflow, "status")).toBe("active");
    expect(cell(workflow, "owner_email")).toBe(estate.owner.email);
    expect(cell(workflow, "orphaned")).toBe("no");
    expect(cell(workflow, "data_classification")).toBe("confidential");
    expect(cell(workflow, "models")).toBe("gpt-4o; =cmd|' /C calc'!A0");

    const connector = byName.get(`${estate.tag} Tickets`)!;
    expect(cell(connector, "actions")).toBe("read; write; send");
    expect(cell(connector, "sensitivity")).toBe("high");
    expect(cell(byName.get(`${estate.tag}-key`)!, "identifier")).toBe("••••ab12");
    // Nothing secret-shaped is in the export: only the last four.
    expect(csv).toContain('"Drafts replies, ""politely"",\nthen waits for an agent."');

    const event = await db.auditEvent.findFirstOrThrow({ where: { action: "inventory.export", actorId: estate.owner.id } });
    expect(event.after).toEqual({ filters: { q: estate.tag }, rows: 4 });
  });

  it("neutralises a cell that a spreadsheet would run as a formula", async () => {
    const estate = await buildEstate();
    const admin = await createTestUser("admin");
    await db.workflow.update({ where: { id: estate.workflow.id }, data: { purpose: "=HYPERLINK(\"http://evil.example\")" } });
    const { csv } = await exportInventoryCsv(admin, { q: estate.tag, type: "workflow" }, testRequestId());
    expect(csv).toContain(`"'=HYPERLINK(""http://evil.example"")"`);
  });

  it("applies each filter, leaving out types a filter does not apply to", async () => {
    const estate = await buildEstate();
    const names = async (filters: Parameters<typeof searchInventory>[0]) => (await searchInventory({ q: estate.tag, ...filters })).map((r) => r.name).sort();
    expect(await names({ type: "credential" })).toEqual([`${estate.tag}-key`, `${estate.tag}-spare`]);
    expect(await names({ environment: "staging" })).toEqual([`${estate.tag} Copilot`, `${estate.tag}-key`, `${estate.tag}-spare`]);
    expect(await names({ environment: "production" })).toEqual([]);
    expect(await names({ status: "active" })).toEqual([`${estate.tag} Copilot`, `${estate.tag}-key`, `${estate.tag}-spare`]);
    expect(await names({ status: "draft" })).toEqual([]);
    expect(await names({ sensitivity: "high" })).toEqual([`${estate.tag} Tickets`, `${estate.tag}-key`, `${estate.tag}-spare`]);
    expect(await names({ classification: "confidential" })).toEqual([`${estate.tag} Copilot`]);
    expect(await names({ owner: estate.owner.id })).toEqual([`${estate.tag} Copilot`, `${estate.tag}-key`, `${estate.tag}-spare`]);
    expect(await names({ owner: "orphaned" })).toEqual([]);
    await db.credential.update({ where: { id: estate.spare.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect(await names({ status: "expired" })).toEqual([`${estate.tag}-spare`]);
    await db.user.update({ where: { id: estate.owner.id }, data: { active: false } });
    expect(await names({ owner: "orphaned" })).toEqual([`${estate.tag} Copilot`, `${estate.tag}-key`, `${estate.tag}-spare`]);
    // Search reaches the system behind a connector and a credential's connector.
    expect((await searchInventory({ q: `${estate.tag}-desk` })).map((r) => r.type).sort()).toEqual(["connector", "credential", "credential"]);
  });
});

describe("identity path", () => {
  it("draws credentials, connectors and the resources of live grants, requested ones dashed", async () => {
    const estate = await buildEstate();
    const path = await loadIdentityPath(estate.workflow.id);
    expect(path.credentials.map((c) => c.name).sort()).toEqual([`${estate.tag}-key`, `${estate.tag}-spare`]);
    expect(path.grants.map((g) => g.id).sort()).toEqual([estate.approved.id, estate.requested.id].sort());

    const { nodes, edges } = layoutIdentityPath(path);
    expect(nodes.filter((n) => n.kind === "resource").map((n) => n.label).sort()).toEqual(["ticket:billing/*", "ticket:support/*"]);
    const grantEdge = (id: string) => edges.find((e) => e.id === `grant:${id}`)!;
    expect(grantEdge(estate.approved.id)).toMatchObject({ source: `credential:${estate.credential.id}`, target: `connector:${estate.connector.id}`, line: "solid" });
    expect(grantEdge(estate.requested.id).line).toBe("dashed");
    expect(grantEdge(estate.approved.id).label.join(" ")).toContain("approved · approve");
    expect(grantEdge(estate.approved.id).label.join(" ")).toContain(`owner ${shortName(estate.owner.name)}`);
    // The spare key opens the connector with no grant at all: shown, dotted.
    expect(edges.find((e) => e.id === `unmanaged:${estate.spare.id}`)).toMatchObject({ line: "dotted", label: ["no grant"] });
  });
});
