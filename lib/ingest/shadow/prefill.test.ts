import { describe, expect, it } from "vitest";
import { suggestedWorkflowName, workflowPrefill } from "./prefill";

describe("register-from-identity prefill", () => {
  it("names the workflow after the identity", () => {
    expect(suggestedWorkflowName("key_alias", "marketing-experiments")).toBe("Marketing experiments");
    expect(suggestedWorkflowName("service", "code_review.bot")).toBe("Code review bot");
    expect(suggestedWorkflowName("key_hash", "88dc28d0f030c55ed4ab77ed8faf098196cb1c05df778539800c9f1243fe6b4b")).toBe("Unregistered key 88dc28d0f030");
    expect(suggestedWorkflowName("team", "---")).toBe("Unregistered team");
  });

  it("fills in what the gateway saw, the matching team and the person registering as owner", () => {
    const prefill = workflowPrefill(
      {
        kind: "key_alias",
        value: "marketing-experiments",
        interactions: 4,
        firstSeen: new Date("2026-11-20T10:00:00Z"),
        models: ["gpt-4o-mini"],
        providers: ["openai"],
        lastIdentity: { keyAlias: "marketing-experiments", teamAlias: "Marketing" },
      },
      [{ id: "t-support", name: "Customer Support" }, { id: "t-marketing", name: "marketing" }],
      "u-priya",
    );
    expect(prefill).toMatchObject({ name: "Marketing experiments", teamId: "t-marketing", models: "gpt-4o-mini", providers: "openai", ownerId: "u-priya", environment: "production" });
    expect(prefill.purpose).toContain('key alias "marketing-experiments" (gateway team Marketing) since 2026-11-20');
    expect(workflowPrefill({ ...{ kind: "team", value: "x", interactions: 1, firstSeen: new Date(), models: [], providers: [], lastIdentity: {} } }, [], null)).toMatchObject({ teamId: "", ownerId: "" });
  });
});
