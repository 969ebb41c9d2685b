import { Command } from 'commander';
import { SDK_VERSION } from '../transport/version.js';
import type { CliIo } from './cli-io.js';
import { registerMigrateCommand } from './commands/migrate-command.js';
import { registerOrderCommand } from './commands/order-command.js';
import { registerOrderStatusCommands } from './commands/order-status-commands.js';
import { registerReadCommands } from './commands/read-commands.js';
import { registerReconcileCommand } from './commands/reconcile-command.js';
import { registerSandboxCommand } from './commands/sandbox-command.js';

/** Builds the `smm-panel` command line. */
export function buildProgram(io: CliIo): Command {
  const program = new Command('smm-panel')
    .description(
      'Order from an SMM panel safely. Reads SMM_PANEL_URL and SMM_PANEL_KEY from the environment.',
    )
    .version(SDK_VERSION)
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr })
    .showHelpAfterError();
  registerReadCommands(program, io);
  registerOrderCommand(program, io);
  registerOrderStatusCommands(program, io);
  registerSandboxCommand(program, io);
  registerReconcileCommand(program, io);
  registerMigrateCommand(program, io);
  return program;
}
