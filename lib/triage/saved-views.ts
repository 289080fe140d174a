import "server-only";
import { z } from "zod";
import type { Actor } from "@/lib/auth/actor";
import { recordAudit } from "@/lib/audit/record";
import { db } from "@/lib/db/client";
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from "@/lib/errors";
import { Prisma } from "@/lib/generated/prisma/client";
import { parseInput } from "@/lib/grants/fields";
import { fieldErrorsFromZod } from "@/lib/http/validation";
import { parseQueueFilters, queueQuery } from "./queue-filters";

// Named queue views: the query string of /interactions under a name, kept for oneself or shared
// with everyone who reads the queue. The query is checked and normalised when saved, without its
// page position, so opening a view starts at its first page.

export interface SavedViewRow {
  id: string;
  name: string;
  query: string;
  shared: boolean;
  owner: { id: string; name: string };
  mine: boolean;
}

export const createViewInput = z.object({
  name: z.string({ message: "Give the view a name." }).trim().min(1, "Give the view a name.").max(80, "Name is too long (80 characters at most)."),
  shared: z.boolean({ message: "Shared must be yes or no." }).default(false),
  // The query string of the view, with or without its leading "?".
  query: z.string({ message: "The view's filters are missing." }).max(2000, "The view's filters are too long."),
});
export type CreateViewInput = z.input<typeof createViewInput>;

export const deleteViewInput = z.object({ id: z.guid({ message: "Choose a view." }) });
export type DeleteViewInput = z.input<typeof deleteViewInput>;

/** The caller's own views and everyone's shared ones, by name. */
export async function listSavedViews(actor: Actor): Promise<SavedViewRow[]> {
  const userId = actor.type === "user" ? actor.id : null;
  const views = await db.savedView.findMany({
    where: { OR: [{ shared: true }, ...(userId ? [{ ownerId: userId }] : [])] },
    orderBy: [{ name: "asc" }, { createdAt: "asc" }],
    select: { id: true, name: true, query: true, shared: true, owner: { select: { id: true, name: true } } },
  });
  return views.map((v) => ({ ...v, mine: v.owner.id === userId }));
}

export async function createSavedView(actor: Actor, rawInput: CreateViewInput, requestId: string): Promise<{ id: string; query: string }> {
  const input = parseInput(createViewInput, rawInput);
  if (actor.type !== "user") throw new ForbiddenError("Views belong to people; sign in to save one.");
  const parsed = parseQueueFilters(new URLSearchParams(input.query.replace(/^\?/, "")));
  if (!parsed.success) {
    const problems = Object.values(fieldErrorsFromZod(parsed.error)).join(" ");
    throw new ValidationError("Some fields need attention.", { query: `These filters cannot be saved: ${problems}` });
  }
  const query = queueQuery({ ...parsed.data, after: undefined, before: undefined });
  try {
    return await db.$transaction(async (tx) => {
      const view = await tx.savedView.create({ data: { name: input.name, shared: input.shared, query, ownerId: actor.id } });
      await recordAudit(tx, { actor, action: "triage.view.create", target: { type: "saved_view", id: view.id }, after: { name: view.name, shared: view.shared, query }, requestId });
      return { id: view.id, query };
    });
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      throw new ConflictError("You already have a view with that name.", { name: "You already have a view with that name; choose another." });
    }
    throw error;
  }
}

/** Its owner deletes a view; an admin may also remove a shared one. */
export async function deleteSavedView(actor: Actor, rawInput: DeleteViewInput, requestId: string): Promise<{ id: string }> {
  const input = parseInput(deleteViewInput, rawInput);
  const userId = actor.type === "user" ? actor.id : null;
  return db.$transaction(async (tx) => {
    const view = await tx.savedView.findUnique({ where: { id: input.id } });
    // Someone else's personal view is not there, as far as the caller is concerned.
    if (!view || (!view.shared && view.ownerId !== userId)) throw new NotFoundError("That view");
    const isAdmin = actor.type === "user" && actor.role === "admin";
    if (view.ownerId !== userId && !isAdmin) throw new ForbiddenError("Only the person who saved this view (or an admin) can delete it.");
    await tx.savedView.delete({ where: { id: view.id } });
    await recordAudit(tx, { actor, action: "triage.view.delete", target: { type: "saved_view", id: view.id }, before: { name: view.name, shared: view.shared, query: view.query, ownerId: view.ownerId }, requestId });
    return { id: view.id };
  });
}
