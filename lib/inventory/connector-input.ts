import "server-only";
import { z } from "zod";
import type { Connector } from "@/lib/generated/prisma/client";
import { oneOf, optionalText, requiredText } from "./fields";
import { CONNECTOR_ACTIONS, CONNECTOR_KINDS, SENSITIVITIES } from "./vocabulary";

// "repo:acme/*", "table:finance.*", "channel:#support", "s3://bucket/prefix": a resource type,
// a colon, then the naming scheme. Grants name resources the same way, so this shape matters.
const RESOURCE_PATTERN = /^[a-z][a-z0-9+._-]*:\S.*$/;

export const connectorFields = z.object({
  name: requiredText("Name", 120),
  kind: oneOf("Kind", CONNECTOR_KINDS),
  system: requiredText("System", 80),
  description: optionalText("Description", 1000).transform((value) => value ?? ""),
  actions: z
    .array(z.string({ error: "Actions must be a list." }), { error: "Choose at least one action." })
    .superRefine((actions, ctx) => {
      const unknown = actions.filter((action) => !(CONNECTOR_ACTIONS as readonly string[]).includes(action));
      if (unknown.length) {
        ctx.addIssue({ code: "custom", message: `Unknown action "${unknown[0]}". Actions come from: ${CONNECTOR_ACTIONS.join(", ")}.` });
      }
    })
    .transform((actions) => CONNECTOR_ACTIONS.filter((action) => actions.includes(action)))
    .refine((actions) => actions.length > 0, "Choose at least one action."),
  resourcePattern: requiredText("Resource pattern", 200).regex(
    RESOURCE_PATTERN,
    "Resource pattern must start with a lower-case resource type and a colon, e.g. repo:acme/*, table:finance.* or channel:#support.",
  ),
  sensitivity: oneOf("Sensitivity", SENSITIVITIES),
});

export type ConnectorFields = z.infer<typeof connectorFields>;

export function connectorSnapshot(connector: Connector) {
  return {
    name: connector.name,
    kind: connector.kind,
    system: connector.system,
    description: connector.description,
    actions: connector.actions,
    resourcePattern: connector.resourcePattern,
    sensitivity: connector.sensitivity,
  };
}

export const CONNECTOR_NAME_TAKEN = "A connector with this name already exists.";
