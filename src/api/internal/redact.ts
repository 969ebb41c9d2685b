/** What replaces a secret in an excerpt or a message. */
export const REDACTED = '[REDACTED]';

/** The longest excerpt of a body kept in an error (characters). */
export const MAX_EXCERPT_LENGTH = 200;

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * `text` with every secret replaced by `[REDACTED]`, as sent and URL-encoded (a panel that
 * echoes the form back echoes it encoded). Empty secrets are ignored.
 */
export function redact(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) {
    if (secret.length === 0) continue;
    for (const form of new Set([secret, encodeURIComponent(secret)])) {
      out = out.replace(new RegExp(escapeRegExp(form), 'g'), REDACTED);
    }
  }
  return out;
}

/**
 * A short excerpt of a body for an error: secrets redacted first (so a cut cannot leave half
 * a key behind), whitespace runs made one space, then cut to {@link MAX_EXCERPT_LENGTH}.
 */
export function excerptOf(body: string, secrets: readonly string[]): string {
  const flat = redact(body, secrets).replace(/\s+/g, ' ').trim();
  return flat.length <= MAX_EXCERPT_LENGTH ? flat : `${flat.slice(0, MAX_EXCERPT_LENGTH - 1)}…`;
}
