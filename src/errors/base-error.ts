/**
 * The root of every error this SDK throws.
 *
 * Callers should branch on {@link SmmPanelError.code}, a string that never changes between
 * releases, rather than on `instanceof`: a dual ESM/CJS package can be loaded twice, and then
 * `instanceof` fails silently. The guard functions in `guards.ts` check the code.
 *
 * No error ever carries the API key or a raw request body.
 */
export class SmmPanelError extends Error {
  /** A stable, machine-readable identifier, such as `SMM_PANEL_REJECTED`. */
  readonly code: string;

  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.name = 'SmmPanelError';
  }

  /** A plain object safe to log or serialise (no stack, no secrets). */
  toJSON(): Record<string, unknown> {
    const out: Record<string, unknown> = {
      name: this.name,
      code: this.code,
      message: this.message,
    };
    for (const [field, value] of Object.entries(this)) {
      if (field !== 'cause' && value !== undefined) out[field] = value;
    }
    return out;
  }
}
