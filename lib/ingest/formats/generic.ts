import { z } from "zod";
import { eventIdentity, GATEWAY_CHECK_STATUSES, LIMITS, Truncation, type RecordOutcome } from "../event";
import { argumentsText, asDate, detectRole, dropUndefined } from "../read";

// The generic JSON event, for any gateway without a format of its own. One object per event:
//
// {
//   "id": "evt_01J…",                         optional; without it the identity is the content hash
//   "timestamp": "2026-11-21T10:15:00Z",       required; ISO 8601 or epoch seconds / milliseconds
//   "model": "gpt-4.1", "provider": "openai",
//   "workflow": { "keyHash", "keyAlias", "teamId", "teamAlias", "agentId", "agentName", "service" },
//   "endUser": "customer-4821", "conversationId": "conv_77",
//   "messages": [{ "role": "system" | "user" | "assistant" | "tool" | "document", "content": "…" }],
//   "output": "…",
//   "toolCalls": [{ "name", "connector", "action", "resource", "arguments": string | object, "result" }],
//   "usage": { "inputTokens": 120, "outputTokens": 48 },
//   "latencyMs": 812,
//   "checks": [{ "name", "mode", "status": "passed" | "flagged" | "blocked" | "error" | "not_run",
//                "durationMs", "categories": ["pii"], "raw": any }]
// }
//
// Unknown fields are ignored. Strings longer than the limits in ../event are cut and flagged, not rejected.

const text = z.string({ error: "must be a string" });
const count = z.number({ error: "must be a number" }).int("must be a whole number").nonnegative("must not be negative");

export const genericEventSchema = z.object({
  id: z.union([z.string(), z.number()], { error: "must be a string or a number" }).optional(),
  timestamp: z.union([z.string(), z.number()], { error: "is required (ISO 8601 or epoch time)" }).refine((value) => asDate(value) !== undefined, "must be an ISO 8601 date or an epoch time after 2000"),
  model: text.optional(),
  provider: text.optional(),
  workflow: z
    .object({
      keyHash: text.optional(),
      keyAlias: text.optional(),
      teamId: text.optional(),
      teamAlias: text.optional(),
      agentId: text.optional(),
      agentName: text.optional(),
      service: text.optional(),
    })
    .optional(),
  endUser: text.optional(),
  conversationId: text.optional(),
  messages: z.array(z.object({ role: text, content: text }), { error: "must be a list of {role, content}" }).optional(),
  output: text.optional(),
  toolCalls: z
    .array(
      z.object({
        name: text,
        connector: text.optional(),
        action: text.optional(),
        resource: text.optional(),
        arguments: z.unknown().optional(),
        result: text.optional(),
      }),
    )
    .optional(),
  usage: z.object({ inputTokens: count.optional(), outputTokens: count.optional() }).optional(),
  latencyMs: z.number({ error: "must be a number" }).nonnegative("must not be negative").optional(),
  checks: z
    .array(
      z.object({
        name: text,
        mode: text.optional(),
        status: z.enum(GATEWAY_CHECK_STATUSES, { error: `must be one of ${GATEWAY_CHECK_STATUSES.join(", ")}` }),
        durationMs: z.number({ error: "must be a number" }).nonnegative("must not be negative").optional(),
        categories: z.array(text).optional(),
        raw: z.unknown().optional(),
      }),
    )
    .optional(),
});
export type GenericEvent = z.infer<typeof genericEventSchema>;

export function parseGenericRecord(record: unknown): RecordOutcome {
  const parsed = genericEventSchema.safeParse(record);
  if (!parsed.success) {
    return {
      events: [],
      errors: parsed.error.issues.map((issue) => ({
        field: issue.path.length > 0 ? issue.path.map((part, i) => (typeof part === "number" ? `[${part}]` : `${i === 0 ? "" : "."}${String(part)}`)).join("") : "(record)",
        reason: issue.path.length > 0 ? issue.message : "Expected a JSON object.",
      })),
    };
  }
  const event = parsed.data;
  const t = new Truncation();
  const workflow = event.workflow ?? {};
  return {
    events: [
      {
        source: "generic",
        ...eventIdentity("generic", event.id === undefined ? undefined : String(event.id), record),
        occurredAt: asDate(event.timestamp)!,
        model: t.identifier("model", event.model),
        provider: t.identifier("provider", event.provider),
        workflowIdentity: dropUndefined({
          keyHash: t.identifier("workflow.keyHash", workflow.keyHash),
          keyAlias: t.identifier("workflow.keyAlias", workflow.keyAlias),
          teamId: t.identifier("workflow.teamId", workflow.teamId),
          teamAlias: t.identifier("workflow.teamAlias", workflow.teamAlias),
          agentId: t.identifier("workflow.agentId", workflow.agentId),
          agentName: t.identifier("workflow.agentName", workflow.agentName),
          service: t.identifier("workflow.service", workflow.service),
        }),
        endUser: t.identifier("endUser", event.endUser),
        conversationId: t.identifier("conversationId", event.conversationId),
        messages: t.list("messages", event.messages ?? [], LIMITS.messages).map((message, i) => ({ role: detectRole(message.role), content: t.text(`messages[${i}].content`, message.content) })),
        output: event.output === undefined ? undefined : t.text("output", event.output),
        toolCalls: t.list("toolCalls", event.toolCalls ?? [], LIMITS.toolCalls).map((call, i) =>
          dropUndefined({
            name: t.text(`toolCalls[${i}].name`, call.name, LIMITS.identifierChars),
            connector: t.identifier(`toolCalls[${i}].connector`, call.connector),
            action: t.identifier(`toolCalls[${i}].action`, call.action),
            resource: t.identifier(`toolCalls[${i}].resource`, call.resource),
            arguments: t.text(`toolCalls[${i}].arguments`, argumentsText(call.arguments), LIMITS.argumentsChars),
            result: call.result === undefined ? undefined : t.text(`toolCalls[${i}].result`, call.result),
          }),
        ),
        usage: dropUndefined({ inputTokens: event.usage?.inputTokens, outputTokens: event.usage?.outputTokens }),
        latencyMs: event.latencyMs,
        gatewayChecks: t.list("checks", event.checks ?? [], LIMITS.gatewayChecks).map((check, i) =>
          dropUndefined({
            name: t.text(`checks[${i}].name`, check.name, LIMITS.identifierChars),
            mode: t.identifier(`checks[${i}].mode`, check.mode),
            status: check.status,
            durationMs: check.durationMs,
            categories: check.categories?.map((category, j) => t.text(`checks[${i}].categories[${j}]`, category, LIMITS.identifierChars)),
            raw: t.raw(`checks[${i}].raw`, check.raw),
          }),
        ),
        truncatedFields: t.fields,
      },
    ],
    errors: [],
  };
}
