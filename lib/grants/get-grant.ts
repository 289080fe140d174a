import "server-only";
import { z } from "zod";
import type { Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db/client";
import { decideRefusal, revokeRefusal } from "./authority";
import { expireDueGrants } from "./expire-grants";
import type { GrantStatus } from "./list-grants";
import { EXECUTION_MODES, type ExecutionMode } from "./scope";

// The scope recorded with each timeline step; older events may lack some fields.
const eventDetails = z
  .object({
    resources: z.array(z.string()).optional(),
    actions: z.array(z.string()).optional(),
    mode: z.enum(EXECUTION_MODES).optional(),
    expiresAt: z.string().nullable().optional(),
  })
  .catch({});

// Set on steps an access review applied (lib/reviews/apply-decision.ts).
const accessReviewOf = z
  .object({ accessReview: z.object({ campaignId: z.string(), campaignName: z.string() }).nullable() })
  .transform((d) => d.accessReview)
  .catch(null);

export interface GrantTimelineEvent {
  id: string;
  type: "requested" | "approved" | "approved_reduced" | "rejected" | "expired" | "revoked" | "narrowed";
  at: Date;
  actor: string;
  reason: string | null;
  scope: z.infer<typeof eventDetails>;
  /** The campaign that made this step, when an access review did. */
  accessReview: { campaignId: string; campaignName: string } | null;
}

export interface GrantDetail {
  id: string;
  status: GrantStatus;
  workflow: { id: string; name: string; status: string; environment: string; owner: { id: string; name: string; active: boolean } | null };
  connector: { id: string; name: string; system: string; actions: string[]; resourcePattern: string; sensitivity: string };
  credential: { id: string; name: string; environment: string } | null;
  resources: string[];
  actions: string[];
  mode: ExecutionMode;
  requestedResources: string[];
  requestedActions: string[];
  requestedMode: ExecutionMode;
  justification: string;
  expiresAt: Date | null;
  createdAt: Date;
  decidedAt: Date | null;
  requestedBy: { id: string; name: string } | null;
  decidedBy: { id: string; name: string } | null;
  approvers: { id: string; name: string }[];
  timeline: GrantTimelineEvent[];
  /** What this actor may do here, and why not when they may not. */
  decide: { allowed: boolean; refusal: string | null };
  revoke: { allowed: boolean; refusal: string | null };
}

/** One grant with its timeline, or null when there is no such grant. */
export async function getGrant(actor: Actor, id: string): Promise<GrantDetail | null> {
  if (!z.guid().safeParse(id).success) return null;
  await expireDueGrants();
  const grant = await db.grant.findUnique({
    where: { id },
    include: {
      workflow: {
        select: {
          id: true,
          name: true,
          status: true,
          environment: true,
          ownerId: true,
          owner: { select: { id: true, name: true, active: true } },
          approvers: { select: { user: { select: { id: true, name: true } } }, orderBy: { createdAt: "asc" } },
        },
      },
      connector: { select: { id: true, name: true, system: true, actions: true, resourcePattern: true, sensitivity: true } },
      credential: { select: { id: true, name: true, environment: true } },
      requestedBy: { select: { id: true, name: true } },
      decidedBy: { select: { id: true, name: true } },
      events: { orderBy: [{ at: "asc" }, { id: "asc" }], include: { actor: { select: { name: true } } } },
    },
  });
  if (!grant) return null;
  const authority = {
    requestedById: grant.requestedById,
    workflow: { ownerId: grant.workflow.ownerId, approverIds: grant.workflow.approvers.map((a) => a.user.id) },
  };
  const decideWhyNot = grant.status === "requested" ? decideRefusal(actor, authority) : "This request has been decided.";
  const revokeWhyNot = grant.status === "approved" ? revokeRefusal(actor, authority) : "Only approved grants can be revoked.";
  return {
    id: grant.id,
    status: grant.status,
    workflow: { id: grant.workflow.id, name: grant.workflow.name, status: grant.workflow.status, environment: grant.workflow.environment, owner: grant.workflow.owner },
    connector: grant.connector,
    credential: grant.credential,
    resources: grant.resources,
    actions: grant.actions,
    mode: grant.mode,
    requestedResources: grant.requestedResources,
    requestedActions: grant.requestedActions,
    requestedMode: grant.requestedMode,
    justification: grant.justification,
    expiresAt: grant.expiresAt,
    createdAt: grant.createdAt,
    decidedAt: grant.decidedAt,
    requestedBy: grant.requestedBy,
    decidedBy: grant.decidedBy,
    approvers: grant.workflow.approvers.map((a) => a.user),
    timeline: grant.events.map((e) => {
      const accessReview = accessReviewOf.parse(e.details);
      // No person on an event means Warden itself did it (expiry, a review's close policy), or the person was deleted.
      const byWarden = e.type === "expired" ? "Warden (automatic expiry)" : accessReview ? "Warden (the campaign's close policy)" : "A former user";
      return { id: e.id, type: e.type, at: e.at, actor: e.actor?.name ?? byWarden, reason: e.reason, scope: eventDetails.parse(e.details), accessReview };
    }),
    decide: { allowed: decideWhyNot === null, refusal: decideWhyNot },
    revoke: { allowed: revokeWhyNot === null, refusal: revokeWhyNot },
  };
}
