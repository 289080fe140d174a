import { describe, expect, it } from "vitest";
import { parseQueueFilters } from "@/lib/triage/queue-filters";
import { dayQueueHref, periodQueueHref, shadowAiHref } from "./links";

describe("dashboard links", () => {
  const period = { fromDay: "2026-10-24", toDay: "2026-11-22" };

  it("send the queue the period and the figure's filters, which it reads back as given", () => {
    const href = periodQueueHref(period, { category: "prompt_injection", status: "all" });
    expect(href.startsWith("/interactions?")).toBe(true);
    const parsed = parseQueueFilters(new URLSearchParams(href.split("?")[1]));
    expect(parsed.success && parsed.data).toMatchObject({ from: "2026-10-24", to: "2026-11-22", category: "prompt_injection", status: "all" });
  });

  it("leave status out for open items, the queue's default", () => {
    expect(periodQueueHref(period)).toBe("/interactions?from=2026-10-24&to=2026-11-22");
    expect(dayQueueHref("2026-11-01", { status: "resolved" })).toBe("/interactions?from=2026-11-01&to=2026-11-01&status=resolved");
  });

  it("narrow the unregistered-AI list to a caller's name", () => {
    expect(shadowAiHref("key_alias:marketing-experiments")).toBe("/shadow-ai?q=marketing-experiments");
    expect(shadowAiHref()).toBe("/shadow-ai");
  });
});
