import { describe, expect, it } from "vitest";
import { attachCredentialAction, createCredentialAction, rotateCredentialAction, updateCredentialAction } from "@/app/(console)/credentials/actions";
import { db } from "@/lib/db/client";
import { createTestUser, testRequestId, unique } from "@/lib/testing/factories";
import { attachCredential, detachCredential } from "./attach-credential";
import { createCredential, type CreateCredentialInput } from "./create-credential";
import { createWorkflow } from "./create-workflow";
import { rotateCredential } from "./rotate-credential";

const DAY = 86_400_000;
const isoDay = (offsetDays: number) => new Date(Date.now() + offsetDays * DAY).toISOString().slice(0, 10);

function credentialInput(overrides: Partial<CreateCredentialInput> = {}): CreateCredentialInput {
  return {
    name: unique("credential"),
    kind: "api_key",
    connectorId: null,
    environment: "production",
    lastFour: "7Qx2",
    fingerprint: null,
    ownerId: null,
    issuedAt: null,
    lastRotatedAt: null,
    expiresAt: null,
    rotationPolicyDays: 90,
    ...overrides,
  };
}

const PASTED_SECRET = "sk-proj-4fJ9xQ2mZ7vL1pR8tY3wK6nB0cH5dE2gA9sU";

describe("credentials never hold a secret", () => {
  it("refuses a pasted key in Last four, stores nothing and writes no audit event", async () => {
    const owner = await createTestUser("owner");
    const name = unique("leaky");
    const result = await createCredentialAction.runAs(owner, { ...credentialInput({ name }), lastFour: PASTED_SECRET });
    expect(result).toMatchObject({
      ok: false,
      code: "invalid",
      fieldErrors: { lastFour: "Enter only the last 4 characters. Warden never stores a secret, so paste nothing longer." },
    });
    expect(await db.credential.count({ where: { name } })).toBe(0);
    const leaked = await db.$queryRaw<{ n: bigint }[]>`SELECT count(*) AS n FROM audit_events WHERE after::text LIKE ${`%${PASTED_SECRET.slice(8, 24)}%`}`;
    expect(Number(leaked[0]!.n)).toBe(0);
  });

  it("refuses a key pasted as fingerprint or name, and last four of the wrong length", async () => {
    const owner = await createTestUser("owner");
    expect(await createCredentialAction.runAs(owner, credentialInput({ lastFour: null, fingerprint: PASTED_SECRET }))).toMatchObject({
      fieldErrors: { fingerprint: "This looks like the secret itself. Enter its fingerprint (e.g. SHA256:9f2c…41ab), never the key." },
    });
    expect(await createCredentialAction.runAs(owner, credentialInput({ name: "ghp_0123456789abcdefghijABCDEFGHIJ" }))).toMatchObject({
      fieldErrors: { name: "This looks like a secret. Name the credential, e.g. zendesk-api-token." },
    });
    expect(await createCredentialAction.runAs(owner, credentialInput({ lastFour: "7Qx" }))).toMatchObject({
      fieldErrors: { lastFour: "Last four must be exactly 4 characters." },
    });
    expect(await createCredentialAction.runAs(owner, credentialInput({ lastFour: null, fingerprint: null }))).toMatchObject({
      fieldErrors: { lastFour: "Give the last four characters or the fingerprint, so people can tell this credential apart." },
    });
  });

  it("refuses a pasted key when marking a credential rotated", async () => {
    const owner = await createTestUser("owner");
    const { id } = await createCredential(owner, credentialInput(), testRequestId());
    expect(await rotateCredentialAction.runAs(owner, { id, lastFour: PASTED_SECRET })).toMatchObject({ ok: false, fieldErrors: { lastFour: expect.stringContaining("last 4") } });
    expect((await db.credential.findUniqueOrThrow({ where: { id } })).lastRotatedAt).toBeNull();
  });

  it("stores the last four and fingerprint it is given, with a 90-day rotation policy by default", async () => {
    const owner = await createTestUser("owner");
    const withoutPolicy: Partial<CreateCredentialInput> = credentialInput({ fingerprint: "SHA256:9f2c…41ab" });
    delete withoutPolicy.rotationPolicyDays;
    const result = await createCredentialAction.runAs(owner, withoutPolicy);
    expect(result.ok).toBe(true);
    const stored = await db.credential.findUniqueOrThrow({ where: { id: (result as { data: { id: string } }).data.id } });
    expect(stored).toMatchObject({ lastFour: "7Qx2", fingerprint: "SHA256:9f2c…41ab", rotationPolicyDays: 90, ownerId: owner.id });
  });
});

describe("credential dates", () => {
  it("refuses an expiry in the past, but lets an already-expired credential be edited", async () => {
    const owner = await createTestUser("owner");
    expect(await createCredentialAction.runAs(owner, { ...credentialInput(), expiresAt: isoDay(-1) })).toMatchObject({
      ok: false,
      fieldErrors: { expiresAt: "Expires must be in the future." },
    });
    expect(await createCredentialAction.runAs(owner, { ...credentialInput(), issuedAt: isoDay(3) })).toMatchObject({
      fieldErrors: { issuedAt: "Issued cannot be in the future." },
    });

    const input = credentialInput({ issuedAt: new Date(Date.now() - 100 * DAY) });
    const { id } = await createCredential(owner, input, testRequestId());
    const expired = new Date(Date.now() - DAY);
    await db.credential.update({ where: { id }, data: { expiresAt: expired } });
    const edit = await updateCredentialAction.runAs(owner, { ...input, id, issuedAt: input.issuedAt!.toISOString(), expiresAt: expired.toISOString(), environment: "staging" });
    expect(edit).toMatchObject({ ok: true });
    expect((await db.credential.findUniqueOrThrow({ where: { id } })).environment).toBe("staging");
  });

  it("keeps stored times when the edit form sends the same calendar days back", async () => {
    const owner = await createTestUser("owner");
    const input = credentialInput({ issuedAt: new Date(Date.now() - 100 * DAY), lastRotatedAt: new Date(Date.now() - 10 * DAY) });
    const { id } = await createCredential(owner, input, testRequestId());
    const expired = new Date(Date.now() - DAY);
    await db.credential.update({ where: { id }, data: { expiresAt: expired } });
    const stored = await db.credential.findUniqueOrThrow({ where: { id } });
    const day = (date: Date | null) => date!.toISOString().slice(0, 10);
    const edit = await updateCredentialAction.runAs(owner, {
      ...input,
      id,
      rotationPolicyDays: "30",
      issuedAt: day(stored.issuedAt),
      lastRotatedAt: day(stored.lastRotatedAt),
      expiresAt: day(stored.expiresAt),
    });
    expect(edit).toMatchObject({ ok: true });
    const after = await db.credential.findUniqueOrThrow({ where: { id } });
    expect(after).toMatchObject({ issuedAt: stored.issuedAt, lastRotatedAt: stored.lastRotatedAt, expiresAt: stored.expiresAt, rotationPolicyDays: 30 });
    const event = await db.auditEvent.findFirstOrThrow({ where: { targetId: id, action: "credential.update" } });
    expect(event.after).toEqual({ rotationPolicyDays: 30 });
  });
});

describe("who may change a credential", () => {
  it("lets a product owner change and rotate only their own credentials", async () => {
    const alice = await createTestUser("owner");
    const bob = await createTestUser("owner");
    const input = credentialInput();
    const { id } = await createCredential(alice, input, testRequestId());
    expect(await rotateCredentialAction.runAs(bob, { id })).toMatchObject({ ok: false, code: "forbidden", error: "You can only change credentials you own." });
    expect(await updateCredentialAction.runAs(bob, { ...input, id, environment: "staging" })).toMatchObject({ ok: false, code: "forbidden" });
    expect(await rotateCredentialAction.runAs(alice, { id })).toMatchObject({ ok: true });
    expect(await rotateCredentialAction.runAs(alice, { id: crypto.randomUUID() })).toMatchObject({ ok: false, code: "not_found" });
  });

  it("marks a credential rotated now, with the new last four, and audits it", async () => {
    const owner = await createTestUser("owner");
    const { id } = await createCredential(owner, credentialInput(), testRequestId());
    const before = Date.now();
    await rotateCredential(owner, { id, lastFour: "Zz99" }, testRequestId());
    const stored = await db.credential.findUniqueOrThrow({ where: { id } });
    expect(stored.lastRotatedAt!.getTime()).toBeGreaterThanOrEqual(before);
    expect(stored.lastFour).toBe("Zz99");
    const event = await db.auditEvent.findFirstOrThrow({ where: { targetId: id, action: "credential.rotate" } });
    expect(event).toMatchObject({ actorId: owner.id, before: { lastRotatedAt: null, lastFour: "7Qx2" }, after: { lastFour: "Zz99" } });
  });
});

describe("which workflows use a credential", () => {
  it("attaches and detaches a workflow, audited, only by someone who may change the workflow", async () => {
    const alice = await createTestUser("owner");
    const bob = await createTestUser("owner");
    const { id: credentialId } = await createCredential(alice, credentialInput(), testRequestId());
    const { id: workflowId } = await createWorkflow(
      alice,
      { name: unique("wf"), purpose: "Uses a key.", teamId: null, environment: "production", models: [], providers: [], dataClassification: "internal", ownerId: null },
      testRequestId(),
    );

    expect(await attachCredentialAction.runAs(bob, { credentialId, workflowId })).toMatchObject({ ok: false, code: "forbidden" });
    await attachCredential(alice, { credentialId, workflowId }, testRequestId());
    expect(await attachCredentialAction.runAs(alice, { credentialId, workflowId })).toMatchObject({ ok: false, fieldErrors: { workflowId: expect.stringContaining("already uses this credential") } });
    expect(await db.workflowCredential.count({ where: { credentialId, workflowId } })).toBe(1);

    await detachCredential(alice, { credentialId, workflowId }, testRequestId());
    expect(await db.workflowCredential.count({ where: { credentialId, workflowId } })).toBe(0);
    await expect(detachCredential(alice, { credentialId, workflowId }, testRequestId())).rejects.toMatchObject({ code: "not_found" });

    const actions = (await db.auditEvent.findMany({ where: { targetId: credentialId }, orderBy: { seq: "asc" } })).map((e) => e.action);
    expect(actions).toEqual(["credential.create", "credential.attach_workflow", "credential.detach_workflow"]);
  });
});
