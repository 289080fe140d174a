import "server-only";
import type { Tx } from "@/lib/db/client";
import { notifyUsers } from "@/lib/notifications/notify";

// Who hears about each step of a grant's life. Called inside the step's transaction, so a
// notification exists exactly when the change it describes does.

interface GrantSummary {
  id: string;
  workflowId: string;
  workflowName: string;
  connectorName: string;
  requestedById: string | null;
}

/** The workflow's owner and designated approvers who can still sign in, minus the requester. */
async function accountablePeople(tx: Tx, workflowId: string, exclude: string | null): Promise<string[]> {
  const workflow = await tx.workflow.findUniqueOrThrow({
    where: { id: workflowId },
    select: { owner: { select: { id: true, active: true } }, approvers: { select: { user: { select: { id: true, active: true } } } } },
  });
  const people = [workflow.owner, ...workflow.approvers.map((a) => a.user)].filter((u) => u?.active).map((u) => u!.id);
  return people.filter((id) => id !== exclude);
}

export async function notifyGrantRequested(tx: Tx, grant: GrantSummary): Promise<void> {
  let recipients = await accountablePeople(tx, grant.workflowId, grant.requestedById);
  if (recipients.length === 0) {
    // Nobody accountable can act (an orphaned workflow): the admins, who can decide any request.
    const admins = await tx.user.findMany({ where: { role: "admin", active: true }, select: { id: true } });
    recipients = admins.map((a) => a.id).filter((id) => id !== grant.requestedById);
  }
  await notifyUsers(tx, recipients, {
    kind: "grant.requested",
    title: `${grant.workflowName} requests access to ${grant.connectorName}.`,
    href: `/grants/${grant.id}`,
    dedupeKey: `grant-requested:${grant.id}`,
  });
}

const DECISION_WORDS = { approved: "was approved", approved_reduced: "was approved with a reduced scope", rejected: "was rejected" } as const;

export async function notifyGrantDecided(tx: Tx, grant: GrantSummary, outcome: keyof typeof DECISION_WORDS): Promise<void> {
  if (!grant.requestedById) return;
  await notifyUsers(tx, [grant.requestedById], {
    kind: `grant.${outcome}`,
    title: `Your request for ${grant.workflowName} on ${grant.connectorName} ${DECISION_WORDS[outcome]}.`,
    href: `/grants/${grant.id}`,
    dedupeKey: `grant-decided:${grant.id}`,
  });
}

export async function notifyGrantRevoked(tx: Tx, grant: GrantSummary & { ownerId: string | null }, revokedById: string | null): Promise<void> {
  const recipients = [grant.requestedById, grant.ownerId].filter((id): id is string => Boolean(id) && id !== revokedById);
  await notifyUsers(tx, recipients, {
    kind: "grant.revoked",
    title: `${grant.workflowName}'s grant on ${grant.connectorName} was revoked.`,
    href: `/grants/${grant.id}`,
    dedupeKey: `grant-revoked:${grant.id}`,
  });
}
