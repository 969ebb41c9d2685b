/**
 * The error text an answer (or one item of a batch answer) carries, or `undefined` when it
 * carries none.
 *
 * `{"error": "text"}` is the common form; `{"error": {"message": "text"}}` and
 * `{"error": true, "message": "text"}` appear too. An `error` that is null, false or empty is
 * not an error: some panels send `"error": null` beside a success.
 */
export function errorTextOf(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;

  const { error, message } = value as { error?: unknown; message?: unknown };
  if (typeof error === 'string') return error.trim().length > 0 ? error : undefined;
  if (typeof error === 'object' && error !== null) {
    const inner = (error as { message?: unknown }).message;
    if (typeof inner === 'string' && inner.trim().length > 0) return inner;
  }
  if (error === true && typeof message === 'string' && message.trim().length > 0) return message;
  return undefined;
}
