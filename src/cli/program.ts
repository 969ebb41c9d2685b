import { Command, CommanderError } from 'commander';
import { SDK_VERSION } from '../transport/version.js';
import type { CliIo } from './cli-io.js';
import { registerMigrateCommand } from './commands/migrate-command.js';
import { registerOrderCommand } from './commands/order-command.js';
import { registerOrderStatusCommands } from './commands/order-status-commands.js';
import { registerReadCommands } from './commands/read-commands.js';
import { registerReconcileCommand } from './commands/reconcile-command.js';
import { registerSandboxCommand } from './commands/sandbox-command.js';

/**
 * Builds the `smm-panel` command line. It never ends the process itself: a usage error, `--help`
 * or `--version` is printed through `io` and then rejects `parseAsync` with commander's
 * `CommanderError`, whose `exitCode` the caller sets (see {@link exitCodeOf}).
 */
export function buildProgram(io: CliIo): Command {
  const program = new Command('smm-panel')
    .description(
      'Order from an SMM panel safely. Reads SMM_PANEL_URL and SMM_PANEL_KEY from the environment.',
    )
    .version(SDK_VERSION)
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr })
    .showHelpAfterError()
    // Commander would call process.exit on a usage error, ending a host process (a test
    // runner, or an app embedding the CLI). Set before the commands, which inherit it.
    .exitOverride();
  registerReadCommands(program, io);
  registerOrderCommand(program, io);
  registerOrderStatusCommands(program, io);
  registerSandboxCommand(program, io);
  registerReconcileCommand(program, io);
  registerMigrateCommand(program, io);
  return program;
}

/**
 * The exit code for an error out of `parseAsync`: commander's own (0 after `--help`, 1 after a
 * usage error it has already printed), or `undefined` for any other error, which the caller
 * still has to report.
 */
export function exitCodeOf(error: unknown): number | undefined {
  return error instanceof CommanderError ? error.exitCode : undefined;
}
