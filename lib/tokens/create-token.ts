import { z } from "zod";
import type { Actor } from "@/lib/auth/actor";
import { generateApiToken } from "@/lib/auth/api-tokens";
import { TOKEN_SCOPES } from "@/lib/auth/permissions";
import { recordAudit } from "@/lib/audit/record";
import { db } from "@/lib/db/client";

export const createTokenInput = z.object({
  name: z.string().trim().min(1, "Name is required.").max(80, "Name is too long (80 characters at most)."),
  scopes: z
    .array(z.enum(TOKEN_SCOPES, { message: `Scope must be one of: ${TOKEN_SCOPES.join(", ")}.` }))
    .min(1, "Choose at least one scope."),
});

export type CreateTokenInput = z.infer<typeof createTokenInput>;

/** Creates an API token. The plaintext is returned once and never stored; only its sha256 is. */
export async function createApiToken(actor: Actor, input: CreateTokenInput, requestId: string) {
  const { token, tokenHash, prefix } = generateApiToken();
  const scopes = [...new Set(input.scopes)];
  const row = await db.$transaction(async (tx) => {
    const created = await tx.apiToken.create({
      data: { name: input.name, tokenHash, prefix, scopes, createdById: actor.type === "user" ? actor.id : null },
    });
    await recordAudit(tx, {
      actor,
      action: "token.create",
      target: { type: "api_token", id: created.id },
      after: { name: created.name, prefix, scopes },
      requestId,
    });
    return created;
  });
  return { id: row.id, name: row.name, prefix, scopes, token };
}
