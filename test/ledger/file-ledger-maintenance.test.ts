import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ErrorCode } from '../../src/errors/codes.js';
import { openFileLedger } from '../../src/ledger/file-ledger.js';
import { claimAs, driveTo, intentFor, listAll, OWNER_A, T0 } from './conformance-helpers.js';

let directory: string;
let path: string;

beforeEach(async () => {
  directory = await mkdtemp(join(tmpdir(), 'smm-ledger-maint-'));
  path = join(directory, 'ledger.jsonl');
});

afterEach(async () => {
  await rm(directory, { recursive: true, force: true });
});

async function lineCount(): Promise<number> {
  return (await readFile(path, 'utf8')).split('\n').length - 1;
}

/** 20 entries, several lines each: claim, attempt, settle, evidence or panel state. */
async function fillLedger(): Promise<void> {
  const ledger = await openFileLedger({ path });
  for (let index = 0; index < 20; index += 1) {
    await driveTo(ledger, `k${index}`, index % 2 === 0 ? 'placed' : 'unknown');
    await ledger.addEvidence(`k${index}`, { at: T0 + 9, kind: 'note', detail: `entry ${index}` });
  }
  await ledger.close();
}

describe('file ledger compaction', () => {
  it('keeps every entry and shrinks the file', async () => {
    await fillLedger();
    const ledger = await openFileLedger({ path });
    const before = await listAll(ledger);
    const sizeBefore = (await stat(path)).size;

    await ledger.compact();

    expect(await lineCount()).toBe(21);
    expect((await stat(path)).size).toBeLessThan(sizeBefore);
    expect(await listAll(ledger)).toEqual(before);
    await ledger.claim(intentFor('after'), claimAs(OWNER_A));
    await ledger.close();

    const again = await openFileLedger({ path });
    expect((await listAll(again)).slice(0, 20)).toEqual(before);
    expect((await again.get('after'))?.sequence).toBeGreaterThan(before.at(-1)?.sequence ?? 0);
    await again.close();
  });

  it('compacts on open when the file has more lines than compactAfterLines', async () => {
    await fillLedger();
    expect(await lineCount()).toBe(1 + 20 * 4);

    const ledger = await openFileLedger({ path, compactAfterLines: 50 });

    expect(await lineCount()).toBe(21);
    expect(await listAll(ledger)).toHaveLength(20);
    await ledger.close();
  });

  it('lets changes called during a compaction wait, then records them', async () => {
    await fillLedger();
    const ledger = await openFileLedger({ path });

    const claims = ['x1', 'x2', 'x3'].map((key) => ledger.claim(intentFor(key), claimAs(OWNER_A)));
    const compacting = ledger.compact();
    const late = ledger.claim(intentFor('x4'), claimAs(OWNER_A));
    await Promise.all([...claims, compacting, late]);
    await ledger.close();

    const again = await openFileLedger({ path });
    expect((await listAll(again)).map((entry) => entry.key).slice(20)).toEqual([
      'x1',
      'x2',
      'x3',
      'x4',
    ]);
    await again.close();
  });
});

describe('file ledger lock', () => {
  it('refuses a second opener while the first is open, and lets it in after close', async () => {
    const first = await openFileLedger({ path });

    await expect(openFileLedger({ path })).rejects.toMatchObject({
      code: ErrorCode.LedgerFailed,
      message: expect.stringContaining('already open in this process'),
    });

    await first.close();
    const second = await openFileLedger({ path });
    await second.close();
  });

  it('takes over a lock left by a process that no longer runs', async () => {
    const finished = spawnSync(process.execPath, ['-e', '']);
    await writeFile(`${path}.lock`, `${finished.pid}\n`);

    const ledger = await openFileLedger({ path });

    expect(await readFile(`${path}.lock`, 'utf8')).toBe(`${process.pid}\n`);
    await ledger.close();
    await expect(stat(`${path}.lock`)).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('takes over a lock naming our own pid when this process does not hold it (pid reuse)', async () => {
    // A container restarted after a crash runs as pid 1 again: the old lock names our pid.
    await writeFile(`${path}.lock`, `${process.pid}\n`);

    const ledger = await openFileLedger({ path });
    await expect(openFileLedger({ path })).rejects.toMatchObject({
      message: expect.stringContaining('already open in this process'),
    });
    await ledger.close();
    await expect(stat(`${path}.lock`)).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('says which directory is missing rather than naming a scratch file', async () => {
    await expect(
      openFileLedger({ path: join(dirname(path), 'missing', 'x.jsonl') }),
    ).rejects.toMatchObject({
      code: ErrorCode.LedgerFailed,
      message: expect.stringMatching(/missing\/x\.jsonl\.lock: its directory does not exist$/),
    });
  });

  it('refuses a lock file that holds no pid rather than guess whose it is', async () => {
    await writeFile(`${path}.lock`, 'hello');

    await expect(openFileLedger({ path })).rejects.toMatchObject({
      code: ErrorCode.LedgerFailed,
      message: expect.stringContaining('holds no pid'),
    });
  });
});
