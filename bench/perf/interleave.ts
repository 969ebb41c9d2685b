import type { LoopResult } from './closed-loop.js';

/** One side of a comparison: a timed run of its own call. */
export interface Side {
  label: string;
  /** Runs the side's call for `durationMs` and reports what it measured. */
  run(durationMs: number): Promise<LoopResult>;
}

/** The sums of one side over all counted rounds. */
export interface SideTotals {
  label: string;
  calls: number;
  errors: number;
  firstError?: unknown;
  elapsedMs: number;
  cpuMicros: number;
  /** Calls per second over all rounds. */
  perSecond: number;
  /** CPU time per call (µs). */
  cpuMicrosPerCall: number;
  /** Sandbox CPU over this side's rounds, as a share of one core (0..1), when measured. */
  serverBusy?: number;
}

/** Two sides measured in alternating rounds. */
export interface Comparison {
  subject: SideTotals;
  baseline: SideTotals;
  /**
   * Subject throughput over baseline throughput: the median of the round pairs' ratios, so
   * that one burst of load from elsewhere on the machine does not decide it.
   */
  ratio: number;
  /** The lowest and highest ratio of one round pair: how much the machine's noise moved it. */
  spread: [number, number];
}

/** How long and how often to measure. */
export interface RoundPlan {
  /** Untimed run of each side before counting (ms). */
  warmupMs: number;
  /** Counted round pairs. */
  rounds: number;
  /** Length of one side's round (ms). */
  roundMs: number;
}

/** Optional probe of the server's CPU time (µs), read before and after every round. */
export type ServerCpuProbe = () => Promise<number>;

/**
 * Measures `subject` against `baseline` in alternating rounds (A B, B A, A B...), so a burst of
 * load from elsewhere on the machine lands on both sides rather than on one.
 */
export async function compareInterleaved(
  subject: Side,
  baseline: Side,
  plan: RoundPlan,
  serverCpu?: ServerCpuProbe,
): Promise<Comparison> {
  await subject.run(plan.warmupMs);
  await baseline.run(plan.warmupMs);

  const totals = new Map<Side, SideTotals & { serverMicros: number }>();
  for (const side of [subject, baseline]) {
    totals.set(side, { ...emptyTotals(side.label), serverMicros: 0 });
  }
  const roundRatios: number[] = [];
  for (let round = 0; round < plan.rounds; round++) {
    const order = round % 2 === 0 ? [subject, baseline] : [baseline, subject];
    const rates = new Map<Side, number>();
    for (const side of order) {
      const serverBefore = serverCpu === undefined ? 0 : await serverCpu();
      const result = await side.run(plan.roundMs);
      const serverAfter = serverCpu === undefined ? 0 : await serverCpu();
      const total = totals.get(side) as SideTotals & { serverMicros: number };
      total.calls += result.calls;
      total.errors += result.errors;
      total.firstError ??= result.firstError;
      total.elapsedMs += result.elapsedMs;
      total.cpuMicros += result.cpuMicros;
      total.serverMicros += serverAfter - serverBefore;
      rates.set(side, result.calls / result.elapsedMs);
    }
    roundRatios.push((rates.get(subject) as number) / (rates.get(baseline) as number));
  }

  const finish = (side: Side): SideTotals => {
    const { serverMicros, ...total } = totals.get(side) as SideTotals & { serverMicros: number };
    return {
      ...total,
      perSecond: (total.calls * 1000) / total.elapsedMs,
      cpuMicrosPerCall: total.calls === 0 ? Number.NaN : total.cpuMicros / total.calls,
      ...(serverCpu === undefined ? {} : { serverBusy: serverMicros / 1000 / total.elapsedMs }),
    };
  };
  const subjectTotals = finish(subject);
  const baselineTotals = finish(baseline);
  return {
    subject: subjectTotals,
    baseline: baselineTotals,
    ratio: median(roundRatios),
    spread: [Math.min(...roundRatios), Math.max(...roundRatios)],
  };
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

function emptyTotals(label: string): SideTotals {
  return {
    label,
    calls: 0,
    errors: 0,
    elapsedMs: 0,
    cpuMicros: 0,
    perSecond: 0,
    cpuMicrosPerCall: 0,
  };
}
