import type { CliIo } from '../../../src/cli/cli-io.js';
import { buildProgram, exitCodeOf } from '../../../src/cli/program.js';

/** What one in-process run of the CLI printed, and the exit code it set. */
export interface CliRun {
  stdout: string;
  stderr: string;
  exitCode: number;
}

/**
 * Runs `smm-panel <args>` in this process with captured output and the given environment
 * (nothing from the real one). `process.exitCode` is read and put back, so one run cannot
 * fail the test process or leak into the next run.
 */
export async function runCli(
  args: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    stdout: (text) => {
      stdout += text;
    },
    stderr: (text) => {
      stderr += text;
    },
    env,
  };
  const previous = process.exitCode;
  process.exitCode = undefined;
  try {
    try {
      await buildProgram(io).parseAsync(['node', 'smm-panel', ...args]);
    } catch (error) {
      // As main.ts does: commander's errors are already printed; anything else is a bug.
      const code = exitCodeOf(error);
      if (code === undefined) throw error;
      process.exitCode = code;
    }
    return { stdout, stderr, exitCode: Number(process.exitCode ?? 0) };
  } finally {
    process.exitCode = previous;
  }
}
