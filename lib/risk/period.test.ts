import { describe, expect, it } from "vitest";
import { dayAfter, riskPeriod, riskPeriodQuerySchema } from "./period";

describe("risk period", () => {
  it("covers the last N UTC days, today included", () => {
    const period = riskPeriod(7, new Date("2026-03-04T23:59:00.000Z"));
    expect(period.fromDay).toBe("2026-02-26");
    expect(period.toDay).toBe("2026-03-04");
    expect(period.from.toISOString()).toBe("2026-02-26T00:00:00.000Z");
    expect(period.dayList).toHaveLength(7);
    expect(dayAfter("2026-02-28").toISOString()).toBe("2026-03-01T00:00:00.000Z");
  });

  it("reads ?days= and refuses other lengths by name", () => {
    expect(riskPeriodQuerySchema.parse({}).days).toBe(30);
    expect(riskPeriodQuerySchema.parse({ days: "90" }).days).toBe(90);
    const refused = riskPeriodQuerySchema.safeParse({ days: "365" });
    expect(refused.success).toBe(false);
    expect(refused.error?.issues[0]?.path).toEqual(["days"]);
    expect(refused.error?.issues[0]?.message).toMatch(/days must be one of 7, 30, 90/);
  });
});
