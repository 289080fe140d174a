import { describe, expect, it, vi } from "vitest";
import { changeTriageStatusAction, assignTriageAction, commentTriageAction, createSavedViewAction, deleteSavedViewAction } from "@/app/(console)/interactions/actions";
import { db } from "@/lib/db/client";
import { createTestUser, testRequestId, unique } from "@/lib/testing/factories";
import { createInteraction } from "@/lib/testing/interaction-fixtures";
import { createSavedView, deleteSavedView, listSavedViews } from "./saved-views";
import { addTriageComment, assignTriageItems, changeTriageStatus } from "./update-items";

// Triage decisions: who may make them, what each records (the item, its history, the audit trail),
// and the moves the status workflow refuses.

vi.mock("next/cache", async (importOriginal) => ({ ...(await importOriginal<typeof import("next/cache")>()), revalidatePath: vi.fn() }));

const flagged = (overrides: Parameters<typeof createInteraction>[0] = {}) => createInteraction({ findings: [{ category: "prompt_injection" }], ...overrides });
const item = (id: string) => db.triageItem.findUniqueOrThrow({ where: { interactionId: id } });
const auditFor = (action: string, id: string) => db.auditEvent.findMany({ where: { action, targetType: "triage_item", targetId: id }, orderBy: { seq: "asc" } });

describe("changing a triage item's status", () => {
  it("marks an item false positive with a reason: item, history, audit and time to triage", async () => {
    const analyst = await createTestUser("analyst");
    const { id } = await flagged();
    const requestId = testRequestId();
    const result = await changeTriageStatus(analyst, { interactionIds: [id], status: "false_positive", reason: "Quoted from a security training deck." }, requestId);
    expect(result).toEqual({ changed: 1, unchanged: 0, skipped: [] });
    const after = await item(id);
    expect(after.status).toBe("false_positive");
    expect(after.triagedAt).toBeInstanceOf(Date);
    const [event] = await db.triageEvent.findMany({ where: { interactionId: id } });
    expect(event).toMatchObject({ kind: "status", actorId: analyst.id, actorLabel: analyst.email, fromStatus: "new", toStatus: "false_positive", reason: "Quoted from a security training deck.", requestId, groupKey: null });
    const [audit] = await auditFor("triage.status", id);
    expect(audit).toMatchObject({ actorId: analyst.id, requestId, before: { status: "new" }, after: { status: "false_positive", reason: "Quoted from a security training deck." } });
  });

  it("keeps the first triage time when the item moves again", async () => {
    const analyst = await createTestUser("analyst");
    const { id } = await flagged();
    await changeTriageStatus(analyst, { interactionIds: [id], status: "in_review" }, testRequestId());
    const first = (await item(id)).triagedAt!;
    await new Promise((resolve) => setTimeout(resolve, 5));
    await changeTriageStatus(analyst, { interactionIds: [id], status: "escalated", reason: "Same key seen in another workflow." }, testRequestId());
    expect((await item(id)).triagedAt).toEqual(first);
    expect((await item(id)).status).toBe("escalated");
  });

  it("asks for a reason, except to start a review", async () => {
    const analyst = await createTestUser("analyst");
    const { id } = await flagged();
    await expect(changeTriageStatus(analyst, { interactionIds: [id], status: "resolved", reason: "  " }, testRequestId())).rejects.toMatchObject({
      code: "invalid",
      fieldErrors: { reason: expect.stringContaining("Say why") },
    });
    expect((await item(id)).status).toBe("new");
    expect(await auditFor("triage.status", id)).toHaveLength(0);
  });

  it("refuses a move the workflow does not allow, naming the status field", async () => {
    const analyst = await createTestUser("analyst");
    const { id } = await flagged({ status: "resolved" });
    await expect(changeTriageStatus(analyst, { interactionIds: [id], status: "escalated", reason: "x" }, testRequestId())).rejects.toMatchObject({
      fieldErrors: { status: "Resolved cannot become Escalated. Reopen it (In review) first." },
    });
    await expect(changeTriageStatus(analyst, { interactionIds: [id], status: "new" as never, reason: "x" }, testRequestId())).rejects.toMatchObject({ fieldErrors: { status: expect.any(String) } });
  });

  it("applies a bulk change to every item of a group, noting the group, and skips what cannot move", async () => {
    const analyst = await createTestUser("analyst");
    const groupKey = unique("secret:hash");
    const a = await flagged({ groupKey });
    const b = await flagged({ groupKey, status: "in_review" });
    const c = await flagged({ groupKey, status: "false_positive" });
    const d = await flagged({ groupKey, status: "resolved" });
    const picked = await flagged();
    const result = await changeTriageStatus(analyst, { groupKeys: [groupKey], interactionIds: [picked.id], status: "resolved", reason: "Key rotated." }, testRequestId());
    expect(result.changed).toBe(3);
    expect(result.unchanged).toBe(1);
    expect(result.skipped).toEqual([{ interactionId: c.id, reason: "False positive cannot become Resolved. Reopen it (In review) first." }]);
    for (const id of [a.id, b.id, picked.id, d.id]) expect((await item(id)).status).toBe("resolved");
    expect((await item(c.id)).status).toBe("false_positive");
    expect((await db.triageEvent.findFirstOrThrow({ where: { interactionId: a.id } })).groupKey).toBe(groupKey);
    expect((await db.triageEvent.findFirstOrThrow({ where: { interactionId: picked.id } })).groupKey).toBeNull();
    for (const id of [a.id, b.id, picked.id]) expect(await auditFor("triage.status", id)).toHaveLength(1);
    expect(await auditFor("triage.status", d.id)).toHaveLength(0);
  });

  it("answers not found for an unknown interaction, changing nothing", async () => {
    const analyst = await createTestUser("analyst");
    const { id } = await flagged();
    await expect(changeTriageStatus(analyst, { interactionIds: [id, crypto.randomUUID()], status: "in_review" }, testRequestId())).rejects.toMatchObject({ code: "not_found" });
    expect((await item(id)).status).toBe("new");
  });
});

describe("assigning and commenting", () => {
  it("assigns to an analyst, records the change, and unassigns", async () => {
    const [admin, analyst] = [await createTestUser("admin"), await createTestUser("analyst")];
    const { id } = await flagged();
    await assignTriageItems(admin, { interactionIds: [id], assigneeId: analyst.id }, testRequestId());
    expect((await item(id)).assigneeId).toBe(analyst.id);
    await assignTriageItems(admin, { interactionIds: [id], assigneeId: "" }, testRequestId());
    expect((await item(id)).assigneeId).toBeNull();
    const events = await db.triageEvent.findMany({ where: { interactionId: id }, orderBy: { at: "asc" } });
    expect(events.map((e) => [e.kind, e.fromAssigneeId, e.toAssigneeId])).toEqual([
      ["assignment", null, analyst.id],
      ["assignment", analyst.id, null],
    ]);
    expect((await auditFor("triage.assign", id)).map((a) => a.after)).toEqual([
      { assigneeId: analyst.id, reason: null, group: null },
      { assigneeId: null, reason: null, group: null },
    ]);
  });

  it("refuses to hand work to someone who may not do it (an auditor, a deactivated analyst)", async () => {
    const analyst = await createTestUser("analyst");
    const auditor = await createTestUser("auditor");
    const gone = await createTestUser("analyst", { active: false });
    const { id } = await flagged();
    for (const person of [auditor, gone]) {
      await expect(assignTriageItems(analyst, { interactionIds: [id], assigneeId: person.id }, testRequestId())).rejects.toMatchObject({ fieldErrors: { assigneeId: expect.stringContaining("analyst or an admin") } });
    }
  });

  it("keeps comments in the history and the audit trail", async () => {
    const analyst = await createTestUser("analyst");
    const { id } = await flagged();
    const { id: commentId } = await addTriageComment(analyst, { interactionId: id, body: " Asked the owner whether the key is live. " }, testRequestId());
    expect(await db.triageComment.findUniqueOrThrow({ where: { id: commentId } })).toMatchObject({ body: "Asked the owner whether the key is live.", authorId: analyst.id, authorLabel: analyst.email });
    expect((await auditFor("triage.comment", id))[0]?.after).toEqual({ commentId, body: "Asked the owner whether the key is live." });
    await expect(addTriageComment(analyst, { interactionId: id, body: "" }, testRequestId())).rejects.toMatchObject({ fieldErrors: { body: "Write a comment." } });
  });
});

describe("who may change the queue", () => {
  it("refuses an auditor every change, through the server actions, and changes nothing", async () => {
    const auditor = await createTestUser("auditor");
    const { id, groupKey } = await flagged();
    const attempts = [
      changeTriageStatusAction.runAs(auditor, { interactionIds: [id], status: "false_positive", reason: "Not a real attack." }),
      changeTriageStatusAction.runAs(auditor, { groupKeys: [groupKey!], status: "resolved", reason: "Done." }),
      assignTriageAction.runAs(auditor, { interactionIds: [id], assigneeId: auditor.id }),
      commentTriageAction.runAs(auditor, { interactionId: id, body: "Looks fine to me." }),
      createSavedViewAction.runAs(auditor, { name: "Mine", query: "status=all" }),
    ];
    for (const result of await Promise.all(attempts)) expect(result).toMatchObject({ ok: false, code: "forbidden" });
    expect(await item(id)).toMatchObject({ status: "new", assigneeId: null, triagedAt: null });
    expect(await db.triageComment.count({ where: { interactionId: id } })).toBe(0);
    expect(await db.auditEvent.count({ where: { targetId: id } })).toBe(0);
  });

  it("lets an analyst make the same change through the same action", async () => {
    const analyst = await createTestUser("analyst");
    const { id } = await flagged();
    const result = await changeTriageStatusAction.runAs(analyst, { interactionIds: [id], status: "false_positive", reason: "Not a real attack." });
    expect(result).toMatchObject({ ok: true, data: { changed: 1 } });
    expect((await item(id)).status).toBe("false_positive");
  });

  it("refuses an API token, whatever its scopes", async () => {
    const { id } = await flagged();
    const token = { type: "token" as const, id: crypto.randomUUID(), name: "export-bot", scopes: ["triage:export"] };
    expect(await changeTriageStatusAction.runAs(token, { interactionIds: [id], status: "resolved", reason: "x" })).toMatchObject({ ok: false, code: "forbidden" });
  });
});

describe("saved views", () => {
  it("saves a personal view (normalised, without its page position) that only its owner sees", async () => {
    const [mine, other] = [await createTestUser("analyst"), await createTestUser("analyst")];
    const name = unique("Injection in support");
    const saved = await createSavedView(mine, { name, query: "?category=prompt_injection&status=open&after=abc&sort=newest" }, testRequestId());
    expect(saved.query).toBe("category=prompt_injection");
    expect((await listSavedViews(mine)).find((v) => v.id === saved.id)).toMatchObject({ name, mine: true, shared: false });
    expect((await listSavedViews(other)).some((v) => v.id === saved.id)).toBe(false);
    await expect(deleteSavedView(other, { id: saved.id }, testRequestId())).rejects.toMatchObject({ code: "not_found" });
  });

  it("shares a view with everyone who reads the queue; only its owner or an admin deletes it", async () => {
    const [owner, other, admin, auditor] = [await createTestUser("analyst"), await createTestUser("analyst"), await createTestUser("admin"), await createTestUser("auditor")];
    const saved = await createSavedView(owner, { name: unique("Open secrets"), shared: true, query: "category=secret" }, testRequestId());
    expect((await listSavedViews(auditor)).find((v) => v.id === saved.id)).toMatchObject({ shared: true, mine: false });
    await expect(deleteSavedView(other, { id: saved.id }, testRequestId())).rejects.toMatchObject({ code: "forbidden" });
    expect(await deleteSavedViewAction.runAs(auditor, { id: saved.id })).toMatchObject({ ok: false, code: "forbidden" });
    await deleteSavedView(admin, { id: saved.id }, testRequestId());
    expect(await db.savedView.findUnique({ where: { id: saved.id } })).toBeNull();
    expect(await db.auditEvent.findFirst({ where: { action: "triage.view.delete", targetId: saved.id } })).toMatchObject({ actorId: admin.id });
  });

  it("refuses a view whose filters are not valid, or a name already used", async () => {
    const analyst = await createTestUser("analyst");
    await expect(createSavedView(analyst, { name: "Bad", query: "severity=urgent" }, testRequestId())).rejects.toMatchObject({ fieldErrors: { query: expect.stringContaining("Severity must be one of") } });
    const name = unique("Twice");
    await createSavedView(analyst, { name, query: "" }, testRequestId());
    await expect(createSavedView(analyst, { name, query: "status=all" }, testRequestId())).rejects.toMatchObject({ code: "conflict", fieldErrors: { name: expect.any(String) } });
  });
});
