import { LedgerError } from '../errors/order-errors.js';
import type { LedgerEvent } from './ledger-event.js';
import { ledgerEventSchema } from './ledger-event-schema.js';

/**
 * The first line of every ledger file. The version lets a later release change the line format
 * and still refuse, clearly, to read a file it does not understand.
 */
export const LEDGER_FILE_HEADER = Object.freeze({
  type: 'header',
  format: 'smm-panel-client/ledger',
  version: 1,
});

// Invalid UTF-8 would otherwise be replaced silently and could still parse as JSON.
const decoder = new TextDecoder('utf-8', { fatal: true });

/** One value as one line: compact JSON (never containing a raw newline) and `\n`. */
export function encodeLine(value: unknown): Buffer {
  return Buffer.from(`${JSON.stringify(value)}\n`, 'utf8');
}

/** Throws `LedgerError` unless `bytes` is this format's header. */
export function checkHeaderLine(bytes: Uint8Array, lineNumber: number, path: string): void {
  const value = decodeJson(bytes, lineNumber, path) as Partial<typeof LEDGER_FILE_HEADER> | null;
  if (value?.type !== 'header' || value.format !== LEDGER_FILE_HEADER.format) {
    throw corrupt(path, lineNumber, 'is not a ledger header; is this a ledger file?');
  }
  if (value.version !== LEDGER_FILE_HEADER.version) {
    throw corrupt(path, lineNumber, `has format version ${String(value.version)}, not 1`);
  }
}

/** Parses one event line; `LedgerError` naming the line when it is not one. */
export function parseEventLine(bytes: Uint8Array, lineNumber: number, path: string): LedgerEvent {
  const parsed = ledgerEventSchema.safeParse(decodeJson(bytes, lineNumber, path));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue === undefined ? '' : ` (${issue.path.join('.')}: ${issue.message})`;
    throw corrupt(path, lineNumber, `is not a ledger event${where}`);
  }
  return parsed.data;
}

/** A `LedgerError` that names the file and line. */
export function corrupt(path: string, lineNumber: number, problem: string, cause?: unknown) {
  const options = cause === undefined ? undefined : { cause };
  return new LedgerError(`Ledger file ${path}, line ${lineNumber}, ${problem}`, options);
}

function decodeJson(bytes: Uint8Array, lineNumber: number, path: string): unknown {
  try {
    return JSON.parse(decoder.decode(bytes));
  } catch (error) {
    throw corrupt(path, lineNumber, 'is not valid JSON', error);
  }
}
