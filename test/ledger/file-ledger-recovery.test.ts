import { appendFile, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ErrorCode } from '../../src/errors/codes.js';
import { openFileLedger } from '../../src/ledger/file-ledger.js';
import { claimAs, driveTo, intentFor, listAll, OWNER_A, T0 } from './conformance-helpers.js';

let directory: string;
let path: string;

beforeEach(async () => {
  directory = await mkdtemp(join(tmpdir(), 'smm-ledger-file-'));
  path = join(directory, 'ledger.jsonl');
});

afterEach(async () => {
  await rm(directory, { recursive: true, force: true });
});

async function writeLedger(keys: string[]): Promise<void> {
  const ledger = await openFileLedger({ path });
  for (const key of keys) await driveTo(ledger, key, 'placed');
  await ledger.close();
}

async function fileLines(): Promise<string[]> {
  return (await readFile(path, 'utf8')).split('\n').slice(0, -1);
}

async function replaceLine(lineNumber: number, text: string): Promise<void> {
  const lines = await fileLines();
  lines[lineNumber - 1] = text;
  await writeFile(path, `${lines.join('\n')}\n`);
}

async function expectOpenToFail(pattern: RegExp): Promise<void> {
  await expect(openFileLedger({ path })).rejects.toMatchObject({
    code: ErrorCode.LedgerFailed,
    message: expect.stringMatching(pattern),
  });
}

describe('file ledger recovery', () => {
  it('cuts off a torn last line and keeps every complete one', async () => {
    await writeLedger(['k1', 'k2']);
    const cleanSize = (await stat(path)).size;
    await appendFile(path, '{"type":"claim","key":"k3","owner":"worker-a","lea');

    const ledger = await openFileLedger({ path });
    expect((await listAll(ledger)).map((entry) => entry.key)).toEqual(['k1', 'k2']);
    expect((await stat(path)).size).toBe(cleanSize);
    await ledger.claim(intentFor('k3'), claimAs(OWNER_A));
    await ledger.close();

    const again = await openFileLedger({ path });
    expect((await again.get('k3'))?.state).toBe('pending');
    await again.close();
  });

  it('treats trailing NUL bytes left by a power cut as a torn line', async () => {
    await writeLedger(['k1']);
    await appendFile(path, Buffer.alloc(64));

    const ledger = await openFileLedger({ path });
    expect((await ledger.get('k1'))?.state).toBe('placed');
    await ledger.close();
    expect((await readFile(path, 'utf8')).endsWith('}\n')).toBe(true);
  });

  it('refuses a corrupt line in the middle, naming its line number', async () => {
    await writeLedger(['k1', 'k2']);
    await replaceLine(3, '{"type":"attempt","key":"k1",');

    await expectOpenToFail(/line 3, is not valid JSON/);
  });

  it('refuses a line that is JSON but not a ledger event', async () => {
    await writeLedger(['k1']);
    await replaceLine(2, '{"type":"claim","key":"k1"}');

    await expectOpenToFail(/line 2, is not a ledger event/);
  });

  it('refuses a line that does not follow from the lines before it', async () => {
    await writeLedger(['k1']);
    const settle = { type: 'settle', key: 'nope', owner: OWNER_A, at: T0 };
    await appendFile(
      path,
      `${JSON.stringify({ ...settle, settlement: { state: 'unknown', reason: 'x' } })}\n`,
    );

    const lines = await fileLines();
    await expectOpenToFail(new RegExp(`line ${lines.length}, does not follow`));
  });

  it('refuses a file that is not a ledger, and leaves no lock behind', async () => {
    await writeFile(path, 'name,amount\nalice,3\n');

    await expectOpenToFail(/line 1, is not (valid JSON|a ledger header)/);
    await expect(stat(`${path}.lock`)).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('writes one line per change, with a header first', async () => {
    await writeLedger(['k1']);

    const types = (await fileLines()).map((line) => JSON.parse(line).type);
    expect(types).toEqual(['header', 'claim', 'attempt', 'settle']);
  });

  it('works without syncing, for callers who accept losing the last changes to a power cut', async () => {
    const ledger = await openFileLedger({ path, fsync: false });
    await driveTo(ledger, 'k1', 'unknown');
    await ledger.close();

    const again = await openFileLedger({ path, fsync: false });
    expect((await again.get('k1'))?.state).toBe('unknown');
    await again.close();
  });

  it('refuses invalid options by name', async () => {
    await expect(openFileLedger({ path: '' })).rejects.toMatchObject({ option: 'path' });
    await expect(openFileLedger({ path, compactAfterLines: 0 })).rejects.toMatchObject({
      code: ErrorCode.InvalidOptions,
      option: 'compactAfterLines',
    });
  });
});
