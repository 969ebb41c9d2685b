import type { Command } from 'commander';
import type { CliIo } from '../cli-io.js';
import { formatRecord, formatTable, toJson } from '../format-table.js';
import { runPanelCommand } from '../run-command.js';

/** `balance` and `services`: the account and the catalogue. */
export function registerReadCommands(program: Command, io: CliIo): void {
  program
    .command('balance')
    .description('print the account balance')
    .option('--json', 'print JSON for scripts')
    .action((flags: { json?: boolean }) =>
      runPanelCommand(io, flags, async ({ client, json }) => {
        const balance = await client.balance();
        io.stdout(json ? toJson(balance) : formatRecord({ ...balance }));
      }),
    );

  program
    .command('services')
    .description('list the service catalogue')
    .option('--search <text>', 'only services whose name, category or type contains the text')
    .option('--json', 'print JSON for scripts')
    .action((flags: { json?: boolean; search?: string }) =>
      runPanelCommand(io, flags, async ({ client, json }) => {
        const needle = flags.search?.toLowerCase();
        const services = (await client.services()).filter(
          (service) =>
            needle === undefined ||
            `${service.name} ${service.category} ${service.type}`.toLowerCase().includes(needle),
        );
        if (json) {
          io.stdout(toJson(services));
          return;
        }
        io.stdout(
          formatTable(
            ['id', 'name', 'type', 'category', 'rate', 'min', 'max', 'refill', 'cancel'],
            services.map((s) => [
              s.id,
              s.name,
              s.type,
              s.category,
              s.rate,
              s.min,
              s.max,
              s.refill,
              s.cancel,
            ]),
          ),
        );
      }),
    );
}
