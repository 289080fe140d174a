import { describe, expect, it } from "vitest";
import { gatewayCategory } from "./gateway";

describe("gatewayCategory", () => {
  it.each([
    [{ name: "lakera", categories: ["prompt_injection"] }, "prompt_injection", "LLM01:2025"],
    [{ name: "azure", categories: ["IndirectAttack", "xpia"] }, "indirect_injection", "LLM01:2025"],
    [{ name: "guard", categories: ["jailbreak"] }, "jailbreak", "LLM01:2025"],
    [{ name: "hide-secrets", categories: ["AWS_ACCESS_KEY"] }, "secret", "LLM02:2025"],
    [{ name: "hide-secrets" }, "secret", "LLM02:2025"],
    [{ name: "detect-secrets", categories: ["Slack Token"] }, "secret", "LLM02:2025"],
    [{ name: "presidio", categories: ["EMAIL_ADDRESS", "PHONE_NUMBER"] }, "pii", "LLM02:2025"],
    [{ name: "pg-pii-check/portkey.pii", categories: ["pii"] }, "pii", "LLM02:2025"],
    [{ name: "Azure Content Safety", categories: ["hate_speech"] }, "toxicity", null],
    [{ name: "openai-moderation" }, "toxicity", null],
    [{ name: "max-tokens", categories: ["token limit"] }, "gateway_guardrail", null],
    [{ name: "regex", categories: ["regexMatch"] }, "gateway_guardrail", null],
  ])("maps %j", (check, category, owasp) => {
    expect(gatewayCategory(check)).toEqual({ category, owasp });
  });
});
