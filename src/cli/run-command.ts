import { PanelClient } from '../client/panel-client.js';
import { isSmmPanelError } from '../errors/guards.js';
import type { Ledger } from '../ledger/ledger.js';
import { type CliIo, redact } from './cli-io.js';
import { toJson } from './format-table.js';
import { readPanelSettings } from './panel-settings.js';

/** Flags every panel command accepts. */
export interface CommonFlags {
  json?: boolean;
}

/** What a command body receives. */
export interface CommandContext {
  client: PanelClient;
  io: CliIo;
  json: boolean;
}

/**
 * Runs a command against the panel from the environment: builds the client, prints errors
 * as one clear line (or JSON), never the key, and sets a non-zero exit code on failure.
 */
export async function runPanelCommand(
  io: CliIo,
  flags: CommonFlags,
  body: (context: CommandContext) => Promise<void>,
  options: { ledger?: () => Promise<Ledger> } = {},
): Promise<void> {
  let apiKey: string | undefined;
  let client: PanelClient | undefined;
  let ledger: Ledger | undefined;
  try {
    const settings = readPanelSettings(io);
    apiKey = settings.apiKey;
    ledger = options.ledger === undefined ? undefined : await options.ledger();
    client = new PanelClient({ profile: settings, ...(ledger ? { ledger } : {}) });
    await body({ client, io, json: flags.json === true });
  } catch (error) {
    reportError(io, error, flags.json === true, apiKey);
    process.exitCode = 1;
  } finally {
    await client?.close();
    await ledger?.close();
  }
}

/** Prints an error as one line for people, or as JSON, with the key redacted. */
export function reportError(io: CliIo, error: unknown, json: boolean, apiKey?: string): void {
  const secrets = [apiKey, io.env.SMM_PANEL_KEY];
  if (json) {
    const body = isSmmPanelError(error)
      ? error.toJSON()
      : { name: 'Error', message: error instanceof Error ? error.message : String(error) };
    io.stdout(redact(toJson({ error: body }), secrets));
    return;
  }
  const code = isSmmPanelError(error) ? ` [${error.code}]` : '';
  const message = error instanceof Error ? error.message : String(error);
  io.stderr(redact(`error${code}: ${message}\n`, secrets));
}
