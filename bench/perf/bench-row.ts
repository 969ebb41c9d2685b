import type { Comparison } from './interleave.js';

/** One line of the printed table: a subject measured against a baseline. */
export interface BenchRow {
  /** Which measurement: `status, 1 order`, `parse services (5,000)`... */
  row: string;
  /** Calls in flight at once; undefined for in-process rows. */
  concurrency?: number;
  /** What is measured (`SDK`) and what against (`raw undici`). */
  subjectLabel: string;
  baselineLabel?: string;
  /** Subject throughput / baseline throughput (median of round pairs); 1 means no cost. */
  ratio?: number;
  /** Lowest and highest ratio of one round pair. */
  spread?: [number, number];
  /** Calls per second (this machine). */
  subjectPerSecond: number;
  baselinePerSecond?: number;
  /** CPU per call of this process (µs, this machine). */
  subjectCpuMicros?: number;
  baselineCpuMicros?: number;
  /** The sandbox's CPU as a share of one core while each side ran. */
  subjectServerBusy?: number;
  baselineServerBusy?: number;
  /** The lowest acceptable ratio, when the issue sets one. */
  target?: number;
  /** Calls that failed (should be 0). */
  errors?: number;
  /** Anything the reader must know to read the line. */
  note?: string;
}

/** Turns a comparison into a table row. */
export function rowFromComparison(
  row: string,
  concurrency: number | undefined,
  comparison: Comparison,
  extra: { target?: number; note?: string } = {},
): BenchRow {
  const { subject, baseline } = comparison;
  return {
    row,
    concurrency,
    subjectLabel: subject.label,
    baselineLabel: baseline.label,
    ratio: comparison.ratio,
    spread: comparison.spread,
    subjectPerSecond: subject.perSecond,
    baselinePerSecond: baseline.perSecond,
    subjectCpuMicros: subject.cpuMicrosPerCall,
    baselineCpuMicros: baseline.cpuMicrosPerCall,
    subjectServerBusy: subject.serverBusy,
    baselineServerBusy: baseline.serverBusy,
    errors: subject.errors + baseline.errors,
    ...extra,
  };
}
