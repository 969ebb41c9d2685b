import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openFileLedger } from '../../src/ledger/file-ledger.js';
import type { LedgerEntry } from '../../src/ledger/ledger.js';
import { listAll } from './conformance-helpers.js';

const WRITER = fileURLToPath(new URL('./fixtures/crash-writer.ts', import.meta.url));
const REPO = fileURLToPath(new URL('../../', import.meta.url));
const ROUNDS = 5;
const SEED = 20_240_601;

/** A small seeded generator (mulberry32), so a failing round can be replayed. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let mixed = Math.imul(state ^ (state >>> 15), 1 | state);
    mixed = (mixed + Math.imul(mixed ^ (mixed >>> 7), 61 | mixed)) ^ mixed;
    return ((mixed ^ (mixed >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** Starts the writer, kills it with SIGKILL `killAfterMs` after it is ready, returns its lines. */
function runAndKill(path: string, round: number, killAfterMs: number): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', WRITER, path, String(round)], {
      cwd: REPO,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    let timer: NodeJS.Timeout | undefined;
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
      if (timer === undefined && stdout.includes('ready\n')) {
        timer = setTimeout(() => child.kill('SIGKILL'), killAfterMs);
      }
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
    });
    child.on('error', reject);
    // 'close' comes after both pipes are drained: every line the child printed is here.
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (signal !== 'SIGKILL') {
        reject(new Error(`writer ended by itself (code ${code}): ${stderr.slice(0, 500)}`));
        return;
      }
      // Only complete lines count: a line cut by the kill was never fully reported.
      resolve(stdout.split('\n').slice(0, -1));
    });
  });
}

function expectReported(entries: Map<string, LedgerEntry>, line: string): void {
  const [step, key, state] = line.split(' ');
  if (step === 'ready' || key === undefined) return;
  const entry = entries.get(key);
  expect(entry, `${line} was reported but is missing`).toBeDefined();
  if (step === 'attempted') expect(entry?.attempts[0]?.startedAt).toBeTypeOf('number');
  if (step === 'completed') expect(entry?.attempts[0]?.sendState).toBe('answered');
  if (step === 'settled') expect(entry?.state).toBe(state);
}

describe('file ledger after SIGKILL', () => {
  let directory: string;

  beforeAll(async () => {
    directory = await mkdtemp(join(tmpdir(), 'smm-ledger-crash-'));
  });

  afterAll(async () => {
    await rm(directory, { recursive: true, force: true });
  });

  it('keeps every step the writer reported, and nothing half-applied, over 5 kills', async () => {
    const path = join(directory, 'ledger.jsonl');
    const random = seededRandom(SEED);
    let reportedClaims = 0;

    for (let round = 0; round < ROUNDS; round += 1) {
      const killAfterMs = 20 + Math.floor(random() * 200);
      const lines = await runAndKill(path, round, killAfterMs);

      // Reopening takes over the dead writer's lock and replays every line; a line that did
      // not parse or did not follow from the ones before would throw here.
      const ledger = await openFileLedger({ path });
      const entries = new Map((await listAll(ledger, 500)).map((entry) => [entry.key, entry]));
      await ledger.close();

      for (const line of lines) expectReported(entries, line);
      const claimed = lines.filter((line) => line.startsWith('claimed ')).length;
      const ofRound = [...entries.keys()].filter((key) => key.startsWith(`r${round}-`));
      // At most one intent more than reported: the one whose claim was durable when it died.
      expect(ofRound.length - claimed, `round ${round}, kill after ${killAfterMs} ms`).toBeOneOf([
        0, 1,
      ]);
      for (const entry of entries.values()) {
        expect(entry.state === 'pending').toBe(entry.lease !== undefined);
      }
      reportedClaims += claimed;
      expect((await readFile(path, 'utf8')).endsWith('\n')).toBe(true);
    }

    // The kills must have landed while the writer was busy, or the test proved nothing.
    expect(reportedClaims).toBeGreaterThan(ROUNDS);
  }, 90_000);
});
