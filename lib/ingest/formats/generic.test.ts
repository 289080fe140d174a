import { describe, expect, it } from "vitest";
import { ingestEventSchema } from "../event";
import { parseGenericRecord } from "./generic";

const event = {
  id: "evt_01JDX5",
  timestamp: "2025-11-21T09:35:00Z",
  model: "mistral-large-latest",
  provider: "mistral",
  workflow: { keyAlias: "hr-assistant", teamAlias: "People", agentName: "HR Assistant", service: "hr-portal" },
  endUser: "emp-311",
  conversationId: "conv_77",
  messages: [
    { role: "system", content: "Answer questions about leave policy." },
    { role: "user", content: "How many vacation days do I have left?" },
  ],
  output: "You have 12 days left this year.",
  toolCalls: [{ name: "workday.read_balance", connector: "Workday", action: "read", resource: "employee:311", arguments: { employee: 311 }, result: '{"days":12}' }],
  usage: { inputTokens: 120, outputTokens: 11 },
  latencyMs: 812,
  checks: [{ name: "in-house-dlp", mode: "output", status: "passed", durationMs: 3.5, categories: [], raw: { score: 0.01 } }],
  someVendorExtra: { ignored: true },
};

describe("parseGenericRecord", () => {
  it("reads the documented generic event", () => {
    const { events, errors } = parseGenericRecord(event);
    expect(errors).toEqual([]);
    expect(ingestEventSchema.safeParse(events[0]).success).toBe(true);
    expect(events[0]).toMatchObject({
      source: "generic",
      eventKey: "generic:id:evt_01JDX5",
      model: "mistral-large-latest",
      workflowIdentity: { keyAlias: "hr-assistant", teamAlias: "People", agentName: "HR Assistant", service: "hr-portal" },
      toolCalls: [{ name: "workday.read_balance", connector: "Workday", action: "read", resource: "employee:311", arguments: '{"employee":311}', result: '{"days":12}' }],
      gatewayChecks: [{ name: "in-house-dlp", mode: "output", status: "passed", durationMs: 3.5, categories: [], raw: { score: 0.01 } }],
      usage: { inputTokens: 120, outputTokens: 11 },
    });
    expect(events[0]!.occurredAt.toISOString()).toBe("2025-11-21T09:35:00.000Z");
  });

  it("accepts epoch milliseconds and a numeric id, and needs nothing but a timestamp", () => {
    const [minimal] = parseGenericRecord({ id: 42, timestamp: 1763717700000 }).events;
    expect(minimal).toMatchObject({ eventKey: "generic:id:42", messages: [], toolCalls: [], gatewayChecks: [], workflowIdentity: {} });
  });

  it("names every wrong field with a reason", () => {
    const { events, errors } = parseGenericRecord({ timestamp: "last tuesday", model: 7, usage: { inputTokens: -1 }, checks: [{ name: "x", status: "maybe" }], messages: [{ role: "user" }] });
    expect(events).toEqual([]);
    const fields = errors.map((error) => error.field);
    expect(fields).toEqual(expect.arrayContaining(["timestamp", "model", "usage.inputTokens", "checks[0].status", "messages[0].content"]));
    expect(errors.find((error) => error.field === "checks[0].status")!.reason).toContain("passed, flagged, blocked, error, not_run");
    expect(errors.find((error) => error.field === "timestamp")!.reason).toContain("ISO 8601");
  });

  it("reports a record that is not an object", () => {
    expect(parseGenericRecord([1, 2])).toEqual({ events: [], errors: [{ field: "(record)", reason: "Expected a JSON object." }] });
  });
});
