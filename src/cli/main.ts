#!/usr/bin/env node
import { processIo } from './cli-io.js';
import { buildProgram, exitCodeOf } from './program.js';

buildProgram(processIo())
  .parseAsync(process.argv)
  .catch((error: unknown) => {
    // Commander has printed its own message (usage error, help, version) already.
    const code = exitCodeOf(error);
    if (code !== undefined) {
      process.exitCode = code;
      return;
    }
    process.stderr.write(`error: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  });
