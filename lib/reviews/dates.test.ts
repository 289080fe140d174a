import { describe, expect, it } from "vitest";
import { addMonths } from "./dates";

describe("addMonths", () => {
  it("moves to the same day and time a quarter later", () => {
    expect(addMonths(new Date("2026-11-22T09:30:00Z"), 3).toISOString()).toBe("2027-02-22T09:30:00.000Z");
  });

  it("clamps to the last day of a shorter month instead of spilling into the next", () => {
    expect(addMonths(new Date("2026-11-30T00:00:00Z"), 3).toISOString()).toBe("2027-02-28T00:00:00.000Z");
    expect(addMonths(new Date("2027-01-31T00:00:00Z"), 1).toISOString()).toBe("2027-02-28T00:00:00.000Z");
  });
});
