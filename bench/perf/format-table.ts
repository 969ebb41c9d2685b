import type { BenchRow } from './bench-row.js';
import type { CeilingResult } from './ceiling.js';

function fixed(value: number | undefined, digits: number): string {
  return value === undefined || Number.isNaN(value) ? '' : value.toFixed(digits);
}

function rate(value: number | undefined): string {
  if (value === undefined || Number.isNaN(value)) return '';
  return value >= 100 ? Math.round(value).toLocaleString('en-US') : value.toFixed(1);
}

function percent(value: number | undefined): string {
  return value === undefined ? '' : `${Math.round(value * 100)}%`;
}

function markdownTable(header: readonly string[], lines: readonly string[][]): string {
  const widths = header.map((cell, i) =>
    Math.max(cell.length, ...lines.map((l) => l[i]?.length ?? 0)),
  );
  const format = (cells: readonly string[]) =>
    `| ${cells.map((cell, i) => cell.padEnd(widths[i] as number)).join(' | ')} |`;
  return [
    format(header),
    `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`,
    ...lines.map(format),
  ].join('\n');
}

/** Whether a row meets its target, in words. */
export function verdict(row: BenchRow): string {
  if (row.target === undefined || row.ratio === undefined) return '';
  if (row.ratio >= row.target) return `≥ ${row.target} holds`;
  return `misses ${row.target} by ${(row.target - row.ratio).toFixed(2)}`;
}

/** The main table: ratios first, then this machine's absolute figures. */
export function formatRows(rows: readonly BenchRow[]): string {
  const header = [
    'row',
    'conc',
    'subject vs baseline',
    'ratio',
    'round range',
    'target',
    'subject /s',
    'baseline /s',
    'subject CPU µs/call',
    'baseline CPU µs/call',
    'sandbox CPU (subj / base)',
    'note',
  ];
  const lines = rows.map((row) => [
    row.row,
    row.concurrency === undefined ? '-' : String(row.concurrency),
    row.baselineLabel === undefined
      ? row.subjectLabel
      : `${row.subjectLabel} vs ${row.baselineLabel}`,
    fixed(row.ratio, 3),
    row.spread === undefined ? '' : `${fixed(row.spread[0], 2)}–${fixed(row.spread[1], 2)}`,
    verdict(row),
    rate(row.subjectPerSecond),
    rate(row.baselinePerSecond),
    fixed(
      row.subjectCpuMicros,
      row.subjectCpuMicros !== undefined && row.subjectCpuMicros < 1 ? 3 : 1,
    ),
    fixed(
      row.baselineCpuMicros,
      row.baselineCpuMicros !== undefined && row.baselineCpuMicros < 1 ? 3 : 1,
    ),
    row.subjectServerBusy === undefined
      ? ''
      : `${percent(row.subjectServerBusy)} / ${percent(row.baselineServerBusy)}`,
    [row.errors ? `${row.errors} errors` : '', row.note ?? ''].filter(Boolean).join('; '),
  ]);
  return markdownTable(header, lines);
}

/**
 * The ceiling table: what the sandbox answered under autocannon, the sandbox's CPU per request,
 * the rate one full core would give at that cost (the sandbox's limit on this machine, when
 * the load tool and not the sandbox ran out of CPU first), and how close each side came to it.
 */
export function formatCeiling(
  results: readonly CeilingResult[],
  rows: readonly BenchRow[],
): string {
  const header = [
    'request',
    'conc',
    'autocannon req/s',
    'sandbox CPU',
    'sandbox µs/req',
    'sandbox limit req/s (1 core)',
    'raw undici /s (of limit)',
    'SDK /s (of limit)',
  ];
  const lines = results.map((result) => {
    const row = rows.find((r) => r.row === result.request && r.concurrency === result.concurrency);
    const limit = result.serverBusy > 0 ? result.perSecond / result.serverBusy : Number.NaN;
    const share = (value: number | undefined) =>
      value === undefined ? '' : `${rate(value)} (${percent(value / limit)})`;
    return [
      result.request,
      String(result.concurrency),
      rate(result.perSecond) + (result.failures > 0 ? ` (${result.failures} failed)` : ''),
      percent(result.serverBusy),
      fixed((result.serverBusy * 1e6) / result.perSecond, 0),
      rate(limit),
      share(row?.baselinePerSecond),
      share(row?.subjectPerSecond),
    ];
  });
  return markdownTable(header, lines);
}
