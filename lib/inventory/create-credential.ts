import "server-only";
import type { z } from "zod";
import { actorUserId, type Actor } from "@/lib/auth/actor";
import { recordAudit } from "@/lib/audit/record";
import { db } from "@/lib/db/client";
import { ValidationError } from "@/lib/errors";
import { CREDENTIAL_NAME_TAKEN, credentialFields, credentialProblems, credentialSnapshot } from "./credential-input";
import { withUniqueName } from "./unique-name";

export const createCredentialInput = credentialFields;
export type CreateCredentialInput = z.infer<typeof createCredentialInput>;

/** Records a credential's metadata. Whoever records it owns it unless they name someone else. */
export async function createCredential(actor: Actor, input: CreateCredentialInput, requestId: string): Promise<{ id: string }> {
  const now = new Date();
  const fields = { ...input, issuedAt: input.issuedAt ?? now, ownerId: input.ownerId ?? actorUserId(actor) };
  return withUniqueName(CREDENTIAL_NAME_TAKEN, () =>
    db.$transaction(async (tx) => {
      const problems = await credentialProblems(tx, fields, null, now);
      if (Object.keys(problems).length) throw new ValidationError("Some fields need attention.", problems);
      const credential = await tx.credential.create({ data: fields });
      await recordAudit(tx, { actor, action: "credential.create", target: { type: "credential", id: credential.id }, after: credentialSnapshot(credential), requestId });
      return { id: credential.id };
    }),
  );
}
