import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SandboxPanel } from '../../src/sandbox/index.js';
import { ordersFor, startPanel, uniqueLink } from '../client/helpers/sandbox-client.js';
import { runCli } from './helpers/run-cli.js';

describe('smm-panel in process against the sandbox', () => {
  let panel: SandboxPanel;
  let env: Record<string, string>;
  let directory: string;

  beforeAll(async () => {
    panel = await startPanel();
    env = { SMM_PANEL_URL: panel.url, SMM_PANEL_KEY: panel.apiKey };
    directory = await mkdtemp(join(tmpdir(), 'smm-cli-'));
  });

  afterAll(async () => {
    await panel.close();
    await rm(directory, { recursive: true, force: true });
  });

  function runningOrder(service = 1): string {
    return panel.state.createOrphanOrder({ service, link: uniqueLink('cli'), quantity: 100 }).id;
  }

  it('prints the balance as a table', async () => {
    const run = await runCli(['balance'], env);
    expect(run.exitCode).toBe(0);
    expect(run.stderr).toBe('');
    expect(run.stdout).toMatch(/balance\s*│\s*1000\.00000/);
    expect(run.stdout).toMatch(/currency\s*│\s*USD/);
  });

  it('prints the balance as JSON with --json', async () => {
    const run = await runCli(['balance', '--json'], env);
    expect(run.exitCode).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual({ balance: '1000.00000', currency: 'USD' });
  });

  it('lists only the services that match --search', async () => {
    const json = await runCli(['services', '--search', 'mentions', '--json'], env);
    const services = JSON.parse(json.stdout) as { id: string; name: string; category: string }[];
    const expected = panel.state
      .services()
      .filter((s) => `${s.name} ${s.category} ${s.type}`.toLowerCase().includes('mentions'));
    expect(services.map((s) => s.id)).toEqual(expected.map((s) => String(s.id)));
    expect(services.length).toBeGreaterThan(1);

    const table = await runCli(['services', '--search', 'Poll'], env);
    expect(table.exitCode).toBe(0);
    expect(table.stdout).toContain('Telegram Poll Votes');
    expect(table.stdout).not.toContain('Instagram Followers');
  });

  it('places a default order, recorded in the ledger it is given', async () => {
    const link = uniqueLink('cli-order');
    const ledger = `file:${join(directory, 'orders.jsonl')}`;
    const args = ['order', '--service', '1', '--link', link, '--quantity', '100'];
    const first = await runCli([...args, '--key', 'cli-key-1', '--ledger', ledger, '--json'], env);
    expect(first.exitCode).toBe(0);
    const placed = JSON.parse(first.stdout);
    expect(placed).toMatchObject({ idempotencyKey: 'cli-key-1', isReplay: false, state: 'placed' });
    expect(panel.state.order(placed.orderId)?.link).toBe(link);

    // The same key from a second run: the ledger file answers, nothing is bought again.
    const again = await runCli([...args, '--key', 'cli-key-1', '--ledger', ledger], env);
    expect(again.exitCode).toBe(0);
    expect(again.stdout).toMatch(/isReplay\s*│\s*true/);
    expect(again.stdout).toContain(placed.orderId);
    expect(ordersFor(panel, link)).toBe(1);
  });

  it('reports an order whose outcome is unknown with its key, and refuses to resend it', async () => {
    const link = uniqueLink('cli-unknown');
    const ledger = `file:${join(directory, 'unknown.jsonl')}`;
    const args = ['order', '--service', '1', '--link', link, '--quantity', '100'];
    panel.faults.script('add', ['reset_after_commit']);
    const first = await runCli([...args, '--key', 'cli-unknown-1', '--ledger', ledger], env);
    expect(first.exitCode).toBe(1);
    expect(first.stderr).toMatch(/^error \[SMM_ORDER_OUTCOME_UNKNOWN\]: Order cli-unknown-1 .*\n$/);

    const addsBefore = panel.state.requests().byAction.add ?? 0;
    const again = await runCli(
      [...args, '--key', 'cli-unknown-1', '--ledger', ledger, '--json'],
      env,
    );
    expect(again.exitCode).toBe(1);
    expect(JSON.parse(again.stdout).error).toMatchObject({
      code: 'SMM_ORDER_OUTCOME_UNKNOWN',
      idempotencyKey: 'cli-unknown-1',
    });
    expect(panel.state.requests().byAction.add ?? 0).toBe(addsBefore);
    expect(ordersFor(panel, link)).toBe(1);
  });

  it('places a custom comments order from repeated --comments, with an --extra field', async () => {
    const link = uniqueLink('cli-comments');
    const comments = Array.from({ length: 10 }, (_, index) => `Great shot ${index}!`);
    const run = await runCli(
      [
        'order',
        '--type',
        'custom_comments',
        '--service',
        '7',
        '--link',
        link,
        ...comments.flatMap((comment) => ['--comments', comment]),
        '--extra',
        'coupon=SPRING',
        '--ledger',
        'memory',
        '--json',
      ],
      env,
    );
    expect(run.stderr).toBe('');
    expect(run.exitCode).toBe(0);
    const bought = panel.state.order(JSON.parse(run.stdout).orderId);
    expect(bought?.fields.comments).toBe(comments.join('\n'));
    expect(bought?.quantity).toBe(10);
    expect(bought?.fields.coupon).toBe('SPRING');
  });

  it('refuses an invalid order before sending, with the field named', async () => {
    const before = panel.state.requests().total;
    const run = await runCli(
      [
        'order',
        '--service',
        '1',
        '--link',
        'not-a-link',
        '--quantity',
        '100',
        '--ledger',
        'memory',
      ],
      env,
    );
    expect(run.exitCode).toBe(1);
    expect(run.stderr).toMatch(/^error \[SMM_INVALID_INPUT\]: .*\n$/);
    expect(panel.state.requests().total).toBe(before);
  });

  it('prints the status of several orders, one row each', async () => {
    const first = runningOrder();
    const second = runningOrder();
    const table = await runCli(['status', first, second, '424242'], env);
    expect(table.exitCode).toBe(0);
    expect(table.stdout).toMatch(new RegExp(`${first}\\s*│\\s*Pending`));
    expect(table.stdout).toMatch(new RegExp(`${second}\\s*│\\s*Pending`));
    expect(table.stdout).toMatch(/424242\s*│\s*error: Incorrect order ID/);

    const json = JSON.parse((await runCli(['status', first, second, '--json'], env)).stdout);
    expect(Object.keys(json)).toEqual([first, second]);
    expect(json[first]).toMatchObject({ ok: true, status: 'pending', charge: '0.09' });
  });

  it('asks for a refill, and exits 1 when the panel refuses one', async () => {
    const done = runningOrder();
    panel.state.forceOrderStatus(done, 'Completed');
    const accepted = await runCli(['refill', done, '--json'], env);
    expect(accepted.exitCode).toBe(0);
    expect(JSON.parse(accepted.stdout)[done]).toMatchObject({ ok: true });
    expect(panel.state.refills().some((refill) => refill.order === done)).toBe(true);

    const refused = await runCli(['refill', runningOrder()], env);
    expect(refused.exitCode).toBe(1);
    expect(refused.stdout).toContain('Order not eligible for refill.');

    const refusedJson = await runCli(['refill', runningOrder(), '--json'], env);
    expect(refusedJson.exitCode).toBe(1);
    expect(Object.values(JSON.parse(refusedJson.stdout))).toMatchObject([{ ok: false }]);
  });

  it('cancels orders, and exits 1 when one is refused', async () => {
    const running = runningOrder();
    const accepted = await runCli(['cancel', running], env);
    expect(accepted.exitCode).toBe(0);
    expect(accepted.stdout).toMatch(new RegExp(`${running}\\s*│\\s*accepted`));

    const refused = await runCli(['cancel', runningOrder(2)], env);
    expect(refused.exitCode).toBe(1);
    expect(refused.stdout).toContain('Cancel is disabled for this service');

    const refusedJson = await runCli(['cancel', '99999', '--json'], env);
    expect(refusedJson.exitCode).toBe(1);
    expect(JSON.parse(refusedJson.stdout)['99999']).toMatchObject({ ok: false });
  });

  it('says clearly that SMM_PANEL_URL is missing, and exits 1', async () => {
    const run = await runCli(['balance'], { SMM_PANEL_KEY: panel.apiKey });
    expect(run.exitCode).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toMatch(/^error \[SMM_INVALID_OPTIONS\]: .*SMM_PANEL_URL: is not set/);
    expect(run.stderr).not.toContain(panel.apiKey);
  });

  it.each([
    ['a URL that is not one', { SMM_PANEL_URL: 'panel.example/api' }, 'SMM_PANEL_URL'],
    [
      'a URL with the key in it',
      { SMM_PANEL_URL: 'https://p.test/api?key=abcd-9876' },
      'SMM_PANEL_URL',
    ],
    ['a blank key', { SMM_PANEL_KEY: '   ' }, 'SMM_PANEL_KEY'],
  ])('names the variable to fix for %s, without its value', async (_, override, variable) => {
    const run = await runCli(['balance'], { ...env, ...override });
    expect(run.exitCode).toBe(1);
    expect(run.stderr).toMatch(
      new RegExp(`^error \\[SMM_INVALID_OPTIONS\\]: Invalid option ${variable}: `),
    );
    expect(run.stderr).not.toContain('abcd-9876');
    expect(run.stderr).not.toContain('panel.example');
  });

  it('prints a panel error as one line on stderr with its code', async () => {
    const run = await runCli(['balance'], { ...env, SMM_PANEL_KEY: 'not-the-right-key' });
    expect(run.exitCode).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/^error \[SMM_PANEL_REJECTED\]: [^\n]*Invalid API key[^\n]*\n$/);
    expect(run.stderr).not.toContain('not-the-right-key');
  });

  it('prints a panel error as JSON with --json', async () => {
    const run = await runCli(['balance', '--json'], { ...env, SMM_PANEL_KEY: 'not-the-right-key' });
    expect(run.exitCode).toBe(1);
    const { error } = JSON.parse(run.stdout);
    expect(error).toMatchObject({ code: 'SMM_PANEL_REJECTED', errorClass: 'auth' });
  });

  it('reports a usage error without ending the process, and exits 1', async () => {
    const run = await runCli(['order', '--link', 'https://example.test/x'], env);
    expect(run.exitCode).toBe(1);
    expect(run.stderr).toContain("required option '--service <id>' not specified");

    const extra = await runCli(['order', '--service', '1', '--extra', 'no-equals-sign'], env);
    expect(extra.exitCode).toBe(1);
    expect(extra.stderr).toContain(
      "option '--extra <name=value>' argument 'no-equals-sign' is invalid",
    );

    const help = await runCli(['--help'], env);
    expect(help.exitCode).toBe(0);
    expect(help.stdout).toContain('Usage: smm-panel');
  });
});

describe('ledger locations on the command line', () => {
  it('reconcile refuses a ledger path that does not exist instead of reporting it clean', async () => {
    const run = await runCli(['reconcile', '--ledger', 'file:./no-such-dir/missing-ledger.jsonl'], {
      SMM_PANEL_URL: 'http://127.0.0.1:9/api/v2',
      SMM_PANEL_KEY: 'sk-TEST-cli-missing',
    });
    expect(run.exitCode).toBe(1);
    expect(run.stderr).toMatch(
      /SMM_INVALID_OPTIONS.*no ledger at \.\/no-such-dir\/missing-ledger\.jsonl/,
    );
  });
});

describe('SMM_PANEL_IDEMPOTENCY', () => {
  it('sends the key as a header to a panel that deduplicates, so a lost answer is resent safely', async () => {
    const keyed = await startPanel({ idempotency: { mode: 'header' } });
    try {
      keyed.faults.script('add', ['reset_after_commit']);
      const run = await runCli(
        [
          'order',
          '--service',
          '1',
          '--link',
          'https://example.test/cli-keyed',
          '--quantity',
          '100',
          '--key',
          'cli-keyed-1',
          '--ledger',
          'memory',
          '--json',
        ],
        { SMM_PANEL_URL: keyed.url, SMM_PANEL_KEY: keyed.apiKey, SMM_PANEL_IDEMPOTENCY: 'header' },
      );
      expect(run.exitCode).toBe(0);
      expect(JSON.parse(run.stdout)).toMatchObject({ state: 'placed' });
      expect(keyed.state.orders({ ownedByUs: true })).toHaveLength(1);
    } finally {
      await keyed.close();
    }
  });

  it('refuses a mode it does not know, naming the variable', async () => {
    const run = await runCli(['balance'], {
      SMM_PANEL_URL: 'http://127.0.0.1:9/api/v2',
      SMM_PANEL_KEY: 'sk-TEST-cli-mode',
      SMM_PANEL_IDEMPOTENCY: 'always',
    });
    expect(run.exitCode).toBe(1);
    expect(run.stderr).toMatch(/SMM_PANEL_IDEMPOTENCY/);
  });
});

describe('order --help', () => {
  it('says which order types take each field', async () => {
    const run = await runCli(['order', '--help'], {});
    expect(run.stdout).toMatch(/--answer-number <number>\s+answerNumber \(poll\)/);
    expect(run.stdout).toMatch(/--link <value>\s+link \(every type but subscriptions\)/);
  });
});
