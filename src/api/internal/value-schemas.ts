import { z } from 'zod';
import {
  normaliseCount,
  normaliseFlag,
  normaliseId,
  normaliseMoney,
  normaliseText,
} from '../normalise-values.js';
import type { PanelId } from '../results.js';

// Zod pieces for single values. Each takes whatever the lossless parser produced (a string, a
// LosslessNumber, null, or nothing) and yields the normalised value, so the answer schemas
// stay permissive about the form and strict about the meaning.

/** A required id: a string or a whole JSON number, kept as an exact string. */
export const idValue = z
  .unknown()
  .optional()
  .transform((value, ctx): PanelId => {
    const id = normaliseId(value);
    if (id === undefined) {
      ctx.addIssue({ code: 'custom', message: 'expected an id (a string or a whole number)' });
      return z.NEVER;
    }
    return id;
  });

/** A required amount of money, as an exact decimal string. */
export const moneyValue = z
  .unknown()
  .optional()
  .transform((value, ctx) => {
    const money = normaliseMoney(value);
    if (money === undefined) {
      ctx.addIssue({ code: 'custom', message: 'expected a decimal amount' });
      return z.NEVER;
    }
    return money;
  });

/** An optional amount of money: missing, empty or unreadable is `undefined`, never zero. */
export const optionalMoneyValue = z.unknown().optional().transform(normaliseMoney);

/** A count: missing, empty or a word such as `Unknown` is `undefined`, never zero. */
export const countValue = z.unknown().optional().transform(normaliseCount);

/** A flag: `1`, `"1"`, `true`, `"true"` are true; anything else, or missing, is false. */
export const flagValue = z.unknown().optional().transform(normaliseFlag);

/** An optional text; a JSON number counts as its source text. */
export const optionalTextValue = z.unknown().optional().transform(normaliseText);

/** A status word; it must be a non-empty string. */
export const statusWordValue = z.string().refine((text) => text.trim().length > 0, {
  message: 'expected a status word',
});

/**
 * Child order ids of a drip-feed or subscription parent: an array of ids, or a comma-separated
 * string of them. Missing is `undefined`.
 */
export const childrenValue = z
  .unknown()
  .optional()
  .transform((value, ctx): PanelId[] | undefined => {
    if (value === undefined || value === null) return undefined;

    const parts = typeof value === 'string' ? value.split(',').filter((p) => p.trim()) : value;
    if (!Array.isArray(parts)) {
      ctx.addIssue({ code: 'custom', message: 'expected a list of child order ids' });
      return z.NEVER;
    }

    const ids: PanelId[] = [];
    for (const part of parts) {
      const id = normaliseId(part);
      if (id === undefined) {
        ctx.addIssue({ code: 'custom', message: 'expected child order ids' });
        return z.NEVER;
      }
      ids.push(id);
    }
    return ids;
  });
