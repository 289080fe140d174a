import { describe, expect, it } from "vitest";
import { progressByReviewer, progressOf } from "./progress";

const due = new Date("2026-12-01T00:00:00Z");
const before = new Date("2026-11-25T00:00:00Z");
const after = new Date("2026-12-02T00:00:00Z");
const items = [
  { decision: "approve", reviewerId: "a" },
  { decision: null, reviewerId: "a" },
  { decision: "dont_know", reviewerId: "b" },
  { decision: "deny", reviewerId: "b" },
];

describe("progress", () => {
  it("counts don't know as remaining, and nothing overdue before the due date", () => {
    expect(progressOf(items, due, before, true)).toEqual({ total: 4, done: 2, remaining: 2, overdue: 0 });
  });

  it("counts every remaining item as overdue after the due date while the campaign is open", () => {
    expect(progressOf(items, due, after, true).overdue).toBe(2);
    expect(progressOf(items, due, after, false).overdue).toBe(0);
  });

  it("splits by reviewer", () => {
    expect(Object.fromEntries(progressByReviewer(items, due, after, true))).toEqual({
      a: { total: 2, done: 1, remaining: 1, overdue: 1 },
      b: { total: 2, done: 1, remaining: 1, overdue: 1 },
    });
  });
});
