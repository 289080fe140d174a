import "server-only";
import { z } from "zod";
import type { Actor } from "@/lib/auth/actor";
import { recordAudit } from "@/lib/audit/record";
import { db } from "@/lib/db/client";
import { credentialForChange } from "./access";
import { fingerprintField, lastFourField } from "./credential-input";
import { requiredId } from "./fields";

export const rotateCredentialInput = z.object({
  id: requiredId("Unknown credential."),
  // The new key's identifiers, when the person has them to hand; the old ones stay otherwise.
  lastFour: lastFourField.optional(),
  fingerprint: fingerprintField.optional(),
});
export type RotateCredentialInput = z.infer<typeof rotateCredentialInput>;

/** "Mark rotated": the key was replaced today; the rotation clock starts again. */
export async function rotateCredential(actor: Actor, input: RotateCredentialInput, requestId: string): Promise<{ id: string; lastRotatedAt: Date }> {
  return db.$transaction(async (tx) => {
    const existing = await credentialForChange(tx, actor, input.id);
    const lastRotatedAt = new Date();
    const data = {
      lastRotatedAt,
      ...(input.lastFour ? { lastFour: input.lastFour } : {}),
      ...(input.fingerprint ? { fingerprint: input.fingerprint } : {}),
    };
    await tx.credential.update({ where: { id: existing.id }, data });
    await recordAudit(tx, {
      actor,
      action: "credential.rotate",
      target: { type: "credential", id: existing.id },
      before: { lastRotatedAt: existing.lastRotatedAt, lastFour: existing.lastFour, fingerprint: existing.fingerprint },
      after: { lastRotatedAt, lastFour: data.lastFour ?? existing.lastFour, fingerprint: data.fingerprint ?? existing.fingerprint },
      requestId,
    });
    return { id: existing.id, lastRotatedAt };
  });
}
