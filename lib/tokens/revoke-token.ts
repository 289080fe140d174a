import "server-only";
import { z } from "zod";
import { can, type Actor } from "@/lib/auth/actor";
import { recordAudit } from "@/lib/audit/record";
import { db } from "@/lib/db/client";
import { ConflictError, ForbiddenError, NotFoundError } from "@/lib/errors";

export const revokeTokenInput = z.object({ tokenId: z.uuid({ message: "Choose a token from the list." }) });

export type RevokeTokenInput = z.infer<typeof revokeTokenInput>;

/**
 * Revokes an API token for good. The next request that presents it is refused, because
 * authenticateApiToken checks revokedAt on every call.
 */
export async function revokeApiToken(actor: Actor, input: RevokeTokenInput, requestId: string) {
  if (!can(actor, "token:manage")) throw new ForbiddenError();
  return db.$transaction(async (tx) => {
    // The conditional update makes a double revoke (two admins at once) record one event, not two.
    const revokedAt = new Date();
    const { count } = await tx.apiToken.updateMany({ where: { id: input.tokenId, revokedAt: null }, data: { revokedAt } });
    const token = await tx.apiToken.findUnique({ where: { id: input.tokenId }, select: { id: true, name: true, prefix: true, scopes: true, revokedAt: true } });
    if (!token) throw new NotFoundError("That token");
    if (count === 0) throw new ConflictError("This token is already revoked.");
    await recordAudit(tx, {
      actor,
      action: "token.revoke",
      target: { type: "api_token", id: token.id },
      before: { name: token.name, prefix: token.prefix, scopes: token.scopes, revokedAt: null },
      after: { name: token.name, prefix: token.prefix, scopes: token.scopes, revokedAt },
      requestId,
    });
    return { id: token.id, revokedAt };
  });
}
