import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deriveIdempotencyKey } from '../../src/idempotency/idempotency-key.js';
import { openFileLedger } from '../../src/ledger/file-ledger.js';
import type { LedgerEntry } from '../../src/ledger/ledger.js';
import { type SandboxPanel, startSandboxPanel } from '../../src/sandbox/index.js';

const ORDERER = fileURLToPath(new URL('./fixtures/crash-orderer.ts', import.meta.url));
const REPO = fileURLToPath(new URL('../../', import.meta.url));
const INTENTS = 50;
const ROUNDS = 8;
const SEED = 20_250_314;

/** mulberry32: the kill points are drawn from a seed, so a failing run can be replayed. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let mixed = Math.imul(state ^ (state >>> 15), 1 | state);
    mixed = (mixed + Math.imul(mixed ^ (mixed >>> 7), 61 | mixed)) ^ mixed;
    return ((mixed ^ (mixed >>> 14)) >>> 0) / 4_294_967_296;
  };
}

interface Run {
  lines: string[];
  killed: boolean;
  code: number | null;
  stderr: string;
}

/** Runs the orderer; kills it with SIGKILL `killAfterMs` after it is ready, unless undefined. */
function runOrderer(env: Record<string, string>, killAfterMs: number | undefined): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', ORDERER], {
      cwd: REPO,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    let timer: NodeJS.Timeout | undefined;
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
      if (killAfterMs !== undefined && timer === undefined && stdout.includes('ready\n')) {
        timer = setTimeout(() => child.kill('SIGKILL'), killAfterMs);
      }
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
    });
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({
        lines: stdout.split('\n').slice(0, -1),
        killed: signal === 'SIGKILL',
        code,
        stderr,
      });
    });
  });
}

async function readLedger(path: string): Promise<LedgerEntry[]> {
  const ledger = await openFileLedger({ path });
  try {
    const entries: LedgerEntry[] = [];
    let cursor: string | undefined;
    do {
      const page = await ledger.list({ limit: 50, ...(cursor === undefined ? {} : { cursor }) });
      entries.push(...page.entries);
      cursor = page.nextCursor;
    } while (cursor !== undefined);
    return entries;
  } finally {
    await ledger.close();
  }
}

describe('ordering through a file ledger while being killed with SIGKILL', () => {
  let directory: string;
  let panel: SandboxPanel;

  beforeAll(async () => {
    directory = await mkdtemp(join(tmpdir(), 'smm-order-crash-'));
    panel = await startSandboxPanel({ seed: SEED, otherUsersOrderRate: 1 });
    // Half the answers come 80 ms late: kills land while requests are in flight, and the whole
    // list takes about 2 s, more than all the rounds' kill points together (at most
    // 8 × 170 ms), so every round is cut short however fast the machine is.
    panel.faults.set({ action: 'add', rate: 0.5, kinds: [{ kind: 'delay', delayMs: 80 }] });
  });

  afterAll(async () => {
    await panel.close();
    await rm(directory, { recursive: true, force: true });
  });

  /**
   * What must hold after every round: at most one order per link, every placed entry's order
   * on the panel for its link, every order of ours claimed by an entry (placed with that id, or
   * unknown, or, between rounds, pending with an attempt the kill cut short).
   */
  function checkAccounts(entries: LedgerEntry[], isFinal: boolean): void {
    const ours = panel.state.orders({ ownedByUs: true });
    const perLink = new Map<string, number>();
    for (const order of ours) perLink.set(order.link, (perLink.get(order.link) ?? 0) + 1);
    const twice = [...perLink].filter(([, count]) => count > 1).map(([link]) => link);
    expect(
      twice.map((link) => JSON.stringify(entries.find((entry) => entry.params.link === link))),
    ).toEqual([]);

    const byLink = new Map(entries.map((entry) => [entry.params.link, entry]));
    for (const entry of entries) {
      if (entry.state !== 'placed') continue;
      expect(panel.state.order(entry.orderId as string)?.link).toBe(entry.params.link);
    }
    for (const order of ours) {
      const entry = byLink.get(order.link);
      expect(entry, `order ${order.id} for ${order.link} is in no entry`).toBeDefined();
      if (entry?.state === 'placed') {
        expect(entry.orderId).toBe(order.id);
      } else if (isFinal) {
        expect(entry?.state).toBe('unknown');
      } else {
        expect(['unknown', 'pending']).toContain(entry?.state);
      }
    }
  }

  it('loses no intent, sends nothing twice, and accounts for every order it bought', async () => {
    const path = join(directory, 'ledger.jsonl');
    const env = {
      CRASH_PANEL_URL: panel.url,
      CRASH_PANEL_KEY: panel.apiKey,
      CRASH_LEDGER_PATH: path,
      CRASH_INTENTS: String(INTENTS),
    };
    const random = seededRandom(SEED);
    let kills = 0;

    for (let round = 0; round < ROUNDS; round += 1) {
      const run = await runOrderer(env, 20 + Math.floor(random() * 150));
      if (run.killed) kills += 1;
      else expect(run.code, run.stderr.slice(0, 500)).toBe(0);
      expect(run.lines.filter((line) => line.startsWith('failed'))).toEqual([]);
      checkAccounts(await readLedger(path), false);
    }

    // The last run is not killed: no need to slow it down.
    panel.faults.clear();
    const last = await runOrderer(env, undefined);
    expect(last.code, last.stderr.slice(0, 500)).toBe(0);
    expect(last.lines.at(-1)).toBe('done');
    expect(last.lines.filter((line) => line.startsWith('failed'))).toEqual([]);

    const entries = await readLedger(path);
    const keys = new Set(entries.map((entry) => entry.key));
    const missing = Array.from({ length: INTENTS }, (_, intent) => intent).filter(
      (intent) => !keys.has(deriveIdempotencyKey('crash-test', `intent-${intent}`)),
    );
    expect(missing).toEqual([]);
    expect(entries).toHaveLength(INTENTS);
    for (const entry of entries) expect(['placed', 'unknown']).toContain(entry.state);
    checkAccounts(entries, true);

    // The test proves something only if the kills really interrupted work.
    expect(kills).toBe(ROUNDS);
    const placed = entries.filter((entry) => entry.state === 'placed').length;
    expect(placed).toBeGreaterThan(INTENTS / 2);
  }, 60_000);
});
