import { maskSecrets } from '../internal/mask-secrets.js';

const SECRET_FIELD = /^(key|api[_-]?key|apikey|secret|token|authorization|password)$/i;
const KEY_IN_FORM = /(^|[?&\s])(key|api_key|apikey)=[^&\s]*/gi;
const REDACTED = '[REDACTED]';

/**
 * A copy of `value` safe to log: fields named like secrets (`key`, `apiKey`, `token`...) are
 * replaced at any depth, `key=...` inside form bodies and query strings is masked, and every
 * occurrence of a known secret in any string is masked too. pino's own `redact` paths stop
 * at fixed depths and cannot see inside a form-encoded string; this walks everything.
 */
export function sanitizeForLog(value: unknown, secrets: readonly string[], depth = 0): unknown {
  if (typeof value === 'string') return sanitizeText(value, secrets);
  if (value === null || typeof value !== 'object' || depth > 8) return value;
  if (value instanceof Error) {
    return {
      name: value.name,
      message: sanitizeText(value.message, secrets),
      code: (value as { code?: unknown }).code,
    };
  }
  if (Array.isArray(value)) return value.map((item) => sanitizeForLog(item, secrets, depth + 1));

  const out: Record<string, unknown> = {};
  for (const [field, inner] of Object.entries(value)) {
    out[field] = SECRET_FIELD.test(field) ? REDACTED : sanitizeForLog(inner, secrets, depth + 1);
  }
  return out;
}

/** Masks `key=` form fields and every known secret in one string. */
export function sanitizeText(text: string, secrets: readonly string[]): string {
  const out = text.replace(KEY_IN_FORM, (_match, lead: string, name: string) => {
    return `${lead}${name}=${REDACTED}`;
  });
  return maskSecrets(out, secrets);
}
