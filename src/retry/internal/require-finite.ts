import { InvalidOptionsError } from '../../errors/input-errors.js';

/** Throws an InvalidOptionsError naming `option` unless `value` is a finite number >= `min`. */
export function requireFiniteAtLeast(option: string, value: unknown, min: number): void {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < min) {
    const shown = typeof value === 'string' ? JSON.stringify(value) : String(value);
    throw new InvalidOptionsError(option, `must be a finite number >= ${min}, got ${shown}`);
  }
}
