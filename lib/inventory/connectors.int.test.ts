import { describe, expect, it } from "vitest";
import { createConnectorAction, updateConnectorAction } from "@/app/(console)/connectors/actions";
import { db } from "@/lib/db/client";
import { createTestUser, testRequestId, unique } from "@/lib/testing/factories";
import { createConnector, type CreateConnectorInput } from "./create-connector";
import { createWorkflow } from "./create-workflow";

function connectorInput(overrides: Partial<CreateConnectorInput> = {}): CreateConnectorInput {
  return { name: unique("Connector"), kind: "api", system: "Zendesk", description: "", actions: ["read", "write"], resourcePattern: "ticket:<queue>/*", sensitivity: "medium", ...overrides };
}

describe("connectors", () => {
  it("accepts actions only from the vocabulary, and a resource pattern with a type", async () => {
    const owner = await createTestUser("owner");
    const name = unique("Bad connector");
    const result = await createConnectorAction.runAs(owner, { ...connectorInput({ name }), actions: ["read", "yeet"], resourcePattern: "everything" });
    expect(result).toMatchObject({
      ok: false,
      fieldErrors: {
        actions: 'Unknown action "yeet". Actions come from: read, write, delete, execute, send, admin.',
        resourcePattern: expect.stringContaining("must start with a lower-case resource type and a colon"),
      },
    });
    expect(await createConnectorAction.runAs(owner, { ...connectorInput(), actions: [] })).toMatchObject({ fieldErrors: { actions: "Choose at least one action." } });
    expect(await db.connector.count({ where: { name } })).toBe(0);
  });

  it("stores actions once each, in vocabulary order, and audits the create", async () => {
    const owner = await createTestUser("owner");
    const result = await createConnectorAction.runAs(owner, { ...connectorInput(), actions: ["send", "read", "send"] });
    expect(result.ok).toBe(true);
    const id = (result as { data: { id: string } }).data.id;
    expect((await db.connector.findUniqueOrThrow({ where: { id } })).actions).toEqual(["read", "send"]);
    expect(await db.auditEvent.findFirst({ where: { targetId: id, action: "connector.create" } })).not.toBeNull();
  });

  it("will not withdraw an action a live grant still uses", async () => {
    const admin = await createTestUser("admin");
    const input = connectorInput({ actions: ["read", "write", "delete"] });
    const { id } = await createConnector(admin, input, testRequestId());
    const workflow = await createWorkflow(
      admin,
      { name: unique("Grant holder"), purpose: "Writes tickets.", teamId: null, environment: "production", models: [], providers: [], dataClassification: "internal", ownerId: null },
      testRequestId(),
    );
    await db.grant.create({
      data: { workflowId: workflow.id, connectorId: id, resources: ["ticket:support/*"], actions: ["write"], mode: "approve", requestedMode: "approve", justification: "Drafts replies.", status: "approved" },
    });
    const result = await updateConnectorAction.runAs(admin, { ...input, id, actions: ["read"] });
    expect(result).toMatchObject({ ok: false, fieldErrors: { actions: expect.stringContaining(": write. Revoke or reduce those grants first.") } });
    expect(await updateConnectorAction.runAs(admin, { ...input, id, actions: ["read", "write"] })).toMatchObject({ ok: true });
    expect((await db.connector.findUniqueOrThrow({ where: { id } })).actions).toEqual(["read", "write"]);
    const update = await db.auditEvent.findFirstOrThrow({ where: { targetId: id, action: "connector.update" } });
    expect(update).toMatchObject({ before: { actions: ["read", "write", "delete"] }, after: { actions: ["read", "write"] } });
  });

  it("answers not found for an unknown connector and refuses a taken name", async () => {
    const admin = await createTestUser("admin");
    expect(await updateConnectorAction.runAs(admin, { ...connectorInput(), id: crypto.randomUUID() })).toMatchObject({ ok: false, code: "not_found" });
    const first = connectorInput();
    await createConnector(admin, first, testRequestId());
    expect(await createConnectorAction.runAs(admin, connectorInput({ name: first.name }))).toMatchObject({ fieldErrors: { name: "A connector with this name already exists." } });
  });
});
