import type { Command } from 'commander';
import { startSandboxPanel } from '../../sandbox/index.js';
import type { CliIo } from '../cli-io.js';
import { reportError } from '../run-command.js';

/** `sandbox`: runs the simulated panel until interrupted. */
export function registerSandboxCommand(program: Command, io: CliIo): void {
  program
    .command('sandbox')
    .description('run a local sandbox panel (a stateful simulator) until Ctrl-C')
    .option('--port <port>', 'port to listen on (0 picks a free one)', '8787')
    .option('--api-key <key>', 'the key the sandbox accepts (default: a random one, printed)')
    .option('--balance <amount>', 'starting balance', '1000')
    .option('--idempotency <mode>', 'none, header or form_field', 'none')
    .action(
      async (flags: { port: string; apiKey?: string; balance: string; idempotency: string }) => {
        try {
          const panel = await startSandboxPanel({
            port: Number(flags.port),
            startingBalance: flags.balance,
            idempotency: { mode: flags.idempotency as 'none' | 'header' | 'form_field' },
            ...(flags.apiKey === undefined ? {} : { apiKey: flags.apiKey }),
          });
          // The sandbox's key guards nothing of value, and a person needs it to use the
          // sandbox; it is printed only when the sandbox made it up.
          io.stdout(`sandbox panel listening\n  SMM_PANEL_URL=${panel.url}\n`);
          if (flags.apiKey === undefined) io.stdout(`  SMM_PANEL_KEY=${panel.apiKey}\n`);
          io.stdout('press Ctrl-C to stop\n');
          await new Promise<void>((resolve) => {
            process.once('SIGINT', resolve);
            process.once('SIGTERM', resolve);
          });
          await panel.close();
        } catch (error) {
          reportError(io, error, false);
          process.exitCode = 1;
        }
      },
    );
}
