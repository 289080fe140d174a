import "server-only";
import { db } from "@/lib/db/client";

/** Teams a new user can be placed in, by name. */
export async function listTeams(): Promise<{ id: string; name: string }[]> {
  return db.team.findMany({ orderBy: { name: "asc" }, select: { id: true, name: true } });
}
