import { beforeEach, describe, expect, it, vi } from "vitest";

const purgeExpired = vi.fn(async (now: Date) => ({ ran: true, at: now }));
const relinkPendingIdentities = vi.fn(async () => []);
vi.mock("./retention", () => ({ purgeExpired }));
const ensurePartitions = vi.fn(async () => {});
vi.mock("./shadow/relink", () => ({ relinkPendingIdentities }));
vi.mock("./partitions", () => ({ ensurePartitions }));

describe("ingestion clock", () => {
  beforeEach(() => {
    vi.resetModules();
    purgeExpired.mockClear();
    relinkPendingIdentities.mockClear();
  });

  it("runs at the first minute tick, then once an hour, not every minute", async () => {
    const { runIngestHousekeepingIfDue, INGEST_HOUSEKEEPING_INTERVAL_MS } = await import("./housekeeping");
    const start = new Date("2026-11-22T10:00:00Z");
    const at = (ms: number) => new Date(start.getTime() + ms);
    expect(await runIngestHousekeepingIfDue(start)).not.toBeNull();
    for (let minute = 1; minute < 60; minute += 1) expect(await runIngestHousekeepingIfDue(at(minute * 60_000))).toBeNull();
    expect(await runIngestHousekeepingIfDue(at(INGEST_HOUSEKEEPING_INTERVAL_MS))).not.toBeNull();
    expect(purgeExpired).toHaveBeenCalledTimes(2);
    expect(relinkPendingIdentities).toHaveBeenCalledTimes(2);
    // Today's and tomorrow's partitions, created ahead of the traffic.
    expect(ensurePartitions).toHaveBeenLastCalledWith([at(INGEST_HOUSEKEEPING_INTERVAL_MS), at(INGEST_HOUSEKEEPING_INTERVAL_MS + 86_400_000)]);
  });

  it("waits an hour after a failed run too, rather than retrying every minute", async () => {
    const { runIngestHousekeepingIfDue } = await import("./housekeeping");
    purgeExpired.mockRejectedValueOnce(new Error("lock timeout"));
    const start = new Date("2026-11-22T10:00:00Z");
    await expect(runIngestHousekeepingIfDue(start)).rejects.toThrow("lock timeout");
    expect(await runIngestHousekeepingIfDue(new Date(start.getTime() + 60_000))).toBeNull();
  });
});
