import { z } from "zod";
import { isResourceWithin } from "@/lib/grants/scope";

// How access reviews read usage from ingested interactions. Each interaction's `tool_calls`
// (JSONB, default []) is a list of the calls the model made through the gateway, one object each:
//
//   [{ "connector": "GitHub", "action": "read", "resource": "repo:acme/web" }]
//
// - connector:   the connector's name (case-insensitive) or id, as the gateway reported it;
// - connectorId: the connector ingestion resolved the call to (lib/ingest/agency.ts), also when the
//                gateway named it only in the tool's name ("github.create_issue");
// - action:      one of the connector's actions (read, write, …);
// - resource:    optional; the resource touched, named like the connector's resource pattern;
// - inHistory:   true for a call replayed from an earlier turn, already counted with that turn.
//
// Anything else in an element is ignored, and elements that do not have this shape are skipped, so
// a gateway that reports more (arguments, latency) or less (no resource) still counts.

export const toolCallShape = z
  .object({
    connector: z.string().min(1).optional(),
    connectorId: z.string().min(1).optional(),
    action: z.string().min(1),
    resource: z.string().min(1).optional(),
    inHistory: z.boolean().optional(),
  })
  .refine((call) => call.connector !== undefined || call.connectorId !== undefined, "A tool call names its connector.");
export type ToolCall = z.infer<typeof toolCallShape>;

/** The calls an interaction made itself, in a shape usage can read. */
export function parseToolCalls(raw: unknown): ToolCall[] {
  if (!Array.isArray(raw)) return [];
  return raw.flatMap((element) => {
    const parsed = toolCallShape.safeParse(element);
    return parsed.success && parsed.data.inHistory !== true ? [parsed.data] : [];
  });
}

export interface InteractionUsageRow {
  occurredAt: Date;
  toolCalls: unknown;
}

export interface GrantUsage {
  /** Whether the workflow has any interaction in the window at all; without it, usage says nothing. */
  hasLogData: boolean;
  lastUsedAt: Date | null;
  calls: number;
  actionsUsed: string[];
  resourcesUsed: string[];
}

export interface UsageSubject {
  connector: { id: string; name: string };
  resources: string[];
}

/** What a grant was used for, from its workflow's interactions: the calls on its connector and resources. */
export function summarizeUsage(subject: UsageSubject, interactions: InteractionUsageRow[]): GrantUsage {
  const connectorKeys = new Set([subject.connector.id.toLowerCase(), subject.connector.name.toLowerCase()]);
  let lastUsedAt: Date | null = null;
  let calls = 0;
  const actions = new Set<string>();
  const resources = new Set<string>();
  for (const interaction of interactions) {
    for (const call of parseToolCalls(interaction.toolCalls)) {
      if (!(call.connectorId !== undefined && connectorKeys.has(call.connectorId.toLowerCase())) && !(call.connector !== undefined && connectorKeys.has(call.connector.toLowerCase()))) continue;
      // A call on a resource outside the grant was not made under this grant.
      if (call.resource && !subject.resources.some((allowed) => isResourceWithin(call.resource!, allowed))) continue;
      calls += 1;
      actions.add(call.action);
      if (call.resource) resources.add(call.resource);
      if (!lastUsedAt || interaction.occurredAt > lastUsedAt) lastUsedAt = interaction.occurredAt;
    }
  }
  return { hasLogData: interactions.length > 0, lastUsedAt, calls, actionsUsed: [...actions].sort(), resourcesUsed: [...resources].sort() };
}
