import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { exitCodeOf, runBulkOrders } from '../../examples/bulk-orders-from-csv.js';
import { parseCsvLine, readOrderRows } from '../../examples/csv-order-rows.js';
import { runReconcileJob } from '../../examples/reconcile-job.js';
import { type SandboxPanel, startSandboxPanel } from '../../src/sandbox/index.js';
import { runExample, spawnExample, waitFor } from './helpers.js';

const FIXTURE = new URL('./fixtures/bulk-orders.csv', import.meta.url);
const LINKS = [1, 2, 3, 4, 5, 6].map((n) => `https://example.test/p/${n}`);

describe('examples/bulk-orders-from-csv', () => {
  let panel: SandboxPanel;
  let dir: string;
  let csvPath: string;
  let printed: string[];

  beforeEach(async () => {
    panel = await startSandboxPanel();
    dir = mkdtempSync(join(tmpdir(), 'smm-example-csv-'));
    csvPath = join(dir, 'bulk-orders.csv');
    copyFileSync(FIXTURE, csvPath);
    printed = [];
  });
  afterEach(async () => {
    await panel.close();
    expect(printed.join('\n')).not.toContain(panel.apiKey);
    rmSync(dir, { recursive: true, force: true });
  });

  const run = (extra: Partial<Parameters<typeof runBulkOrders>[0]> = {}) =>
    runBulkOrders({
      csvPath,
      url: panel.url,
      apiKey: panel.apiKey,
      progress: false,
      log: (line) => printed.push(line),
      ...extra,
    });

  /** Orders of ours on the panel, per link: exactly one per row is the goal. */
  const ordersPerLink = () => panel.state.purchases().byLink;
  const addRequests = () => panel.state.requests().byAction.add ?? 0;

  it('places one order per row, and a second run places nothing new', async () => {
    const first = await run();
    expect(first).toMatchObject({ rows: 6, placed: 6, replayed: 0, unknown: [], failed: [] });
    expect(printed.at(-1)).toBe(
      '6 rows: 6 placed now, 0 placed before, 0 unknown, 0 rejected, 0 failed, 0 not attempted.',
    );

    const second = await run();
    expect(second).toMatchObject({ rows: 6, placed: 0, replayed: 6 });
    expect(addRequests()).toBe(6);
    expect(ordersPerLink()).toEqual(Object.fromEntries(LINKS.map((link) => [link, 1])));
    expect(exitCodeOf(second)).toBe(0);
  });

  it('resumes a run killed mid-order: one order per row, the cut-off row settled by reconciling', async () => {
    // The 4th order is committed by the panel, which then never answers: the process is killed
    // with that request in flight, the worst moment.
    panel.faults.script('add', ['ok', 'ok', 'ok', 'hang_after_commit']);
    const env = { SMM_PANEL_URL: panel.url, SMM_PANEL_KEY: panel.apiKey };
    const { child, done } = spawnExample('bulk-orders-from-csv.ts', [csvPath], env);
    await waitFor(() => addRequests() === 4 && panel.faults.pending('add') === 0, 15_000);
    child.kill('SIGKILL');
    const killed = await done;
    expect(killed.signal).toBe('SIGKILL');
    expect(killed.stdout + killed.stderr).not.toContain(panel.apiKey);

    const resumed = await run();
    expect(resumed).toMatchObject({ placed: 2, replayed: 3, failed: [] });
    expect(resumed.unknown.map((row) => row.id)).toEqual(['row-4']);
    expect(printed.join('\n')).toContain('Unknown: run examples/reconcile-job.ts --ledger file:');
    expect(ordersPerLink()).toEqual(Object.fromEntries(LINKS.map((link) => [link, 1])));
    expect(exitCodeOf(resumed)).toBe(1);

    // One machine wrote this ledger, so there is no clock skew between writers to allow for.
    const code = await runReconcileJob({
      url: panel.url,
      apiKey: panel.apiKey,
      ledger: `file:${csvPath}.ledger.jsonl`,
      reconciler: { clockSkewMs: 0 },
      print: (text) => printed.push(text),
    });
    expect(code).toBe(0);

    const final = await run();
    expect(final).toMatchObject({ placed: 0, replayed: 6, unknown: [] });
    expect(addRequests()).toBe(6);
    expect(ordersPerLink()).toEqual(Object.fromEntries(LINKS.map((link) => [link, 1])));
  });

  it('lists a row the panel refuses and goes on with the others', async () => {
    writeFileSync(
      csvPath,
      'id,service,link,quantity\na,1,https://example.test/a,100\nb,1,https://example.test/b,5\n' +
        'c,1,https://example.test/c,100\n',
    );

    const summary = await run();

    expect(summary).toMatchObject({ placed: 2, rejected: [{ id: 'b', line: 3 }] });
    expect(summary.rejected[0]?.reason).toMatch(/^validation: /);
    expect(exitCodeOf(summary)).toBe(1);
  });

  it('refuses a file with a repeated id before ordering anything', async () => {
    writeFileSync(
      csvPath,
      'id,service,link,quantity\na,1,https://x.test/1,100\na,1,https://x.test/2,100\n',
    );

    await expect(run()).rejects.toThrow(/:3: id a is used on line 2 already/);
    expect(panel.state.requests().total).toBe(0);
  });

  it('reads quoted fields, a byte order mark, comments and blank lines', async () => {
    expect(parseCsvLine('a,"b, c","say ""hi""",')).toEqual(['a', 'b, c', 'say "hi"', '']);
    expect(() => parseCsvLine('a,"open', 7)).toThrow('line 7: a quoted field is not closed');

    writeFileSync(
      csvPath,
      '\uFEFFLink,Quantity,ID,Service\n\n# note\n"https://x.test/1",100,r1,1\n',
    );
    expect(await readOrderRows(csvPath)).toEqual([
      { id: 'r1', line: 4, service: '1', link: 'https://x.test/1', quantity: 100 },
    ]);
  });

  it('prints usage when run directly without a panel or a file', async () => {
    const usage = await runExample('bulk-orders-from-csv.ts', [csvPath], {});

    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain('Usage: SMM_PANEL_URL=');
  });
});
