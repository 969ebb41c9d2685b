import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const SECRET = 'sk-TEST-SECRET-chaos-5150';

describe('the chaos run', () => {
  it('places 300 intents in both modes with no duplicate and no loss', async () => {
    const { stdout } = await run(
      process.execPath,
      [
        '--import',
        'tsx',
        'bench/chaos.ts',
        '--intents',
        '300',
        '--seed',
        '3',
        '--concurrency',
        '4',
      ],
      { timeout: 120_000 },
    );
    const lines = stdout
      .trim()
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line));
    expect(lines.map((line) => line.mode)).toEqual(['keyed', 'unkeyed']);
    for (const line of lines) {
      expect(line.intents).toBe(300);
      expect(line.faultsInjected).toBeGreaterThan(0);
      expect(line.duplicates).toBe(0);
      expect(line.afterReconcile.duplicates).toBe(0);
      expect(line.afterReconcile.lost).toBe(0);
      expect(line.afterReconcile.chargedByPanel).toBe(line.afterReconcile.recordedInLedger);
    }
    expect(lines[0].unknown).toBe(0);
    // Only intents sent before any order of the ledger was answered can stay open: nothing
    // bounds where their order could be, so no scan can prove or adopt it.
    for (const open of lines[1].afterReconcile.openUnknowns) {
      expect(open.lowerBoundId).toBeNull();
    }
    expect(lines[1].afterReconcile.unknownOpen).toBe(lines[1].afterReconcile.openUnknowns.length);
  }, 150_000);
});
