import { maskSecrets, REDACTED } from '../../internal/mask-secrets.js';

export { REDACTED };

/** The longest excerpt of a body kept in an error (characters). */
export const MAX_EXCERPT_LENGTH = 200;

/**
 * `text` with every secret replaced by `[REDACTED]`, as sent, URL-encoded and in any letter
 * case (see `maskSecrets`).
 */
export function redact(text: string, secrets: readonly string[]): string {
  return maskSecrets(text, secrets);
}

/**
 * A short excerpt of a body for an error: secrets redacted first (so a cut cannot leave half
 * a key behind), whitespace runs made one space, then cut to {@link MAX_EXCERPT_LENGTH}.
 */
export function excerptOf(body: string, secrets: readonly string[]): string {
  const flat = redact(body, secrets).replace(/\s+/g, ' ').trim();
  return flat.length <= MAX_EXCERPT_LENGTH ? flat : `${flat.slice(0, MAX_EXCERPT_LENGTH - 1)}…`;
}
