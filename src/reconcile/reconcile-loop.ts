import { InvalidOptionsError } from '../errors/input-errors.js';
import type { ReconcileReport } from './reconcile-report.js';

/** Options of `Reconciler.startReconcileLoop`. */
export interface ReconcileLoopOptions {
  /** Pause between the end of one run and the start of the next (ms). Required. */
  intervalMs: number;
  /** Stops the loop, and aborts a run in progress. Default: none (call `stop()`). */
  signal?: AbortSignal;
  /** Extra pause, as a share of `intervalMs` drawn at random each time, 0 to 1. Default: 0.1. */
  jitterRatio?: number;
  /** Receives each report. Default: none. */
  onReport?: (report: ReconcileReport) => void | Promise<void>;
  /**
   * Receives a failed run's error; the loop then goes on. Default: none, and a failed run
   * ends the loop: `done` rejects with the error, so failures are never silent.
   */
  onError?: (error: unknown) => void | Promise<void>;
  /** The random source for jitter, in [0, 1). Default: `Math.random`. */
  random?: () => number;
}

/** The defaults of {@link ReconcileLoopOptions}. */
export const RECONCILE_LOOP_DEFAULTS = Object.freeze({
  /** Jitter as a share of the interval: 0.1. */
  jitterRatio: 0.1,
});

/** A running loop. */
export interface ReconcileLoop {
  /** Stops after the current run (which is aborted). */
  stop(): void;
  /** Settles once the loop has stopped. */
  done: Promise<void>;
}

/**
 * Runs `reconcile` again and again, never two at once: the next run is scheduled only after
 * the previous one has ended, `intervalMs` plus jitter later, so a slow run never piles up
 * behind itself, and several processes drift apart instead of hitting the panel together.
 */
export function startLoop(
  reconcile: (signal: AbortSignal) => Promise<ReconcileReport>,
  options: ReconcileLoopOptions,
): ReconcileLoop {
  const intervalMs = options?.intervalMs;
  if (!Number.isFinite(intervalMs) || intervalMs < 0) {
    throw new InvalidOptionsError('intervalMs', 'must be a non-negative number of milliseconds');
  }
  const jitterRatio = options.jitterRatio ?? RECONCILE_LOOP_DEFAULTS.jitterRatio;
  if (!(jitterRatio >= 0 && jitterRatio <= 1)) {
    throw new InvalidOptionsError('jitterRatio', 'must be between 0 and 1');
  }
  const random = options.random ?? Math.random;
  const controller = new AbortController();
  const outer = options.signal;
  const onOuterAbort = (): void => controller.abort(outer?.reason);
  if (outer?.aborted) controller.abort(outer.reason);
  else outer?.addEventListener('abort', onOuterAbort, { once: true });
  const signal = controller.signal;

  const run = async (): Promise<void> => {
    try {
      while (!signal.aborted) {
        try {
          const report = await reconcile(signal);
          await options.onReport?.(report);
        } catch (error) {
          if (signal.aborted) break;
          if (options.onError === undefined) throw error;
          await options.onError(error);
        }
        await pause(intervalMs + random() * jitterRatio * intervalMs, signal);
      }
    } finally {
      outer?.removeEventListener('abort', onOuterAbort);
    }
  };

  return { stop: () => controller.abort(), done: run() };
}

/** Waits `ms`, or less if `signal` aborts; never rejects. */
function pause(ms: number, signal: AbortSignal): Promise<void> {
  if (signal.aborted) return Promise.resolve();
  return new Promise((resolve) => {
    const done = (): void => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
  });
}
