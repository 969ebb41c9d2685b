import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const REPO = fileURLToPath(new URL('../../', import.meta.url));

/** How a worker process ended, and everything it printed. */
export interface WorkerExit {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** The arguments that start a worker: TypeScript through tsx, a bundled `.mjs` as it is. */
export function workerArgs(script: string): string[] {
  return script.endsWith('.mjs') ? [script] : ['--import', 'tsx', script];
}

/**
 * Runs a worker script as its own process (`node --import tsx <script>`, or `node <script>`
 * for a bundled `.mjs`) with `env` added to this process's environment, and resolves when it
 * ends, however it ends.
 */
export function runWorker(script: string, env: Record<string, string>): Promise<WorkerExit> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, workerArgs(script), {
      cwd: REPO,
      env: { ...process.env, ...env },
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
    // 'close' comes after both pipes are drained: every line the child printed is here.
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
}

/** The last JSON line a worker printed, or an error quoting what it wrote to stderr. */
export function lastJsonLine<T>(exit: WorkerExit): T {
  const line = exit.stdout.trim().split('\n').at(-1);
  if (exit.code !== 0 || line === undefined || line === '') {
    throw new Error(
      `worker ended with code ${exit.code} signal ${exit.signal}: ${exit.stderr.slice(0, 2000)}`,
    );
  }
  return JSON.parse(line) as T;
}
