import { describe, expect, it } from "vitest";
import { decodeCursor, encodeCursor } from "./cursor";
import { isNarrowed, parseQueueFilters, queueHref, queueQuery } from "./queue-filters";

describe("queue filters in the URL", () => {
  it("reads a shared URL and writes it back the same way", () => {
    const parsed = parseQueueFilters(new URLSearchParams("category=prompt_injection&workflow=7d8f2c1e-1b2a-4c3d-9e8f-0a1b2c3d4e5f&status=all"));
    expect(parsed.success).toBe(true);
    expect(queueQuery(parsed.data!)).toBe("status=all&category=prompt_injection&workflow=7d8f2c1e-1b2a-4c3d-9e8f-0a1b2c3d4e5f");
  });

  it("leaves defaults out of links", () => {
    expect(queueHref({ status: "open", view: "groups", sort: "newest" })).toBe("/interactions");
    expect(queueHref({ severity: "high", view: "all" })).toBe("/interactions?severity=high&view=all");
  });

  it("drops the page position when a filter changes, keeps it when only the page changes", () => {
    expect(queueQuery({ severity: "high", after: "abc" }, { category: "secret" })).toBe("severity=high&category=secret");
    expect(queueQuery({ severity: "high", after: "abc" }, { after: "def" })).toBe("severity=high&after=def");
  });

  it("names the field of each bad value", () => {
    const parsed = parseQueueFilters({ from: "2026-02-30", severity: "urgent", workflow: "nope", assignee: "someone", to: "2026-01-01" });
    expect(parsed.success).toBe(false);
    const fields = new Set(parsed.error!.issues.map((issue) => issue.path.join(".")));
    expect(fields).toEqual(new Set(["from", "severity", "workflow", "assignee"]));
  });

  it("refuses a to date before the from date", () => {
    const parsed = parseQueueFilters({ from: "2026-03-02", to: "2026-03-01" });
    expect(parsed.error?.issues[0]).toMatchObject({ path: ["to"], message: "To date must be on or after the From date." });
  });

  it("takes the first of repeated parameters and treats empty ones as absent", () => {
    const parsed = parseQueueFilters({ severity: ["high", "low"], category: "", q: "  " });
    expect(parsed.data).toMatchObject({ severity: "high" });
    expect(parsed.data?.category).toBeUndefined();
    expect(isNarrowed(parsed.data!)).toBe(true);
    expect(isNarrowed(parseQueueFilters({ status: "open", view: "all" }).data!)).toBe(false);
  });

  it("accepts the words each id filter allows", () => {
    expect(parseQueueFilters({ assignee: "me", workflow: "unregistered" }).success).toBe(true);
    expect(parseQueueFilters({ assignee: "unassigned" }).success).toBe(true);
    expect(parseQueueFilters({ owner: "unassigned" }).success).toBe(false);
  });
});

describe("queue cursors", () => {
  const at = new Date("2026-11-20T10:11:12.345Z");
  const id = "7d8f2c1e-1b2a-4c3d-9e8f-0a1b2c3d4e5f";

  it("round-trips the sort key", () => {
    expect(decodeCursor(encodeCursor({ occurredAt: at, id }), "newest", "after")).toEqual({ severity: undefined, occurredAt: at, id });
    expect(decodeCursor(encodeCursor({ severity: "high", occurredAt: at, id }), "severity", "before")).toEqual({ severity: "high", occurredAt: at, id });
  });

  it("refuses a cursor made for another sort, or not made by us", () => {
    expect(() => decodeCursor(encodeCursor({ occurredAt: at, id }), "severity", "after")).toThrow(/not valid/);
    expect(() => decodeCursor("bm9wZQ", "newest", "after")).toThrow(/not valid/);
    expect(() => decodeCursor(Buffer.from(JSON.stringify({ t: 1, i: "x" })).toString("base64url"), "newest", "before")).toThrow(/not valid/);
  });
});
