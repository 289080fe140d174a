import { describe, expect, it } from "vitest";
import { ingestEventSchema } from "../event";
import { parsePortkeyRecord } from "./portkey";

// A Portkey log of a chat completion whose guardrails ran inline: an input guardrail with a PII check
// that failed without denying (HTTP 246), and an output guardrail that passed.
function log(overrides: Record<string, unknown> = {}) {
  return {
    id: "log_01JDX4Q9B1R6",
    trace_id: "trace-support-8812",
    created_at: "2025-11-21T09:35:00.000Z",
    provider: "openai",
    model: "gpt-4o-mini",
    status: 246,
    response_time: 1432,
    virtual_key: "support-openai-vk",
    metadata: { _user: "customer-4821", team: "Customer Support", service: "helpdesk" },
    request: {
      body: {
        model: "gpt-4o-mini",
        messages: [
          { role: "system", content: "You answer billing questions." },
          { role: "user", content: "My card 4111 1111 1111 1111 was charged twice" },
        ],
      },
    },
    response: {
      body: {
        id: "chatcmpl-AbC",
        object: "chat.completion",
        created: 1763717700,
        choices: [{ index: 0, message: { role: "assistant", content: "I'm sorry about that; I've opened a refund request." }, finish_reason: "stop" }],
        usage: { prompt_tokens: 38, completion_tokens: 14, total_tokens: 52 },
        hook_results: {
          before_request_hooks: [
            {
              verdict: false,
              id: "pg-pii-check",
              type: "guardrail",
              deny: false,
              async: false,
              execution_time: 41,
              created_at: "2025-11-21T09:35:00.010Z",
              checks: [
                { data: { detected: ["credit_card"] }, verdict: false, id: "portkey.pii", execution_time: 39, created_at: "2025-11-21T09:35:00.011Z" },
                { data: null, verdict: true, id: "default.regexMatch", execution_time: 1, created_at: "2025-11-21T09:35:00.012Z" },
              ],
            },
          ],
          after_request_hooks: [
            { verdict: true, id: "pg-tone", type: "guardrail", deny: true, execution_time: 210, checks: [{ data: {}, verdict: true, id: "portkey.moderateContent", execution_time: 205 }] },
          ],
        },
      },
    },
    ...overrides,
  };
}

describe("parsePortkeyRecord", () => {
  it("reads a Portkey log with its inline guardrail verdicts (246: flagged and passed)", () => {
    const { events, errors } = parsePortkeyRecord(log());
    expect(errors).toEqual([]);
    const [event] = events;
    expect(ingestEventSchema.safeParse(event).success).toBe(true);
    expect(event).toMatchObject({
      eventKey: "portkey:id:log_01JDX4Q9B1R6",
      model: "gpt-4o-mini",
      provider: "openai",
      endUser: "customer-4821",
      conversationId: "trace-support-8812",
      output: "I'm sorry about that; I've opened a refund request.",
      usage: { inputTokens: 38, outputTokens: 14 },
      latencyMs: 1432,
      workflowIdentity: { keyAlias: "support-openai-vk", teamAlias: "Customer Support", service: "helpdesk" },
    });
    expect(event!.messages).toHaveLength(2);
    expect(event!.gatewayChecks.map((check) => [check.name, check.mode, check.status, check.durationMs, check.categories])).toEqual([
      ["pg-pii-check/portkey.pii", "input", "flagged", 39, ["pii"]],
      ["pg-pii-check/default.regexMatch", "input", "passed", 1, ["regexMatch"]],
      ["pg-tone/portkey.moderateContent", "output", "passed", 205, ["moderateContent"]],
    ]);
    expect(event!.gatewayChecks[0]!.raw).toMatchObject({ data: { detected: ["credit_card"] } });
  });

  it("reads a 446 as blocked when the failing guardrail denies, and a check error as an error", () => {
    const blocked = log({
      status: 446,
      response: {
        body: {
          error: { message: "The guardrail checks defined in the config failed.", type: "hooks_failed" },
          hook_results: {
            before_request_hooks: [
              {
                id: "pg-injection",
                verdict: false,
                deny: true,
                checks: [
                  { id: "default.jwt", verdict: false, execution_time: 3 },
                  { id: "lakera.promptInjection", verdict: false, error: { message: "timeout" }, execution_time: 5000 },
                ],
              },
            ],
            after_request_hooks: [],
          },
        },
      },
    });
    const [event] = parsePortkeyRecord(blocked).events;
    expect(event!.output).toBeUndefined();
    expect(event!.gatewayChecks.map((check) => check.status)).toEqual(["blocked", "error"]);
  });

  it("reads hook_results at the top level of a log too", () => {
    const record = log({ response: { body: { choices: [] } }, hook_results: { before_request_hooks: [{ id: "pg-1", deny: false, checks: [{ id: "default.contains", verdict: true, execution_time: 0 }] }] } });
    expect(parsePortkeyRecord(record).events[0]!.gatewayChecks).toHaveLength(1);
  });

  it("reports a missing time and a malformed hook_results by field", () => {
    expect(parsePortkeyRecord(log({ created_at: undefined, response: {} })).errors).toEqual([{ field: "created_at", reason: expect.any(String) }]);
    expect(parsePortkeyRecord(log({ hook_results: ["not", "an", "object"] })).errors).toEqual([{ field: "hook_results", reason: expect.any(String) }]);
    expect(parsePortkeyRecord(42).errors[0]!.field).toBe("(record)");
  });
});
