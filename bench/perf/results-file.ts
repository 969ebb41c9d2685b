import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const RESULTS_DIR = fileURLToPath(new URL('../results/', import.meta.url));

/** One run's figures: a header record, then one record per row and per ceiling measurement. */
export interface RunRecords {
  run: Record<string, unknown>;
  rows: readonly object[];
  ceiling: readonly object[];
}

/**
 * Writes a run's figures as JSON lines (`{"kind":"run",...}`, then `{"kind":"row",...}` and
 * `{"kind":"ceiling",...}` records): to `out`, or by default to
 * `bench/results/bench-<time>.jsonl` (git ignores that folder). `out` of `''` writes nothing.
 * Returns the path written.
 */
export async function writeResults(
  out: string | undefined,
  records: RunRecords,
): Promise<string | undefined> {
  if (out === '') return undefined;
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const path = out ?? join(RESULTS_DIR, `bench-${stamp}.jsonl`);
  const lines = [
    { kind: 'run', ...records.run },
    ...records.rows.map((row) => ({ kind: 'row', ...row })),
    ...records.ceiling.map((result) => ({ kind: 'ceiling', ...result })),
  ].map((record) => JSON.stringify(record));
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, `${lines.join('\n')}\n`);
  return path;
}
