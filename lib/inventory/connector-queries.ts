import "server-only";
import { db } from "@/lib/db/client";
import { isUuid } from "./uuid";

export async function listConnectors() {
  return db.connector.findMany({
    include: { _count: { select: { credentials: true, grants: { where: { status: { in: ["requested", "approved"] } } } } } },
    orderBy: { name: "asc" },
  });
}

/** The connector page's data, or null for an unknown id. */
export async function findConnectorDetail(id: string) {
  if (!isUuid(id)) return null;
  const connector = await db.connector.findUnique({
    where: { id },
    include: {
      credentials: { include: { owner: { select: { id: true, name: true, active: true } } }, orderBy: { name: "asc" } },
      grants: {
        where: { status: { in: ["requested", "approved"] } },
        include: { workflow: { select: { id: true, name: true } } },
        orderBy: { createdAt: "desc" },
      },
    },
  });
  return connector;
}

export async function listConnectorOptions() {
  return db.connector.findMany({ select: { id: true, name: true, system: true }, orderBy: { name: "asc" } });
}
