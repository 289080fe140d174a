import "server-only";
import { db } from "@/lib/db/client";
import { env } from "@/lib/env";
import { DAY_MS } from "./scope";

export interface RequestFormOptions {
  workflows: { id: string; name: string; environment: string; credentials: { id: string; name: string; connectorId: string | null; environment: string }[] }[];
  connectors: { id: string; name: string; system: string; description: string; actions: string[]; resourcePattern: string; sensitivity: string }[];
}

/** What the request form offers: workflows that can still receive grants, and every connector. */
export async function getRequestFormOptions(): Promise<RequestFormOptions> {
  const [workflows, connectors] = await Promise.all([
    db.workflow.findMany({
      where: { status: { in: ["draft", "active"] } },
      orderBy: { name: "asc" },
      select: {
        id: true,
        name: true,
        environment: true,
        credentials: { select: { credential: { select: { id: true, name: true, connectorId: true, environment: true } } } },
      },
    }),
    db.connector.findMany({
      orderBy: { name: "asc" },
      select: { id: true, name: true, system: true, description: true, actions: true, resourcePattern: true, sensitivity: true },
    }),
  ]);
  return {
    workflows: workflows.map((w) => ({ ...w, credentials: w.credentials.map((c) => c.credential).sort((a, b) => a.name.localeCompare(b.name)) })),
    connectors,
  };
}

/** The expiry the form suggests (GRANT_DEFAULT_DAYS) and the latest it allows (GRANT_MAX_DAYS), as dates. */
export function requestFormExpiryBounds(now = new Date()): { defaultExpiresOn: string; maxExpiresOn: string; defaultDays: number; maxDays: number } {
  const { GRANT_DEFAULT_DAYS, GRANT_MAX_DAYS } = env();
  const day = (days: number) => new Date(now.getTime() + days * DAY_MS).toISOString().slice(0, 10);
  return { defaultExpiresOn: day(Math.min(GRANT_DEFAULT_DAYS, GRANT_MAX_DAYS)), maxExpiresOn: day(GRANT_MAX_DAYS), defaultDays: GRANT_DEFAULT_DAYS, maxDays: GRANT_MAX_DAYS };
}
