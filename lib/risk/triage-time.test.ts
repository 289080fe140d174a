import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { bucketLabel, formatDuration, TRIAGE_TIME_BOUNDS_SECONDS, triageTimePercentile } from "./triage-time";

describe("time-to-triage buckets", () => {
  it("uses the bounds the rollup trigger counts with", () => {
    // Guards against changing one side only: the dashboard would label buckets with the wrong times.
    const sql = readFileSync(path.resolve(import.meta.dirname, "../../prisma/migrations/20261122060000_risk_rollups/migration.sql"), "utf8");
    const bounds = /warden_triage_time_bucket[\s\S]*?ARRAY\[([\d,\s]+)\]/.exec(sql)?.[1];
    expect(bounds?.split(",").map((n) => Number(n.trim()))).toEqual([...TRIAGE_TIME_BOUNDS_SECONDS]);
  });

  it("labels buckets in readable durations", () => {
    expect(bucketLabel(1)).toBe("under 5 min");
    expect(bucketLabel(7)).toBe("4 h – 8 h");
    expect(bucketLabel(9)).toBe("12 h – 1 day");
    expect(bucketLabel(13)).toBe("5 days – 1 week");
    expect(bucketLabel(14)).toBe("1 week – 2 weeks");
    expect(bucketLabel(16)).toBe("30 days or more");
    expect(formatDuration(1209600)).toBe("2 weeks");
  });

  it("reports the bucket where the cumulative count reaches the percentile", () => {
    // 10 items: 4 under 5 min, 3 in 1–2 h, 2 in 4–8 h, 1 in 2–3 days.
    const counts = new Map([[1, 4], [5, 3], [7, 2], [11, 1]]);
    expect(triageTimePercentile(counts, 50)).toEqual({ bucket: 5, withinSeconds: 7200, label: "within 2 h" });
    expect(triageTimePercentile(counts, 40)?.bucket).toBe(1);
    expect(triageTimePercentile(counts, 90)).toEqual({ bucket: 7, withinSeconds: 28800, label: "within 8 h" });
    expect(triageTimePercentile(counts, 100)?.label).toBe("within 3 days");
    expect(triageTimePercentile(new Map([[16, 1]]), 50)).toEqual({ bucket: 16, withinSeconds: null, label: "30 days or more" });
  });

  it("has no percentile when nothing was triaged", () => {
    expect(triageTimePercentile(new Map(), 50)).toBeNull();
    expect(triageTimePercentile(new Map([[3, 0]]), 90)).toBeNull();
  });
});
