import "server-only";
import { db } from "@/lib/db/client";

export interface TokenListRow {
  id: string;
  name: string;
  prefix: string;
  scopes: string[];
  createdBy: { name: string; email: string } | null;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

/** Every API token, live ones first, newest first. Never the hash. */
export async function listApiTokens(): Promise<TokenListRow[]> {
  const tokens = await db.apiToken.findMany({
    orderBy: [{ revokedAt: { sort: "desc", nulls: "first" } }, { createdAt: "desc" }],
    select: {
      id: true,
      name: true,
      prefix: true,
      scopes: true,
      createdBy: { select: { name: true, email: true } },
      createdAt: true,
      lastUsedAt: true,
      revokedAt: true,
    },
  });
  return tokens;
}
