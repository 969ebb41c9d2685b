import { type Command, InvalidArgumentError, Option } from 'commander';
import type { OrderInput } from '../../api/order-input-types.js';
import { ORDER_TYPE_FIELDS } from '../../api/order-type-fields.js';
import { ORDER_TYPES } from '../../api/order-types.js';
import type { CliIo } from '../cli-io.js';
import { formatRecord, toJson } from '../format-table.js';
import { DEFAULT_CLI_LEDGER, ledgerTableFlags, openLedgerAt } from '../open-ledger.js';
import { runPanelCommand } from '../run-command.js';

const LIST_FIELDS = ['keywords', 'comments', 'usernames', 'hashtags', 'groups'] as const;
const NUMBER_FIELDS = [
  'quantity',
  'runs',
  'interval',
  'answerNumber',
  'min',
  'max',
  'delay',
  'posts',
  'oldPosts',
  'device',
  'typeOfTraffic',
] as const;
const TEXT_FIELDS = [
  'link',
  'hashtag',
  'username',
  'media',
  'expiry',
  'country',
  'googleKeyword',
  'referringUrl',
] as const;

function collectLines(value: string, previous: string[] = []): string[] {
  return [...previous, ...value.split('\n')];
}

function collectPairs(
  value: string,
  previous: Record<string, string> = {},
): Record<string, string> {
  const at = value.indexOf('=');
  // Commander reports an InvalidArgumentError as a usage error; any other error would escape
  // parseAsync unprinted.
  if (at <= 0) throw new InvalidArgumentError('expected name=value');
  return { ...previous, [value.slice(0, at)]: value.slice(at + 1) };
}

/** `order`: places one order of any type, recorded in a ledger (a file by default). */
export function registerOrderCommand(program: Command, io: CliIo): void {
  const command = program
    .command('order')
    .description('place one order (every order type; fields as options)')
    .requiredOption('--service <id>', 'service id')
    .option('--type <type>', 'order type, such as default, package, custom_comments', 'default')
    .option('--key <idempotencyKey>', 'idempotency key: the same key never orders twice')
    .option(
      '--ledger <location>',
      'where intents are recorded: memory, file:<path>, sqlite:<path> or postgres://...',
      DEFAULT_CLI_LEDGER,
    )
    .option('--schema <name>', 'PostgreSQL schema of the ledger tables (default: public)')
    .option('--table <name>', 'PostgreSQL table of the ledger (default: smm_ledger)')
    .option('--json', 'print JSON for scripts');
  for (const field of TEXT_FIELDS) {
    command.addOption(new Option(`--${kebab(field)} <value>`, fieldHelp(field)));
  }
  for (const field of NUMBER_FIELDS) {
    command.addOption(new Option(`--${kebab(field)} <number>`, fieldHelp(field)));
  }
  for (const field of LIST_FIELDS) {
    command.addOption(
      new Option(`--${field} <line>`, `${fieldHelp(field)}: one line, repeat for more`).argParser(
        collectLines,
      ),
    );
  }
  command.addOption(
    new Option('--extra <name=value>', 'extra form field passed through; repeatable').argParser(
      collectPairs,
    ),
  );

  command.action((flags: Record<string, unknown>) =>
    runPanelCommand(
      io,
      { json: flags.json === true },
      async ({ client, json }) => {
        const input = orderInputFromFlags(flags);
        const key = typeof flags.key === 'string' ? flags.key : undefined;
        const result = await client.order(input, key === undefined ? {} : { idempotencyKey: key });
        const summary = {
          orderId: result.orderId,
          idempotencyKey: result.idempotencyKey,
          isReplay: result.isReplay,
          state: result.entry.state,
        };
        io.stdout(json ? toJson(summary) : formatRecord(summary));
      },
      {
        ledger: () =>
          openLedgerAt(String(flags.ledger), {
            ...ledgerTableFlags(flags),
          }),
      },
    ),
  );
}

/** Builds an order input from parsed flags; the client validates it by type. */
export function orderInputFromFlags(flags: Record<string, unknown>): OrderInput {
  const input: Record<string, unknown> = { type: flags.type, service: flags.service };
  for (const field of TEXT_FIELDS) if (flags[field] !== undefined) input[field] = flags[field];
  for (const field of LIST_FIELDS) if (flags[field] !== undefined) input[field] = flags[field];
  for (const field of NUMBER_FIELDS) {
    if (flags[field] !== undefined) input[field] = Number(flags[field]);
  }
  if (flags.extra !== undefined) input.extra = flags.extra;
  return input as unknown as OrderInput;
}

/** One line of `--help` for a field: what it is, and which order types take it. */
function fieldHelp(field: string): string {
  const types = ORDER_TYPES.filter((type) => ORDER_TYPE_FIELDS[type].includes(field));
  const others = ORDER_TYPES.filter((type) => !types.includes(type));
  if (others.length === 0) return `${field} (every type)`;
  if (types.length > others.length) return `${field} (every type but ${others.join(', ')})`;
  return `${field} (${types.join(', ')})`;
}

function kebab(field: string): string {
  return field.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`);
}
