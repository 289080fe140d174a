// Runs a job every minute in this server process. Every instance runs its own copy; the job must
// therefore be safe to run concurrently (expireDueGrants is). The timer is unref'd so it never
// keeps a process alive that is otherwise shutting down.

export const GRANT_JOB_INTERVAL_MS = 60_000;

const STARTED = Symbol.for("warden.grantScheduler");
type SchedulerGlobal = typeof globalThis & { [STARTED]?: () => void };

export interface SchedulerOptions {
  run: () => Promise<unknown>;
  intervalMs?: number;
  onError?: (error: unknown) => void;
}

/**
 * Starts the job (once per process, even if called again, e.g. by a dev-server reload) and
 * returns a function that stops it. A run still in progress is never overlapped by the next one.
 */
export function startGrantScheduler({ run, intervalMs = GRANT_JOB_INTERVAL_MS, onError = (e) => console.error("[grant-scheduler] run failed", e) }: SchedulerOptions): () => void {
  const global = globalThis as SchedulerGlobal;
  if (global[STARTED]) return global[STARTED];
  let running = false;
  const tick = async () => {
    if (running) return;
    running = true;
    try {
      await run();
    } catch (error) {
      onError(error);
    } finally {
      running = false;
    }
  };
  const timer = setInterval(tick, intervalMs);
  timer.unref();
  const stop = () => {
    clearInterval(timer);
    delete global[STARTED];
  };
  global[STARTED] = stop;
  return stop;
}
