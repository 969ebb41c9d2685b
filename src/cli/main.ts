#!/usr/bin/env node
import { processIo } from './cli-io.js';
import { buildProgram } from './program.js';

buildProgram(processIo())
  .parseAsync(process.argv)
  .catch((error: unknown) => {
    process.stderr.write(`error: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  });
