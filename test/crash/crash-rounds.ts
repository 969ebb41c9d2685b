import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import { openLedgerAt } from '../../src/cli/open-ledger.js';
import { PanelClient } from '../../src/client/panel-client.js';
import { seededRandom } from '../../src/internal/seeded-random.js';
import type { LedgerEntry } from '../../src/ledger/ledger.js';
import { Reconciler } from '../../src/reconcile/reconciler.js';
import { startSandboxPanel } from '../../src/sandbox/index.js';
import { intentOf, WORKER_ENV } from '../fleet/fixtures/worker-setup.js';
import { runWorker, workerArgs } from '../fleet/spawn-worker.js';
import { listAll } from '../ledger/conformance-helpers.js';
import { bundleWorker } from './bundle-worker.js';

const WORKER = fileURLToPath(new URL('./fixtures/crash-worker.ts', import.meta.url));
const REPO = fileURLToPath(new URL('../../', import.meta.url));

/** The crash test's settings: twenty kills, a seed, and enough intents that none runs out. */
export const CRASH_DEFAULTS = Object.freeze({
  kills: 20,
  intents: 120,
  seed: 20_250_101,
});

/** Where the ledger under test lives, as the CLI would name it. */
export interface CrashLedger {
  location: string;
  schema?: string;
  table?: string;
}

/** What a crash run went through, for the test to check that the kills hit something. */
export interface CrashSummary {
  kills: number;
  /** Orders of ours on the panel at the end. */
  orders: number;
  /** Unknown intents the reconciler found on the panel (killed after the panel answered). */
  unknownResolvedPlaced: number;
  /** Unknown intents it proved never placed (killed before the request left). */
  unknownResolvedNotPlaced: number;
}

/** What one seeded round does to the worker. */
type Kill =
  | { kind: 'planted'; at: number; when: 'before' | 'after' }
  | { kind: 'timer'; afterMs: number };

function drawKill(random: () => number): Kill {
  // Half the kills are planted at a ledger change (every window of the order path), half come
  // from outside at a random moment (inside the driver's own writes, between two requests).
  if (random() < 0.5) {
    return {
      kind: 'planted',
      at: 1 + Math.floor(random() * 12),
      when: random() < 0.5 ? 'before' : 'after',
    };
  }
  return { kind: 'timer', afterMs: Math.floor(random() * 40) };
}

/** Runs the worker and kills it from outside `afterMs` after it says it is ready. */
function runAndKill(
  worker: string,
  env: Record<string, string>,
  afterMs: number,
): Promise<string | null> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, workerArgs(worker), {
      cwd: REPO,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    let timer: NodeJS.Timeout | undefined;
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
      if (timer === undefined && stdout.includes('ready')) {
        timer = setTimeout(() => child.kill('SIGKILL'), afterMs);
      }
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
    });
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (signal === null && code !== 0) {
        reject(new Error(`crash worker failed (code ${code}): ${stderr.slice(0, 2000)}`));
      } else resolve(signal);
    });
  });
}

/**
 * Kills an ordering worker with SIGKILL `kills` times (seeded points), restarting it after each
 * kill; lets a last run finish; reconciles; then checks that nothing was bought twice and
 * nothing bought is missing from the ledger.
 */
export async function crashAndReconcile(ledger: CrashLedger): Promise<CrashSummary> {
  const { kills, intents, seed } = CRASH_DEFAULTS;
  const worker = await bundleWorker(WORKER);
  const panel = await startSandboxPanel({
    startingBalance: '1000000',
    // Off, so that a duplicate shows as a second order instead of a refusal that hides it.
    duplicateLinkRule: false,
  });
  try {
    const env: Record<string, string> = {
      [WORKER_ENV.panelUrl]: panel.url,
      [WORKER_ENV.panelKey]: panel.apiKey,
      [WORKER_ENV.ledger]: ledger.location,
      [WORKER_ENV.schema]: ledger.schema ?? '',
      [WORKER_ENV.table]: ledger.table ?? '',
      SMM_TEST_INTENTS: String(intents),
    };
    // One order placed before the worker starts, as in any ledger with a history: the
    // reconciler bounds its scan for an unknown intent by the highest order id known before
    // it, and the very first order of an empty ledger has no such bound (it is then reported,
    // not adopted). Intent N is outside the worker's range 0..N-1.
    await placeFirstOrder(ledger, panel.url, panel.apiKey, intents);

    const random = seededRandom(seed);
    let killed = 0;
    for (let round = 0; killed < kills; round += 1) {
      const kill = drawKill(random);
      const signal =
        kill.kind === 'planted'
          ? (
              await runWorker(WORKER, {
                ...env,
                SMM_TEST_KILL_AT: String(kill.at),
                SMM_TEST_KILL_WHEN: kill.when,
              })
            ).signal
          : await runAndKill(worker.path, env, kill.afterMs);
      if (signal === 'SIGKILL') killed += 1;
      expect(round, 'the worker keeps finishing before its kill').toBeLessThan(kills * 2);
    }

    const last = await runWorker(worker.path, env);
    expect(last.stdout, last.stderr.slice(0, 2000)).toContain('"done":true');

    const resolved = await reconcile(ledger, panel.url, panel.apiKey);
    const entries = await readAll(ledger);
    const orders = panel.state.orders({ ownedByUs: true });
    checkNoDuplicateNothingLost(entries, orders);
    return {
      kills: killed,
      orders: orders.length,
      unknownResolvedPlaced: resolved.placed,
      unknownResolvedNotPlaced: resolved.notPlaced,
    };
  } finally {
    await panel.close();
    await worker.remove();
  }
}

async function placeFirstOrder(
  ledger: CrashLedger,
  url: string,
  apiKey: string,
  n: number,
): Promise<void> {
  const opened = await openLedgerAt(ledger.location, ledger);
  const client = new PanelClient({ profile: { url, apiKey }, ledger: opened });
  try {
    await client.services();
    const { key, input } = intentOf(n);
    await client.order(input, { idempotencyKey: key });
  } finally {
    await client.close();
    await opened.close();
  }
}

async function reconcile(
  ledger: CrashLedger,
  url: string,
  apiKey: string,
): Promise<{ placed: number; notPlaced: number }> {
  const opened = await openLedgerAt(ledger.location, ledger);
  const client = new PanelClient({ profile: { url, apiKey }, ledger: opened });
  try {
    // No grace: every worker is dead, nothing is still in flight.
    const report = await new Reconciler({ client, ledger: opened, graceMs: 0 }).reconcile();
    expect(report.counts.ambiguous, JSON.stringify(report.ambiguous)).toBe(0);
    expect(report.counts.orphans, JSON.stringify(report.orphans)).toBe(0);
    const states = report.unknownResolved.map((item) => item.state);
    return {
      placed: states.filter((state) => state === 'placed').length,
      notPlaced: states.filter((state) => state === 'not_placed').length,
    };
  } finally {
    await client.close();
    await opened.close();
  }
}

async function readAll(ledger: CrashLedger): Promise<LedgerEntry[]> {
  const opened = await openLedgerAt(ledger.location, ledger);
  try {
    return await listAll(opened, 250);
  } finally {
    await opened.close();
  }
}

function checkNoDuplicateNothingLost(
  entries: LedgerEntry[],
  orders: { id: string; link: string }[],
): void {
  // No duplicate: at most one order per intent's link.
  const perLink = new Map<string, number>();
  for (const order of orders) perLink.set(order.link, (perLink.get(order.link) ?? 0) + 1);
  for (const [link, count] of perLink) expect(count, `orders for ${link}`).toBe(1);

  // Nothing lost: every order of ours is claimed by exactly one placed entry with its id...
  const placed = entries.filter((entry) => entry.state === 'placed');
  const byKey = new Map(entries.map((entry) => [entry.key, entry]));
  for (const order of orders) {
    const n = Number(order.link.slice(order.link.lastIndexOf('/') + 1));
    const entry = byKey.get(intentOf(n).key);
    const story = JSON.stringify({ order, entry });
    expect(entry?.state, story).toBe('placed');
    expect(entry?.orderId, story).toBe(order.id);
    expect(
      placed.filter((other) => other.orderId === order.id),
      story,
    ).toHaveLength(1);
  }
  // ...every placed entry exists on the panel, and nothing is left undecided.
  const ids = new Set(orders.map((order) => order.id));
  for (const entry of placed) expect(ids.has(entry.orderId as string), entry.key).toBe(true);
  const open = entries.filter((entry) => entry.state === 'pending' || entry.state === 'unknown');
  expect(open.map((entry) => `${entry.key}:${entry.state}`)).toEqual([]);
  expect(entries.every((entry) => entry.key === intentOf(Number(entry.key.slice(7))).key)).toBe(
    true,
  );
}
