import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CliIo } from '../../src/cli/cli-io.js';
import { parseInterval } from '../../src/cli/commands/reconcile-command.js';
import { buildProgram } from '../../src/cli/program.js';
import { PanelClient } from '../../src/client/panel-client.js';
import { openFileLedger } from '../../src/ledger/file-ledger.js';
import { type SandboxPanel, startSandboxPanel } from '../../src/sandbox/index.js';
import { fakeClock } from './helpers.js';

describe('smm-panel reconcile', () => {
  let panel: SandboxPanel;
  let dir: string;
  let location: string;
  let out: string[];
  let err: string[];
  let io: CliIo;

  beforeEach(async () => {
    panel = await startSandboxPanel({ clock: fakeClock().now });
    dir = mkdtempSync(join(tmpdir(), 'smm-reconcile-'));
    location = `file:${join(dir, 'ledger.jsonl')}`;
    out = [];
    err = [];
    io = {
      stdout: (text) => out.push(text),
      stderr: (text) => err.push(text),
      env: { SMM_PANEL_URL: panel.url, SMM_PANEL_KEY: panel.apiKey },
    };
    process.exitCode = undefined;
  });
  afterEach(async () => {
    process.exitCode = undefined;
    await panel.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** Places orders with a client on the file ledger, then closes it so the CLI can open it. */
  async function placeOrders(links: string[]): Promise<string[]> {
    const ledger = await openFileLedger({ path: location.slice('file:'.length) });
    const client = new PanelClient({ profile: { url: panel.url, apiKey: panel.apiKey }, ledger });
    const ids: string[] = [];
    for (const link of links) {
      const result = await client.order({ service: 1, link, quantity: 100 });
      ids.push(result.orderId);
    }
    await client.close();
    await ledger.close();
    return ids;
  }

  async function run(...args: string[]): Promise<void> {
    await buildProgram(io).parseAsync(['node', 'smm-panel', 'reconcile', ...args]);
  }

  it('prints a JSON report and exits 0 when nothing needs attention', async () => {
    await placeOrders(['https://example.test/1', 'https://example.test/2']);

    await run('--ledger', location, '--json', '--starting-balance', '1000');

    const report = JSON.parse(out.join(''));
    expect(report).toMatchObject({ needsAttention: false, counts: { polled: 2, updated: 2 } });
    expect(report.money.balance).toMatchObject({ addsUp: true, change: '-0.18' });
    expect(process.exitCode).toBe(0);
    expect(out.join('')).not.toContain(panel.apiKey);
  });

  it('prints a summary a person can act on and exits 2 when an order is missing', async () => {
    const [, gone] = await placeOrders(['https://example.test/1', 'https://example.test/2']);
    panel.state.removeOrder(gone as string);

    await run('--ledger', location);

    const text = out.join('');
    expect(text).toContain('NEEDS ATTENTION');
    expect(text).toContain('Missing on the panel (1):');
    expect(text).toContain(`order ${gone}: "Incorrect order ID"`);
    expect(process.exitCode).toBe(2);
  });

  it('exits 1 with one clear line when an option is wrong', async () => {
    // An existing ledger, so that the option (not the path) is what is wrong.
    await (await openFileLedger({ path: location.slice('file:'.length) })).close();
    await run('--ledger', location, '--watch', '10');
    expect(err.join('')).toMatch(/error \[SMM_INVALID_OPTIONS\].*--watch/);
    expect(process.exitCode).toBe(1);
  });

  it('reads watch intervals with units', () => {
    expect(parseInterval('30s')).toBe(30_000);
    expect(parseInterval('5m')).toBe(300_000);
    expect(parseInterval('1h')).toBe(3_600_000);
    expect(parseInterval('2500')).toBe(2_500);
    expect(() => parseInterval('fast')).toThrow(/--watch/);
  });
});
