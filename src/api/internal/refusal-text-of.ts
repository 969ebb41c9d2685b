import { errorTextOf } from './error-text-of.js';

const FAILURE_WORDS = new Set(['error', 'fail', 'failed', 'failure']);

function messageOf(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;

  const message = (value as { message?: unknown }).message;
  return typeof message === 'string' && message.trim().length > 0 ? message : undefined;
}

/**
 * The refusal text of a whole answer, or `undefined`.
 *
 * `before_shape` (checked before the answer's schema): `{"error": text}`, and
 * `{"status": "error", "message": text}`, which would otherwise read as an order whose
 * status is `Error`.
 *
 * `after_shape` (checked only when the schema did not fit): `{"message": text}` with an HTTP
 * status of 400 or more, as frameworks answer a bad key (`401 {"message": "Unauthenticated."}`)
 * or a failed validation.
 */
export function refusalTextOf(
  value: unknown,
  httpStatus: number,
  stage: 'before_shape' | 'after_shape',
): string | undefined {
  if (stage === 'after_shape') return httpStatus >= 400 ? messageOf(value) : undefined;

  const text = errorTextOf(value);
  if (text !== undefined) return text;

  const status = (value as { status?: unknown } | null)?.status;
  if (typeof status === 'string' && FAILURE_WORDS.has(status.trim().toLowerCase())) {
    return messageOf(value);
  }
  return undefined;
}
