import { describe, expect, it } from "vitest";
import { changeWorkflowStatusAction, createWorkflowAction, updateWorkflowAction } from "@/app/(console)/workflows/actions";
import type { Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db/client";
import { createTestUser, testRequestId, unique } from "@/lib/testing/factories";
import { changeWorkflowStatus } from "./change-workflow-status";
import { createWorkflow, type CreateWorkflowInput } from "./create-workflow";
import { loadIdentityPath } from "./load-identity-path";
import { searchInventory } from "./search-inventory";
import { setWorkflowApprovers } from "./set-workflow-approvers";
import { updateWorkflow } from "./update-workflow";
import { findWorkflowDetail, listWorkflows } from "./workflow-queries";

function workflowInput(overrides: Partial<CreateWorkflowInput> = {}): CreateWorkflowInput {
  return {
    name: unique("Workflow"),
    purpose: "Answers questions about orders.",
    teamId: null,
    environment: "production",
    models: ["gpt-4o"],
    providers: ["OpenAI"],
    dataClassification: "internal",
    ownerId: null,
    ...overrides,
  };
}

async function auditFor(targetId: string) {
  return db.auditEvent.findMany({ where: { targetId }, orderBy: { seq: "asc" } });
}

describe("workflow ownership rules", () => {
  it("refuses to activate a workflow without an owner, then activates it once one is named", async () => {
    const admin = await createTestUser("admin");
    const owner = await createTestUser("owner");
    const { id } = await createWorkflow(admin, workflowInput(), testRequestId());

    const refused = await changeWorkflowStatusAction.runAs(admin, { id, status: "active" });
    expect(refused).toMatchObject({ ok: false, code: "invalid", fieldErrors: { status: "Name an accountable owner before activating this workflow." } });
    expect((await db.workflow.findUniqueOrThrow({ where: { id } })).status).toBe("draft");

    await updateWorkflow(admin, { id, ...workflowInput({ name: (await db.workflow.findUniqueOrThrow({ where: { id } })).name, ownerId: owner.id }) }, testRequestId());
    const activated = await changeWorkflowStatusAction.runAs(admin, { id, status: "active" });
    expect(activated).toMatchObject({ ok: true, data: { status: "active" } });
  });

  it("refuses to re-activate a suspended workflow whose owner was deactivated", async () => {
    const owner = await createTestUser("owner");
    const { id } = await createWorkflow(owner, workflowInput(), testRequestId());
    await changeWorkflowStatus(owner, { id, status: "active" }, testRequestId());
    await changeWorkflowStatus(owner, { id, status: "suspended" }, testRequestId());
    await db.user.update({ where: { id: owner.id }, data: { active: false } });
    const admin = await createTestUser("admin");
    await expect(changeWorkflowStatus(admin, { id, status: "active" }, testRequestId())).rejects.toMatchObject({
      code: "invalid",
      fieldErrors: { status: "The owner is deactivated. Name a new accountable owner before activating this workflow." },
    });
  });

  it("makes a product owner the owner of the workflow they register", async () => {
    const owner = await createTestUser("owner");
    const { id } = await createWorkflow(owner, workflowInput(), testRequestId());
    expect((await db.workflow.findUniqueOrThrow({ where: { id } })).ownerId).toBe(owner.id);
  });

  it("refuses to name someone who cannot be accountable as owner", async () => {
    const admin = await createTestUser("admin");
    const analyst = await createTestUser("analyst");
    const gone = await createTestUser("owner", { active: false });
    for (const person of [analyst, gone]) {
      const result = await createWorkflowAction.runAs(admin, workflowInput({ ownerId: person.id }));
      expect(result).toMatchObject({ ok: false, fieldErrors: { ownerId: "The owner must be an active person with the owner or admin role." } });
    }
  });

  it("keeps an owner on a workflow past draft", async () => {
    const owner = await createTestUser("owner");
    const input = workflowInput();
    const { id } = await createWorkflow(owner, input, testRequestId());
    await changeWorkflowStatus(owner, { id, status: "active" }, testRequestId());
    const admin = await createTestUser("admin");
    await expect(updateWorkflow(admin, { id, ...input, ownerId: null }, testRequestId())).rejects.toMatchObject({
      fieldErrors: { ownerId: "As an active workflow it must keep an accountable owner; only a draft may have none." },
    });
  });
});

describe("orphaned workflows", () => {
  it("says so in the list, the detail, the inventory and the identity path once the owner is deactivated", async () => {
    const owner = await createTestUser("owner");
    const input = workflowInput();
    const { id } = await createWorkflow(owner, input, testRequestId());
    await changeWorkflowStatus(owner, { id, status: "active" }, testRequestId());
    expect((await findWorkflowDetail(id))?.orphaned).toBe(false);

    await db.user.update({ where: { id: owner.id }, data: { active: false } });

    expect((await listWorkflows()).find((w) => w.id === id)?.orphaned).toBe(true);
    expect((await findWorkflowDetail(id))?.orphaned).toBe(true);
    expect((await loadIdentityPath(id)).workflow.orphaned).toBe(true);
    const [row] = await searchInventory({ q: input.name });
    expect(row).toMatchObject({ id, orphaned: true });
    const orphans = await searchInventory({ type: "workflow", owner: "orphaned" });
    expect(orphans.map((r) => r.id)).toContain(id);
  });

  it("does not call a draft without an owner orphaned, nor a retired workflow", async () => {
    const admin = await createTestUser("admin");
    const draft = await createWorkflow(admin, workflowInput(), testRequestId());
    expect((await findWorkflowDetail(draft.id))?.orphaned).toBe(false);
    await changeWorkflowStatus(admin, { id: draft.id, status: "retired" }, testRequestId());
    expect((await findWorkflowDetail(draft.id))?.orphaned).toBe(false);
  });
});

describe("who may change a workflow", () => {
  it("lets a product owner change only the workflows they own", async () => {
    const alice = await createTestUser("owner");
    const bob = await createTestUser("owner");
    const input = workflowInput();
    const { id } = await createWorkflow(alice, input, testRequestId());

    const attempt = await updateWorkflowAction.runAs(bob, { id, ...input, purpose: "Bob was here." });
    expect(attempt).toMatchObject({ ok: false, code: "forbidden", error: "You can only change workflows you own." });
    expect(await changeWorkflowStatusAction.runAs(bob, { id, status: "retired" })).toMatchObject({ ok: false, code: "forbidden" });
    expect((await db.workflow.findUniqueOrThrow({ where: { id } })).purpose).toBe(input.purpose);

    expect(await updateWorkflowAction.runAs(alice, { id, ...input, purpose: "Alice's change." })).toMatchObject({ ok: true });
    const admin = await createTestUser("admin");
    expect(await updateWorkflowAction.runAs(admin, { id, ...input, purpose: "Admin's change." })).toMatchObject({ ok: true });
  });

  it("answers not found for an unknown workflow and refuses roles without workflow:write", async () => {
    const admin = await createTestUser("admin");
    const missing = await updateWorkflowAction.runAs(admin, { id: crypto.randomUUID(), ...workflowInput() });
    expect(missing).toMatchObject({ ok: false, code: "not_found", error: "Workflow was not found." });
    for (const role of ["reviewer", "analyst", "auditor"] as const) {
      const actor = await createTestUser(role);
      expect(await createWorkflowAction.runAs(actor, workflowInput())).toMatchObject({ ok: false, code: "forbidden" });
    }
  });

  it("keeps a retired workflow as it was", async () => {
    const owner = await createTestUser("owner");
    const input = workflowInput();
    const { id } = await createWorkflow(owner, input, testRequestId());
    await changeWorkflowStatus(owner, { id, status: "retired" }, testRequestId());
    expect(await changeWorkflowStatusAction.runAs(owner, { id, status: "active" })).toMatchObject({ ok: false, code: "conflict" });
    expect(await updateWorkflowAction.runAs(owner, { id, ...input, purpose: "Back from the dead." })).toMatchObject({ ok: false, code: "conflict" });
  });
});

describe("workflow validation", () => {
  it("names each bad field and saves nothing", async () => {
    const admin = await createTestUser("admin");
    const name = unique("Invalid");
    const result = await createWorkflowAction.runAs(admin, {
      ...workflowInput({ name }),
      purpose: "x".repeat(1001),
      environment: "moon",
      models: ["m".repeat(81)],
      teamId: "not-an-id",
    });
    expect(result).toMatchObject({
      ok: false,
      code: "invalid",
      fieldErrors: {
        purpose: "Purpose is too long (1000 characters at most).",
        environment: "Environment must be one of: production, staging, development.",
        "models.0": "Each entry in Models is 80 characters at most.",
        teamId: "Choose a team from the list.",
      },
    });
    const longName = await createWorkflowAction.runAs(admin, workflowInput({ name: "n".repeat(121) }));
    expect(longName).toMatchObject({ fieldErrors: { name: "Name is too long (120 characters at most)." } });
    expect(await db.workflow.count({ where: { name } })).toBe(0);
  });

  it("refuses unknown teams and owners and a duplicate name, all at once", async () => {
    const admin = await createTestUser("admin");
    const { id } = await createWorkflow(admin, workflowInput(), testRequestId());
    const taken = (await db.workflow.findUniqueOrThrow({ where: { id } })).name;
    const result = await createWorkflowAction.runAs(admin, workflowInput({ name: taken, teamId: crypto.randomUUID(), ownerId: crypto.randomUUID() }));
    expect(result).toMatchObject({
      ok: false,
      fieldErrors: {
        name: "A workflow with this name already exists.",
        teamId: "That team does not exist. Choose a team from the list.",
        ownerId: "That person does not exist. Choose the owner from the list.",
      },
    });
    expect(await db.workflow.count({ where: { name: taken } })).toBe(1);
  });

  it("refuses a move the lifecycle does not allow", async () => {
    const owner = await createTestUser("owner");
    const { id } = await createWorkflow(owner, workflowInput(), testRequestId());
    expect(await changeWorkflowStatusAction.runAs(owner, { id, status: "suspended" })).toMatchObject({
      ok: false,
      fieldErrors: { status: "A draft workflow cannot become suspended." },
    });
  });
});

describe("workflow audit trail", () => {
  it("records create, update (only what changed), status change and approvers", async () => {
    const owner = await createTestUser("owner");
    const reviewer = await createTestUser("reviewer");
    const input = workflowInput();
    const { id } = await createWorkflow(owner, input, testRequestId());
    await updateWorkflow(owner, { id, ...input, purpose: "A clearer purpose." }, testRequestId());
    await updateWorkflow(owner, { id, ...input, purpose: "A clearer purpose." }, testRequestId()); // no change, no event
    await changeWorkflowStatus(owner, { id, status: "active" }, testRequestId());
    await setWorkflowApprovers(owner, { workflowId: id, userIds: [reviewer.id] }, testRequestId());

    const events = await auditFor(id);
    expect(events.map((e) => e.action)).toEqual(["workflow.create", "workflow.update", "workflow.status_change", "workflow.set_approvers"]);
    expect(events[0]).toMatchObject({ actorId: owner.id, targetType: "workflow", after: expect.objectContaining({ name: input.name, status: "draft", ownerId: owner.id }) });
    expect(events[1]).toMatchObject({ before: { purpose: input.purpose }, after: { purpose: "A clearer purpose." } });
    expect(events[2]).toMatchObject({ before: { status: "draft" }, after: { status: "active" } });
    expect(events[3]).toMatchObject({ before: { approvers: [] }, after: { approvers: [reviewer.email] } });
  });
});

describe("designated approvers", () => {
  async function setup(): Promise<{ owner: Actor & { type: "user" }; workflowId: string }> {
    const owner = await createTestUser("owner");
    const { id } = await createWorkflow(owner, workflowInput(), testRequestId());
    return { owner, workflowId: id };
  }

  it("replaces the approver list", async () => {
    const { owner, workflowId } = await setup();
    const [a, b, c] = await Promise.all([createTestUser("reviewer"), createTestUser("admin"), createTestUser("owner")]);
    await setWorkflowApprovers(owner, { workflowId, userIds: [a.id, b.id] }, testRequestId());
    await setWorkflowApprovers(owner, { workflowId, userIds: [b.id, c.id] }, testRequestId());
    const approvers = await db.workflowApprover.findMany({ where: { workflowId } });
    expect(approvers.map((x) => x.userId).sort()).toEqual([b.id, c.id].sort());
  });

  it("refuses the owner, analysts and unknown people, keeping the list as it was", async () => {
    const { owner, workflowId } = await setup();
    const reviewer = await createTestUser("reviewer");
    const analyst = await createTestUser("analyst");
    await setWorkflowApprovers(owner, { workflowId, userIds: [reviewer.id] }, testRequestId());
    await expect(setWorkflowApprovers(owner, { workflowId, userIds: [reviewer.id, owner.id] }, testRequestId())).rejects.toMatchObject({
      fieldErrors: { userIds: "The owner already decides this workflow's requests; choose someone else." },
    });
    await expect(setWorkflowApprovers(owner, { workflowId, userIds: [analyst.id] }, testRequestId())).rejects.toMatchObject({
      fieldErrors: { userIds: `${analyst.email} cannot approve: approvers must be active admins, owners or reviewers.` },
    });
    await expect(setWorkflowApprovers(owner, { workflowId, userIds: [crypto.randomUUID()] }, testRequestId())).rejects.toMatchObject({
      fieldErrors: { userIds: "Choose approvers from the list." },
    });
    expect((await db.workflowApprover.findMany({ where: { workflowId } })).map((x) => x.userId)).toEqual([reviewer.id]);
  });
});
