import type { Command } from 'commander';
import type { OrderStateItem } from '../../api/results.js';
import type { CliIo } from '../cli-io.js';
import { formatTable, toJson } from '../format-table.js';
import { runPanelCommand } from '../run-command.js';

/** `status`, `refill` and `cancel`: follow-up actions on order ids. */
export function registerOrderStatusCommands(program: Command, io: CliIo): void {
  program
    .command('status')
    .description('print the status of one or more orders')
    .argument('<ids...>', 'order ids')
    .option('--json', 'print JSON for scripts')
    .action((ids: string[], flags: { json?: boolean }) =>
      runPanelCommand(io, flags, async ({ client, json }) => {
        const states = await client.status(ids);
        if (json) {
          io.stdout(toJson(states));
          return;
        }
        const rows = [...states.entries()].map(([id, item]: [string, OrderStateItem]) =>
          item.ok
            ? [id, item.rawStatus, item.charge, item.startCount, item.remains, item.currency]
            : [id, `error: ${item.message}`, undefined, undefined, undefined, undefined],
        );
        io.stdout(formatTable(['order', 'status', 'charge', 'start', 'remains', 'currency'], rows));
      }),
    );

  program
    .command('refill')
    .description('ask for a refill of one or more orders')
    .argument('<ids...>', 'order ids')
    .option('--json', 'print JSON for scripts')
    .action((ids: string[], flags: { json?: boolean }) =>
      runPanelCommand(io, flags, async ({ client, json }) => {
        const items = await client.refill(ids);
        // A refused id fails the command, with or without --json: scripts rely on the code.
        if ([...items.values()].some((item) => !item.ok)) process.exitCode = 1;
        if (json) {
          io.stdout(toJson(items));
          return;
        }
        const rows = [...items.entries()].map(([id, item]) =>
          item.ok ? [id, item.refill, ''] : [id, undefined, item.message],
        );
        io.stdout(formatTable(['order', 'refill', 'error'], rows));
      }),
    );

  program
    .command('cancel')
    .description('ask the panel to cancel one or more orders')
    .argument('<ids...>', 'order ids')
    .option('--json', 'print JSON for scripts')
    .action((ids: string[], flags: { json?: boolean }) =>
      runPanelCommand(io, flags, async ({ client, json }) => {
        const items = await client.cancel(ids);
        // A refused id fails the command, with or without --json: scripts rely on the code.
        if ([...items.values()].some((item) => !item.ok)) process.exitCode = 1;
        if (json) {
          io.stdout(toJson(items));
          return;
        }
        const rows = [...items.entries()].map(([id, item]) =>
          item.ok ? [id, 'accepted', ''] : [id, 'refused', item.message],
        );
        io.stdout(formatTable(['order', 'cancel', 'error'], rows));
      }),
    );
}
