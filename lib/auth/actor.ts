import { roleCan, type Permission, type Role } from "./permissions";

// Who is making a request: a signed-in person, a machine client holding an API token, or Warden
// itself (scheduled jobs such as grant expiry).
export type Actor =
  | { type: "user"; id: string; email: string; name: string; role: Role }
  | { type: "token"; id: string; name: string; scopes: string[] }
  | { type: "system"; id: null; name: string };

export const SYSTEM_ACTOR: Actor = { type: "system", id: null, name: "warden" };

export function can(actor: Actor | null | undefined, permission: Permission): boolean {
  if (!actor) return false;
  switch (actor.type) {
    case "user":
      return roleCan(actor.role, permission);
    case "token":
      return actor.scopes.includes(permission);
    case "system":
      return true;
  }
}

export function actorLabel(actor: Actor): string {
  switch (actor.type) {
    case "user":
      return actor.email;
    case "token":
      return `token:${actor.name}`;
    case "system":
      return actor.name;
  }
}

/** The user id of a person actor, or null for tokens and the system. */
export function actorUserId(actor: Actor): string | null {
  return actor.type === "user" ? actor.id : null;
}
