import "server-only";
import { z } from "zod";
import { actorLabel, actorUserId, type Actor } from "@/lib/auth/actor";
import { roleCan } from "@/lib/auth/permissions";
import { recordAudit } from "@/lib/audit/record";
import { db, type Tx } from "@/lib/db/client";
import { NotFoundError, ValidationError } from "@/lib/errors";
import type { Prisma, TriageStatus } from "@/lib/generated/prisma/client";
import { parseInput, reasonField } from "@/lib/grants/fields";
import { TRIAGE_STATUS_LABELS } from "./status";
import { reasonRequired, refusalFor, SETTABLE_STATUSES } from "./transitions";

// The analysts' decisions: change status (with a reason) and assign, on one item, on items picked
// in the queue, or on whole groups of related interactions. Every changed item gets a history row
// (triage_events) and an audit event, in the transaction that changes it; an item's first move out
// of "new" stamps triaged_at (time to triage).

/** Items one request may change, so a runaway selection cannot hold the queue locked. */
export const MAX_ITEMS_PER_CHANGE = 1000;

const selection = {
  interactionIds: z
    .array(z.guid({ message: "Each selected item must be an interaction id." }), { message: "Selected items must be a list." })
    .max(MAX_ITEMS_PER_CHANGE, `Too many items at once (${MAX_ITEMS_PER_CHANGE} at most).`)
    .default([]),
  groupKeys: z
    .array(z.string().trim().min(1, "A group cannot be empty.").max(500, "A group key is too long."), { message: "Selected groups must be a list." })
    .max(100, "Too many groups at once (100 at most).")
    .default([]),
};

const hasSelection = (input: { interactionIds: string[]; groupKeys: string[] }) => input.interactionIds.length + input.groupKeys.length > 0;
const SELECT_SOMETHING = { path: ["interactionIds"], message: "Select at least one interaction or group." };

export const changeStatusInput = z
  .object({
    ...selection,
    status: z.enum(SETTABLE_STATUSES, { message: "Choose In review, Escalated, False positive or Resolved." }),
    reason: reasonField.default(""),
  })
  .refine(hasSelection, SELECT_SOMETHING);
export type ChangeStatusInput = z.input<typeof changeStatusInput>;

export const assignInput = z
  .object({
    ...selection,
    // "" (the "Nobody" choice of a form) unassigns.
    assigneeId: z.preprocess((v) => (v === "" ? null : v), z.guid({ message: "Choose a person, or nobody." }).nullable()),
    reason: reasonField.default(""),
  })
  .refine(hasSelection, SELECT_SOMETHING);
export type AssignInput = z.input<typeof assignInput>;

interface LockedItem {
  interaction_id: string;
  status: TriageStatus;
  assignee_id: string | null;
  group_key: string;
  triaged_at: Date | null;
}

export interface ChangeResult {
  /** Items changed. */
  changed: number;
  /** Items that already were as asked. */
  unchanged: number;
  /** Items left alone because the move is not allowed from where they are, with why. */
  skipped: { interactionId: string; reason: string }[];
}

/** Locks the selected items (explicit ids and every item of the chosen groups) in a stable order. */
async function lockSelection(tx: Tx, interactionIds: string[], groupKeys: string[]): Promise<LockedItem[]> {
  const items = await tx.$queryRaw<LockedItem[]>`
    SELECT interaction_id, status, assignee_id, group_key, triaged_at FROM triage_items
    WHERE interaction_id = ANY(${interactionIds}::uuid[]) OR group_key = ANY(${groupKeys}::text[])
    ORDER BY interaction_id
    LIMIT ${MAX_ITEMS_PER_CHANGE + 1}
    FOR UPDATE`;
  if (items.length > MAX_ITEMS_PER_CHANGE) {
    throw new ValidationError(`That selection holds more than ${MAX_ITEMS_PER_CHANGE} interactions; narrow it and try again.`, {
      interactionIds: `More than ${MAX_ITEMS_PER_CHANGE} interactions selected.`,
    });
  }
  const found = new Set(items.map((i) => i.interaction_id));
  if (interactionIds.some((id) => !found.has(id))) throw new NotFoundError(interactionIds.length > 1 ? "One of the selected interactions" : "That interaction");
  const groupsFound = new Set(items.map((i) => i.group_key));
  if (groupKeys.some((key) => !groupsFound.has(key))) throw new NotFoundError("One of the selected groups");
  return items;
}

/** Which group a change came through, for the history: set when the item was not picked by itself. */
function viaGroup(item: LockedItem, interactionIds: string[], groupKeys: string[]): string | null {
  return groupKeys.includes(item.group_key) && !interactionIds.includes(item.interaction_id) ? item.group_key : null;
}

/**
 * The record of a change to these items: one history row each (triage_events, one statement) and
 * one audit event each, with the reason and the group the change came through.
 */
async function recordChanges(
  tx: Tx,
  actor: Actor,
  requestId: string,
  items: LockedItem[],
  input: { interactionIds: string[]; groupKeys: string[]; reason: string },
  at: Date,
  change: {
    kind: "status" | "assignment";
    action: "triage.status" | "triage.assign";
    event: (item: LockedItem) => Partial<Pick<Prisma.TriageEventCreateManyInput, "fromStatus" | "toStatus" | "fromAssigneeId" | "toAssigneeId">>;
    before: (item: LockedItem) => Record<string, unknown>;
    after: (item: LockedItem) => Record<string, unknown>;
  },
): Promise<void> {
  const reason = input.reason || null;
  await tx.triageEvent.createMany({
    data: items.map((item) => ({
      interactionId: item.interaction_id,
      kind: change.kind,
      actorId: actorUserId(actor),
      actorLabel: actorLabel(actor),
      ...change.event(item),
      reason,
      groupKey: viaGroup(item, input.interactionIds, input.groupKeys),
      requestId,
      at,
    })),
  });
  for (const item of items) {
    await recordAudit(tx, {
      actor,
      action: change.action,
      target: { type: "triage_item", id: item.interaction_id },
      before: change.before(item),
      after: { ...change.after(item), reason, group: viaGroup(item, input.interactionIds, input.groupKeys) },
      requestId,
    });
  }
}

export async function changeTriageStatus(actor: Actor, rawInput: ChangeStatusInput, requestId: string): Promise<ChangeResult> {
  const input = parseInput(changeStatusInput, rawInput);
  const reason = input.reason || null;
  return db.$transaction(async (tx) => {
    const items = await lockSelection(tx, input.interactionIds, input.groupKeys);
    const skipped: ChangeResult["skipped"] = [];
    let unchanged = 0;
    const moving: LockedItem[] = [];
    for (const item of items) {
      if (item.status === input.status) unchanged++;
      else {
        const refusal = refusalFor(item.status, input.status);
        if (refusal) skipped.push({ interactionId: item.interaction_id, reason: refusal });
        else moving.push(item);
      }
    }
    // One item picked on its own: say plainly why nothing happened.
    const single = items.length === 1 && input.groupKeys.length === 0;
    if (single && skipped.length === 1) throw new ValidationError("Some fields need attention.", { status: skipped[0]!.reason });
    if (!reason && moving.some((item) => reasonRequired(item.status, input.status))) {
      throw new ValidationError("Some fields need attention.", { reason: `Say why you are marking ${moving.length === 1 ? "it" : "them"} ${TRIAGE_STATUS_LABELS[input.status]}; the reason stays in the history.` });
    }
    if (moving.length === 0) return { changed: 0, unchanged, skipped };

    const now = new Date();
    const ids = moving.map((item) => item.interaction_id);
    // One statement, so the facet counters' trigger runs once for the whole change.
    await tx.$executeRaw`
      UPDATE triage_items SET status = ${input.status}::"TriageStatus", updated_at = ${now}, triaged_at = COALESCE(triaged_at, ${now})
      WHERE interaction_id = ANY(${ids}::uuid[])`;
    await recordChanges(tx, actor, requestId, moving, input, now, {
      kind: "status",
      action: "triage.status",
      event: (item) => ({ fromStatus: item.status, toStatus: input.status }),
      before: (item) => ({ status: item.status }),
      after: (item) => ({ status: input.status, triagedAt: (item.triaged_at ?? now).toISOString() }),
    });
    return { changed: moving.length, unchanged, skipped };
  });
}

/** People the queue can be handed to: active accounts whose role may work it. */
export async function listAssignees(): Promise<{ id: string; name: string; email: string }[]> {
  const people = await db.user.findMany({ where: { active: true }, select: { id: true, name: true, email: true, role: true }, orderBy: { name: "asc" } });
  return people.filter((p) => roleCan(p.role, "triage:write")).map(({ id, name, email }) => ({ id, name, email }));
}

export async function assignTriageItems(actor: Actor, rawInput: AssignInput, requestId: string): Promise<ChangeResult> {
  const input = parseInput(assignInput, rawInput);
  if (input.assigneeId) {
    const person = await db.user.findUnique({ where: { id: input.assigneeId }, select: { active: true, role: true } });
    if (!person || !person.active || !roleCan(person.role, "triage:write")) {
      throw new ValidationError("Some fields need attention.", { assigneeId: "Choose an active person who may work the queue (an analyst or an admin)." });
    }
  }
  return db.$transaction(async (tx) => {
    const items = await lockSelection(tx, input.interactionIds, input.groupKeys);
    const moving = items.filter((item) => item.assignee_id !== input.assigneeId);
    if (moving.length === 0) return { changed: 0, unchanged: items.length, skipped: [] };
    const now = new Date();
    const ids = moving.map((item) => item.interaction_id);
    await tx.$executeRaw`
      UPDATE triage_items SET assignee_id = ${input.assigneeId}::uuid, updated_at = ${now} WHERE interaction_id = ANY(${ids}::uuid[])`;
    await recordChanges(tx, actor, requestId, moving, input, now, {
      kind: "assignment",
      action: "triage.assign",
      event: (item) => ({ fromAssigneeId: item.assignee_id, toAssigneeId: input.assigneeId }),
      before: (item) => ({ assigneeId: item.assignee_id }),
      after: () => ({ assigneeId: input.assigneeId }),
    });
    return { changed: moving.length, unchanged: items.length - moving.length, skipped: [] };
  });
}

export const commentInput = z.object({
  interactionId: z.guid({ message: "Choose an interaction." }),
  body: z.string({ message: "Write a comment." }).trim().min(1, "Write a comment.").max(5000, "Comment is too long (5000 characters at most)."),
});
export type CommentInput = z.input<typeof commentInput>;

export async function addTriageComment(actor: Actor, rawInput: CommentInput, requestId: string): Promise<{ id: string }> {
  const input = parseInput(commentInput, rawInput);
  return db.$transaction(async (tx) => {
    const item = await tx.triageItem.findUnique({ where: { interactionId: input.interactionId }, select: { interactionId: true } });
    if (!item) throw new NotFoundError("That interaction");
    const comment = await tx.triageComment.create({
      data: { interactionId: input.interactionId, authorId: actorUserId(actor), authorLabel: actorLabel(actor), body: input.body },
    });
    await recordAudit(tx, {
      actor,
      action: "triage.comment",
      target: { type: "triage_item", id: input.interactionId },
      after: { commentId: comment.id, body: input.body },
      requestId,
    });
    return { id: comment.id };
  });
}
