import "server-only";
import type { Actor } from "@/lib/auth/actor";
import type { Tx } from "@/lib/db/client";
import { ConflictError, ForbiddenError, NotFoundError } from "@/lib/errors";

// The finer rule behind workflow:write and credential:write: admins change any workflow or
// credential, product owners only their own. Everyone may read the inventory, so a workflow's
// existence is no secret: asking to change someone else's answers "forbidden" with the reason,
// and only an unknown id answers "not found".

function ownerScope(actor: Actor): { ownerId?: string } {
  if (actor.type === "system") return {};
  if (actor.type === "user" && actor.role === "admin") return {};
  if (actor.type === "user" && actor.role === "owner") return { ownerId: actor.id };
  throw new ForbiddenError();
}

/**
 * The workflow, locked for the rest of the transaction, if this actor may change it. Retired
 * workflows are a record and refuse every change.
 */
export async function workflowForChange(tx: Tx, actor: Actor, id: string) {
  const scope = ownerScope(actor);
  // Row lock: two status changes at once must not both pass their checks against the old state.
  await tx.$executeRaw`SELECT 1 FROM workflows WHERE id = ${id}::uuid FOR UPDATE`;
  const workflow = await tx.workflow.findFirst({ where: { id, ...scope }, include: { owner: { select: { id: true, active: true } } } });
  if (!workflow) {
    if (await tx.workflow.findUnique({ where: { id }, select: { id: true } })) {
      throw new ForbiddenError("You can only change workflows you own.");
    }
    throw new NotFoundError("Workflow");
  }
  if (workflow.status === "retired") throw new ConflictError("This workflow is retired; retired workflows are kept as a record and cannot be changed.");
  return workflow;
}

/** The credential, locked for the rest of the transaction, if this actor may change it. */
export async function credentialForChange(tx: Tx, actor: Actor, id: string) {
  const scope = ownerScope(actor);
  await tx.$executeRaw`SELECT 1 FROM credentials WHERE id = ${id}::uuid FOR UPDATE`;
  const credential = await tx.credential.findFirst({ where: { id, ...scope } });
  if (!credential) {
    if (await tx.credential.findUnique({ where: { id }, select: { id: true } })) {
      throw new ForbiddenError("You can only change credentials you own.");
    }
    throw new NotFoundError("Credential");
  }
  return credential;
}
