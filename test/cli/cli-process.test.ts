import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PanelClient } from '../../src/client/panel-client.js';
import type { SandboxPanel } from '../../src/sandbox/index.js';
import { startPanel } from '../client/helpers/sandbox-client.js';

const MAIN = fileURLToPath(new URL('../../src/cli/main.ts', import.meta.url));
const REPO = fileURLToPath(new URL('../../', import.meta.url));

/** Runs the CLI entry from source as a real process with `env` (and PATH, nothing else). */
function runMain(args: readonly string[], env: Record<string, string>) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', MAIN, ...args], {
      cwd: REPO,
      env: { PATH: process.env.PATH ?? '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe.concurrent('smm-panel as a child process', () => {
  let panel: SandboxPanel;

  beforeAll(async () => {
    panel = await startPanel({ startingBalance: '250.5' });
  });

  afterAll(async () => {
    await panel.close();
  });

  it('prints the balance as JSON and exits 0', async () => {
    const run = await runMain(['balance', '--json'], {
      SMM_PANEL_URL: panel.url,
      SMM_PANEL_KEY: panel.apiKey,
    });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual({ balance: '250.50000', currency: 'USD' });
  });

  it('exits 1 on a usage error, with the message printed once', async () => {
    const run = await runMain(['status'], {});
    expect(run.code).toBe(1);
    expect(run.stderr.match(/missing required argument/g)).toHaveLength(1);
  });

  it('runs the sandbox until SIGTERM, serving the key it was given and never printing it', async () => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', MAIN, 'sandbox', '--port', '0', '--api-key', 'sk-cli-sandbox-1234'],
      { cwd: REPO, env: { PATH: process.env.PATH ?? '' }, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let stdout = '';
    child.stdout.setEncoding('utf8');
    const url = await new Promise<string>((resolve, reject) => {
      child.stdout.on('data', (chunk: string) => {
        stdout += chunk;
        const match = /SMM_PANEL_URL=(\S+)/.exec(stdout);
        if (match?.[1] !== undefined && stdout.includes('Ctrl-C')) resolve(match[1]);
      });
      child.on('error', reject);
      child.on('close', (code) => reject(new Error(`sandbox ended early with ${code}`)));
    });
    const closed = new Promise<number | null>((resolve) => child.on('close', resolve));
    const client = new PanelClient({ profile: { url, apiKey: 'sk-cli-sandbox-1234' } });
    try {
      expect((await client.balance()).balance).toBe('1000.00000');
    } finally {
      await client.close();
      child.kill('SIGTERM');
    }
    expect(await closed).toBe(0);
    expect(stdout).not.toContain('sk-cli-sandbox-1234');
  });
});
