import "server-only";
import { z } from "zod";
import type { Tx } from "@/lib/db/client";
import type { FieldErrors } from "@/lib/errors";
import type { Credential } from "@/lib/generated/prisma/client";
import { fingerprintProblem, lastFourProblem, looksLikeSecret } from "./credential-identifiers";
import { oneOf, optionalDate, optionalId, optionalText, requiredText } from "./fields";
import { accountableOwnerProblem } from "./people";
import { CREDENTIAL_KINDS, DEFAULT_ROTATION_POLICY_DAYS, ENVIRONMENTS } from "./vocabulary";

// A credential is described, never held: the secret is refused at every field that could carry it.

const refuse = (problem: (value: string) => string | null) => (value: string | null, ctx: z.RefinementCtx) => {
  const message = value === null ? null : problem(value);
  if (message) ctx.addIssue({ code: "custom", message });
};

// Length limits come from the checks, on the raw text, so a pasted secret is refused, not truncated.
export const lastFourField = optionalText("Last four", 10_000).superRefine(refuse(lastFourProblem));
export const fingerprintField = optionalText("Fingerprint", 10_000).superRefine(refuse(fingerprintProblem));

export const credentialFields = z
  .object({
    name: requiredText("Name", 120).refine((name) => !looksLikeSecret(name), "This looks like a secret. Name the credential, e.g. zendesk-api-token."),
    kind: oneOf("Kind", CREDENTIAL_KINDS),
    connectorId: optionalId("Choose the connector from the list."),
    environment: oneOf("Environment", ENVIRONMENTS),
    lastFour: lastFourField,
    fingerprint: fingerprintField,
    ownerId: optionalId("Choose the owner from the list."),
    issuedAt: optionalDate("Issued"),
    lastRotatedAt: optionalDate("Last rotated"),
    expiresAt: optionalDate("Expires"),
    rotationPolicyDays: z.coerce
      .number({ error: "Rotation policy must be a number of days." })
      .int("Rotation policy must be a whole number of days.")
      .min(1, "Rotation policy must be at least 1 day.")
      .max(3650, "Rotation policy is 3650 days at most.")
      .default(DEFAULT_ROTATION_POLICY_DAYS),
  })
  .superRefine((fields, ctx) => {
    if (!fields.lastFour && !fields.fingerprint) {
      ctx.addIssue({ code: "custom", path: ["lastFour"], message: "Give the last four characters or the fingerprint, so people can tell this credential apart." });
    }
  });

export type CredentialFields = z.infer<typeof credentialFields>;

export function credentialSnapshot(credential: Credential) {
  return {
    name: credential.name,
    kind: credential.kind,
    connectorId: credential.connectorId,
    environment: credential.environment,
    lastFour: credential.lastFour,
    fingerprint: credential.fingerprint,
    ownerId: credential.ownerId,
    issuedAt: credential.issuedAt,
    lastRotatedAt: credential.lastRotatedAt,
    expiresAt: credential.expiresAt,
    rotationPolicyDays: credential.rotationPolicyDays,
  };
}

export const CREDENTIAL_NAME_TAKEN = "A credential with this name already exists.";

/** The checks zod cannot make: references exist, dates make sense against now and each other. */
export async function credentialProblems(
  tx: Tx,
  fields: Omit<CredentialFields, "issuedAt"> & { issuedAt: Date },
  existing: Credential | null,
  now: Date,
): Promise<FieldErrors> {
  const problems: FieldErrors = {};
  const sameName = await tx.credential.findUnique({ where: { name: fields.name }, select: { id: true } });
  if (sameName && sameName.id !== existing?.id) problems.name = CREDENTIAL_NAME_TAKEN;
  if (fields.connectorId && !(await tx.connector.findUnique({ where: { id: fields.connectorId }, select: { id: true } }))) {
    problems.connectorId = "That connector does not exist. Choose the connector from the list.";
  }
  if (fields.ownerId && fields.ownerId !== existing?.ownerId) {
    const problem = await accountableOwnerProblem(tx, fields.ownerId);
    if (problem) problems.ownerId = problem;
  }
  if (fields.issuedAt > now) problems.issuedAt = "Issued cannot be in the future.";
  if (fields.lastRotatedAt && fields.lastRotatedAt > now) problems.lastRotatedAt = "Last rotated cannot be in the future.";
  else if (fields.lastRotatedAt && fields.lastRotatedAt < startOfDay(fields.issuedAt)) problems.lastRotatedAt = "Last rotated cannot be before Issued.";
  // An expiry already passed is refused when it is set, not when an old credential is edited.
  const expiryChanged = fields.expiresAt?.getTime() !== existing?.expiresAt?.getTime();
  if (fields.expiresAt && expiryChanged && fields.expiresAt <= now) problems.expiresAt = "Expires must be in the future.";
  else if (fields.expiresAt && fields.expiresAt <= fields.issuedAt) problems.expiresAt = "Expires must be after Issued.";
  return problems;
}

function startOfDay(date: Date): Date {
  return new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()));
}
