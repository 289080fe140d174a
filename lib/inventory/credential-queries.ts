import "server-only";
import { db } from "@/lib/db/client";
import { isUuid } from "./uuid";
import { credentialHealth } from "./credential-health";
import { ownerSummary } from "./people";

export async function listCredentials(now = new Date()) {
  const credentials = await db.credential.findMany({
    include: {
      owner: ownerSummary,
      connector: { select: { id: true, name: true, system: true } },
      _count: { select: { workflows: true } },
    },
    orderBy: { name: "asc" },
  });
  return credentials.map((credential) => ({ ...credential, health: credentialHealth(credential, now) }));
}

/** The credential page's data, or null for an unknown id. */
export async function findCredentialDetail(id: string, now = new Date()) {
  if (!isUuid(id)) return null;
  const credential = await db.credential.findUnique({
    where: { id },
    include: {
      owner: ownerSummary,
      connector: { select: { id: true, name: true, system: true, sensitivity: true } },
      workflows: {
        include: { workflow: { select: { id: true, name: true, status: true, ownerId: true, environment: true } } },
        orderBy: { workflow: { name: "asc" } },
      },
      grants: {
        where: { status: { in: ["requested", "approved"] } },
        include: { workflow: { select: { id: true, name: true } }, connector: { select: { id: true, name: true } } },
        orderBy: { createdAt: "desc" },
      },
    },
  });
  return credential && { ...credential, health: credentialHealth(credential, now) };
}

export type CredentialDetail = NonNullable<Awaited<ReturnType<typeof findCredentialDetail>>>;
