import { can, type Actor } from "@/lib/auth/actor";

// Who may decide or hand over an item. The permission table says which roles ever may; these rules
// narrow it to the item's reviewer (or an admin), and keep separation of duties: nobody certifies a
// grant they requested, whatever their role.

export interface ItemAuthorityContext {
  reviewerId: string | null;
  requestedById: string | null;
  campaignStatus: string;
}

export function decideItemRefusal(actor: Actor, item: ItemAuthorityContext): string | null {
  if (actor.type !== "user" || !can(actor, "review:decide")) return "Your role does not allow deciding review items.";
  if (item.campaignStatus !== "active") return "This campaign is not active, so its items cannot be decided.";
  if (item.requestedById === actor.id) return "You requested this grant, so someone else must review it (separation of duties).";
  if (item.reviewerId !== actor.id && actor.role !== "admin") return "Only the item's reviewer or an admin can decide it.";
  return null;
}

/** Reassigning: the governance team (review:manage), or the current reviewer handing the item on. */
export function reassignRefusal(actor: Actor, item: ItemAuthorityContext): string | null {
  if (actor.type !== "user") return "Only people can reassign review items.";
  if (item.campaignStatus !== "active") return "This campaign is not active, so its items cannot be reassigned.";
  if (can(actor, "review:manage") || item.reviewerId === actor.id) return null;
  return "Only the item's reviewer or the governance team can reassign it.";
}
