import { performance } from 'node:perf_hooks';

/** What one timed run of a call measured. */
export interface LoopResult {
  /** Calls that resolved. */
  calls: number;
  /** Calls that rejected (a networked row should have none). */
  errors: number;
  /** The first rejection, to show what went wrong. */
  firstError?: unknown;
  /** Wall time from the first call to the last settled one (ms). */
  elapsedMs: number;
  /** This process's CPU time over the run, user + system (µs). */
  cpuMicros: number;
}

/**
 * Runs `call` from `concurrency` workers, each starting its next call as soon as its last one
 * settled (a closed loop), until `durationMs` has passed; calls in flight then finish and count.
 */
export async function runClosedLoop(
  call: () => Promise<unknown>,
  concurrency: number,
  durationMs: number,
): Promise<LoopResult> {
  let calls = 0;
  let errors = 0;
  let firstError: unknown;
  const cpuStart = process.cpuUsage();
  const started = performance.now();
  const endAt = started + durationMs;

  const worker = async (): Promise<void> => {
    while (performance.now() < endAt) {
      try {
        await call();
        calls += 1;
      } catch (error) {
        errors += 1;
        firstError ??= error;
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));

  const elapsedMs = performance.now() - started;
  const cpu = process.cpuUsage(cpuStart);
  return { calls, errors, firstError, elapsedMs, cpuMicros: cpu.user + cpu.system };
}

/** The synchronous twin of {@link runClosedLoop}, for parsing and logging rows. */
export function runSyncLoop(call: () => unknown, durationMs: number, batch = 1): LoopResult {
  let calls = 0;
  const cpuStart = process.cpuUsage();
  const started = performance.now();
  const endAt = started + durationMs;
  // Reading the clock costs about as much as a disabled log call, so cheap calls run in batches.
  while (performance.now() < endAt) {
    for (let i = 0; i < batch; i++) call();
    calls += batch;
  }
  const elapsedMs = performance.now() - started;
  const cpu = process.cpuUsage(cpuStart);
  return { calls, errors: 0, elapsedMs, cpuMicros: cpu.user + cpu.system };
}
