import { createHash } from 'node:crypto';
import { InvalidInputError } from '../errors/input-errors.js';

/** The prefix of every fingerprint this version computes; a new encoding gets a new prefix. */
export const FINGERPRINT_VERSION = 'v1';

// Fields never part of an order's identity: the API key (a secret, and rotating it must not
// turn a replay into a conflict) and the action (always `add` for an order).
const EXCLUDED_FIELDS: ReadonlySet<string> = new Set(['key', 'action']);

// Fields that hold one entry per line (docs/panel-api.md, order types). A list pasted from Windows
// arrives with \r\n; it names the same entries as the \n version and must not count as other
// parameters. Every other value is kept exactly, spaces included: " 1000" and "1000" may not
// mean the same thing to every panel, and a fingerprint that guessed wrong would let a
// different order pass as a replay.
const LIST_FIELDS: ReadonlySet<string> = new Set([
  'comments',
  'keywords',
  'usernames',
  'hashtags',
  'groups',
]);

/**
 * The fingerprint of an order's parameters: `v1:` and the SHA-256 (hex) of a canonical
 * encoding. The same parameters in any key order give the same fingerprint; any changed,
 * added or removed value changes it. `key` and `action` are never included; a field whose
 * value is `undefined` counts as absent. In the one-per-line fields (`comments`, `keywords`,
 * `usernames`, `hashtags`, `groups`) `\r\n` counts as `\n`; every other value is taken
 * exactly as given (no trimming, no case folding).
 *
 * The ledger stores it beside the idempotency key: the same key with another fingerprint is
 * a conflict, not a replay.
 *
 * @throws InvalidInputError naming the field when a value is not a string.
 */
export function fingerprintOrder(params: Readonly<Record<string, string>>): string {
  const pairs: [string, string][] = [];
  for (const [field, value] of Object.entries(params)) {
    if (EXCLUDED_FIELDS.has(field) || value === undefined) continue;
    if (typeof value !== 'string') {
      throw new InvalidInputError(`Invalid ${field}: order parameters must be strings`, [
        { path: field, message: 'must be a string' },
      ]);
    }
    pairs.push([field, LIST_FIELDS.has(field) ? value.replaceAll('\r\n', '\n') : value]);
  }

  // Sort by UTF-16 code units, not by locale: the order must not depend on the machine.
  pairs.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const canonical = JSON.stringify([FINGERPRINT_VERSION, pairs]);
  return `${FINGERPRINT_VERSION}:${createHash('sha256').update(canonical, 'utf8').digest('hex')}`;
}
