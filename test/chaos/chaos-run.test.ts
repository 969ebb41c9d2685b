import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);

describe('the chaos run', () => {
  it('places 200 intents in both modes with no duplicate, no loss, and exits 0', async () => {
    const { stdout } = await run(
      process.execPath,
      ['--import', 'tsx', 'bench/chaos.ts', '--intents', '200', '--seed', '3'],
      { timeout: 120_000 },
    );
    const lines = stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(lines.map((line) => line.mode)).toEqual(['keyed', 'unkeyed']);
    for (const line of lines) {
      expect(line.intents).toBe(200);
      expect(line.faultsInjected).toBeGreaterThan(0);
      expect(line.duplicates).toBe(0);
      expect(line.afterReconcile.duplicates).toBe(0);
      expect(line.afterReconcile.lost).toBe(0);
      expect(line.afterReconcile.chargedByPanel).toBe(line.afterReconcile.recordedInLedger);
    }
    expect(lines[0].unknown).toBe(0);
    expect(lines[1].afterReconcile.unknownOpen).toBeLessThanOrEqual(2);
  }, 150_000);
});
