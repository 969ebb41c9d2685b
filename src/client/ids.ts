import type { PanelId } from '../api/results.js';
import { InvalidInputError } from '../errors/input-errors.js';

/**
 * An id as the exact string the panel will see. Numbers are accepted for convenience but
 * must be safe integers: a larger one has already lost digits, and is refused.
 */
export function toPanelId(value: PanelId | number, field: string): PanelId {
  if (typeof value === 'number') {
    if (!Number.isSafeInteger(value) || value < 0) {
      throw new InvalidInputError(`${field} must be a non-negative safe integer or a string`, [
        { path: field, message: 'not a safe integer: pass large ids as strings' },
      ]);
    }
    return String(value);
  }
  if (typeof value !== 'string' || value.trim() === '' || /[,\s]/.test(value)) {
    throw new InvalidInputError(`${field} must be a non-empty id without commas or spaces`, [
      { path: field, message: 'invalid id' },
    ]);
  }
  return value;
}

/** A list of ids, checked one by one, duplicates removed (the panel would answer once). */
export function toIdList(values: readonly (PanelId | number)[], field: string): PanelId[] {
  if (values.length === 0) {
    throw new InvalidInputError(`${field} must not be empty`, [{ path: field, message: 'empty' }]);
  }
  const ids = values.map((value, index) => toPanelId(value, `${field}.${index}`));
  return [...new Set(ids)];
}
