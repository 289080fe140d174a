import { z } from "zod";
import { EXECUTION_MODES } from "@/lib/grants/scope";

// What was under review when the campaign launched, stored on each item (review_items.snapshot):
// a grant's scope, or a credential's metadata, each with its usage evidence.

const usageShape = z.object({
  hasLogData: z.boolean(),
  lastUsedAt: z.string().nullable(),
  calls: z.number(),
  actionsUsed: z.array(z.string()),
  resourcesUsed: z.array(z.string()),
});

export const itemSnapshot = z.object({
  resources: z.array(z.string()),
  actions: z.array(z.string()),
  mode: z.enum(EXECUTION_MODES),
  expiresAt: z.string().nullable(),
  grantedAt: z.string(),
  requestedById: z.string().nullable(),
  connectorSensitivity: z.string(),
  usage: usageShape,
});
export type ItemSnapshot = z.infer<typeof itemSnapshot>;

export const credentialSnapshot = z.object({
  credentialKind: z.string(),
  connectorName: z.string().nullable(),
  connectorSensitivity: z.string().nullable(),
  environment: z.string(),
  issuedAt: z.string(),
  lastRotatedAt: z.string().nullable(),
  expiresAt: z.string().nullable(),
  rotationPolicyDays: z.number(),
  workflows: z.array(z.object({ id: z.string(), name: z.string() })),
  usage: usageShape,
});
export type CredentialSnapshot = z.infer<typeof credentialSnapshot>;

export type AnySnapshot = ({ kind: "grant" } & ItemSnapshot) | ({ kind: "credential" } & CredentialSnapshot);

export function parseSnapshot(item: { kind: "grant" | "credential"; snapshot: unknown }): AnySnapshot {
  return item.kind === "credential" ? { kind: "credential", ...credentialSnapshot.parse(item.snapshot) } : { kind: "grant", ...itemSnapshot.parse(item.snapshot) };
}

/** Who asked for the grant under review (nobody reviews their own request); credentials have no requester. */
export function requesterOf(item: { kind: "grant" | "credential"; snapshot: unknown }): string | null {
  const snapshot = parseSnapshot(item);
  return snapshot.kind === "grant" ? snapshot.requestedById : null;
}

/** The narrowed scope a "modify" decision asks for. */
export const modifiedScopeShape = z.object({
  resources: z.array(z.string()),
  actions: z.array(z.string()),
  mode: z.enum(EXECUTION_MODES),
  expiresAt: z.string().nullable(),
});
export type ModifiedScope = z.infer<typeof modifiedScopeShape>;
