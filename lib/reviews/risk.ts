import { WRITE_LIKE_ACTIONS } from "@/lib/grants/scope";

// Which grants are high-risk in a review: they need a justification even to approve, and go to the
// second stage when the campaign has one.

export interface RiskSubject {
  connectorSensitivity: string;
  mode: string;
  actions: string[];
}

export function isHighRisk(grant: RiskSubject): boolean {
  if (grant.connectorSensitivity === "high" || grant.connectorSensitivity === "critical") return true;
  return grant.mode === "autonomous" && grant.actions.some((action) => WRITE_LIKE_ACTIONS.has(action));
}
