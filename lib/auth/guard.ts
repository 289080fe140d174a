import "server-only";
import { headers } from "next/headers";
import { forbidden, redirect } from "next/navigation";
import { can, type Actor } from "./actor";
import { ROUTES, type PageRoute } from "./routes";
import { getSessionActor } from "./session";

/**
 * The first line of every page: signs the visitor in (redirect) or refuses them (HTTP 403) per
 * the route table, and returns who they are.
 */
export async function guardPage(route: PageRoute): Promise<Actor> {
  const permission = ROUTES[route].permission;
  if (permission === "public") throw new Error(`guardPage is for signed-in pages; ${route} is public`);
  const actor = await getSessionActor();
  if (!actor) {
    const path = (await headers()).get("x-pathname") ?? "/";
    redirect(`/signin?callbackUrl=${encodeURIComponent(path)}`);
  }
  if (!can(actor, permission)) forbidden();
  return actor;
}
