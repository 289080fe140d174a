import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { GRANT_JOB_INTERVAL_MS, startGrantScheduler } from "./scheduler";

describe("grant scheduler", () => {
  let stop: (() => void) | undefined;
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => {
    stop?.();
    vi.useRealTimers();
  });

  it("runs the job every minute and does not keep the process alive", async () => {
    const run = vi.fn().mockResolvedValue(undefined);
    const unref = vi.spyOn(globalThis, "setInterval");
    stop = startGrantScheduler({ run });
    expect(unref).toHaveBeenCalledWith(expect.any(Function), GRANT_JOB_INTERVAL_MS);
    const timer = unref.mock.results[0]!.value as { hasRef(): boolean };
    expect(timer.hasRef()).toBe(false);
    await vi.advanceTimersByTimeAsync(GRANT_JOB_INTERVAL_MS * 3);
    expect(run).toHaveBeenCalledTimes(3);
  });

  it("starts once per process however often it is asked", async () => {
    const run = vi.fn().mockResolvedValue(undefined);
    stop = startGrantScheduler({ run });
    const again = startGrantScheduler({ run });
    expect(again).toBe(stop);
    await vi.advanceTimersByTimeAsync(GRANT_JOB_INTERVAL_MS);
    expect(run).toHaveBeenCalledTimes(1);
  });

  it("keeps running after a failed run, and never overlaps a slow one", async () => {
    const errors: unknown[] = [];
    let release: () => void = () => {};
    const run = vi
      .fn()
      .mockRejectedValueOnce(new Error("database unavailable"))
      .mockImplementationOnce(() => new Promise<void>((resolve) => (release = resolve)))
      .mockResolvedValue(undefined);
    stop = startGrantScheduler({ run, onError: (e) => errors.push(e) });
    await vi.advanceTimersByTimeAsync(GRANT_JOB_INTERVAL_MS);
    expect(errors).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(GRANT_JOB_INTERVAL_MS * 3); // second run still in progress
    expect(run).toHaveBeenCalledTimes(2);
    release();
    await vi.advanceTimersByTimeAsync(GRANT_JOB_INTERVAL_MS);
    expect(run).toHaveBeenCalledTimes(3);
  });
});
