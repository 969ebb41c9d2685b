/** What replaces a secret in any text the SDK shows: excerpts, messages, logs, CLI output. */
export const REDACTED = '[REDACTED]';

/** Secrets shorter than this are not masked: they would mask ordinary words. */
const MIN_SECRET_LENGTH = 4;

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * `text` with every secret replaced by `[REDACTED]`: as written, URL-encoded (a panel that
 * echoes the form back echoes it encoded), and in any letter case (a panel that lower-cases
 * the key in its error text still echoes it).
 */
export function maskSecrets(text: string, secrets: readonly (string | undefined)[]): string {
  let out = text;
  for (const secret of secrets) {
    if (secret === undefined || secret.length < MIN_SECRET_LENGTH) continue;
    for (const form of new Set([secret, encodeURIComponent(secret)])) {
      out = out.replace(new RegExp(escapeRegExp(form), 'gi'), REDACTED);
    }
  }
  return out;
}
