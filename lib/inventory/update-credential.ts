import "server-only";
import type { z } from "zod";
import type { Actor } from "@/lib/auth/actor";
import { recordAudit } from "@/lib/audit/record";
import { db } from "@/lib/db/client";
import { ValidationError } from "@/lib/errors";
import { credentialForChange } from "./access";
import { CREDENTIAL_NAME_TAKEN, credentialFields, credentialProblems, credentialSnapshot } from "./credential-input";
import { requiredId } from "./fields";
import { changedFields } from "./snapshot";
import { withUniqueName } from "./unique-name";

export const updateCredentialInput = credentialFields.safeExtend({ id: requiredId("Unknown credential.") });
export type UpdateCredentialInput = z.infer<typeof updateCredentialInput>;

const utcDay = (date: Date) => date.toISOString().slice(0, 10);

function keepIfSameDay(submitted: Date | null, stored: Date | null): Date | null {
  return submitted && stored && utcDay(submitted) === utcDay(stored) ? stored : submitted;
}

export async function updateCredential(actor: Actor, input: UpdateCredentialInput, requestId: string): Promise<{ id: string }> {
  const { id, ...rest } = input;
  const now = new Date();
  return withUniqueName(CREDENTIAL_NAME_TAKEN, () =>
    db.$transaction(async (tx) => {
      const existing = await credentialForChange(tx, actor, id);
      // Every credential has an owner; clearing the field keeps the one it has. The form edits
      // calendar days, so a date left as it was keeps its stored time instead of becoming midnight.
      const fields = {
        ...rest,
        ownerId: rest.ownerId ?? existing.ownerId,
        issuedAt: keepIfSameDay(rest.issuedAt, existing.issuedAt) ?? existing.issuedAt,
        lastRotatedAt: keepIfSameDay(rest.lastRotatedAt, existing.lastRotatedAt),
        expiresAt: keepIfSameDay(rest.expiresAt, existing.expiresAt),
      };
      const problems = await credentialProblems(tx, fields, existing, now);
      if (fields.connectorId !== existing.connectorId) {
        const elsewhere = await tx.grant.count({
          where: { credentialId: id, status: { in: ["requested", "approved"] }, ...(fields.connectorId ? { connectorId: { not: fields.connectorId } } : {}) },
        });
        if (elsewhere) problems.connectorId = `${elsewhere} live grant(s) use this credential with its current connector. Revoke them before moving it.`;
      }
      if (Object.keys(problems).length) throw new ValidationError("Some fields need attention.", problems);
      const before = credentialSnapshot(existing);
      const diff = changedFields(before, { ...before, ...fields });
      if (!diff) return { id };
      await tx.credential.update({ where: { id }, data: fields });
      await recordAudit(tx, { actor, action: "credential.update", target: { type: "credential", id }, before: diff.before, after: diff.after, requestId });
      return { id };
    }),
  );
}
