import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';

/** The repository root: examples run from here, so tsx finds tsconfig.json and its paths. */
export const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** What a finished example process left behind. */
export interface ExampleRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/**
 * Starts `examples/<file>` as its own process, as a user would with `npx tsx`, but through
 * `node --import tsx` so there is one process to signal (the tsx CLI would fork another).
 */
export function spawnExample(
  file: string,
  args: readonly string[],
  env: Record<string, string>,
): { child: ChildProcess; done: Promise<ExampleRun> } {
  const child = spawn(process.execPath, ['--import', 'tsx', `examples/${file}`, ...args], {
    cwd: REPO_ROOT,
    // Only what the example needs: no CI or DATABASE_URL leaking in unless given.
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    stdout += chunk.toString('utf8');
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString('utf8');
  });
  const done = new Promise<ExampleRun>((resolve, reject) => {
    child.once('error', reject);
    // 'close' waits for the pipes too, so the output is complete.
    child.once('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
  return { child, done };
}

/** Runs an example to its end. */
export function runExample(
  file: string,
  args: readonly string[],
  env: Record<string, string>,
): Promise<ExampleRun> {
  return spawnExample(file, args, env).done;
}

/** Polls a condition (state held in this process, such as the sandbox's) until it holds. */
export async function waitFor(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > until) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/**
 * The PostgreSQL server for the examples' tests, from `DATABASE_URL`. Outside CI, without it,
 * those tests skip with a one-line reason; in CI a missing URL throws, failing the file that
 * asked, instead of passing by skipping.
 */
export function databaseUrlForTests(): string | undefined {
  const url = process.env.DATABASE_URL || undefined;
  const isCi = process.env.CI !== undefined && !['', '0', 'false'].includes(process.env.CI);
  if (url === undefined && isCi) {
    throw new Error('CI is set but DATABASE_URL is not: the PostgreSQL example tests must run');
  }
  return url;
}

/** A schema of its own for one test run, so parallel and repeated runs never meet. */
export function uniqueSchema(purpose: string): string {
  return `smm_example_${purpose}_${process.pid}_${randomBytes(4).toString('hex')}`;
}
