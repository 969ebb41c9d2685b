import { z } from 'zod';

// Zod pieces for the fields of an order. Messages name the rule, never the value: an input
// error may be logged, and a link or a comment can be private.

const LINE_BREAK = /[\r\n\u2028\u2029]/;
const WHITESPACE = /\s/;

function isHttpUrl(text: string): boolean {
  if (WHITESPACE.test(text)) return false;
  try {
    const url = new URL(text);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname.length > 0;
  } catch {
    return false;
  }
}

/** A service id: a non-blank string without spaces, or a whole number of 0 or more. */
const SERVICE_ID_ERROR = 'must be a service id (a non-blank string or a whole number)';
export const serviceField = z.union(
  [
    z.string().regex(/^\S+$/, { error: 'must be a service id without spaces' }),
    z
      .number({ error: SERVICE_ID_ERROR })
      .int({ error: SERVICE_ID_ERROR })
      .nonnegative({ error: SERVICE_ID_ERROR }),
  ],
  { error: SERVICE_ID_ERROR },
);

/** An `http(s)` URL with a host and no spaces. */
export const urlField = z
  .string({ error: 'must be an http(s) URL' })
  .refine(isHttpUrl, { error: 'must be an http(s) URL' });

// zod's int() also refuses numbers past 2^53 - 1 (they have lost digits), so the message says so.
const POSITIVE_INT_ERROR = `must be a whole number from 1 to ${Number.MAX_SAFE_INTEGER}`;
const NON_NEGATIVE_INT_ERROR = `must be a whole number from 0 to ${Number.MAX_SAFE_INTEGER}`;

/** A whole number of 1 or more (and a safe integer). */
export const positiveIntField = z
  .number({ error: POSITIVE_INT_ERROR })
  .int({ error: POSITIVE_INT_ERROR })
  .min(1, { error: POSITIVE_INT_ERROR });

/** A whole number of 0 or more (and a safe integer). */
export const nonNegativeIntField = z
  .number({ error: NON_NEGATIVE_INT_ERROR })
  .int({ error: NON_NEGATIVE_INT_ERROR })
  .min(0, { error: NON_NEGATIVE_INT_ERROR });

/** A whole number from `min` to `max`. */
export function intRangeField(min: number, max: number) {
  const error = `must be a whole number from ${min} to ${max}`;
  return z.number({ error }).int({ error }).min(min, { error }).max(max, { error });
}

/** One line of text: not blank, no line break (it would split into two entries). */
export const lineField = z
  .string({ error: 'must be text' })
  .refine((text) => text.trim().length > 0, { error: 'must not be blank' })
  .refine((text) => !LINE_BREAK.test(text), { error: 'must not contain a line break' });

/** One word such as a username: not blank, no spaces. */
export const wordField = z
  .string({ error: 'must be text' })
  .regex(/^\S+$/, { error: 'must be one word, not blank, without spaces' });

/** A non-empty list of lines, sent joined with `\n`. */
export const linesField = z
  .array(lineField, { error: 'must be a list of texts' })
  .min(1, { error: 'must not be empty' });

const DMY = /^(\d{2})\/(\d{2})\/(\d{4})$/;

function isCalendarDay(text: string): boolean {
  const parts = DMY.exec(text);
  if (parts === null) return false;

  const [day, month, year] = [Number(parts[1]), Number(parts[2]), Number(parts[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return (
    date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day
  );
}

/** A `d/m/Y` day (`31/12/2025`) or a valid Date. */
export const dayField = z.union(
  [
    z.string().refine(isCalendarDay, { error: 'must be a day written d/m/Y, such as 31/12/2025' }),
    z.date().refine((date) => !Number.isNaN(date.getTime()), { error: 'must be a valid date' }),
  ],
  { error: 'must be a day written d/m/Y, or a Date' },
);

/** A Date as the `d/m/Y` text panels expect, by its UTC day. */
export function formatDay(date: Date): string {
  const day = String(date.getUTCDate()).padStart(2, '0');
  const month = String(date.getUTCMonth() + 1).padStart(2, '0');
  return `${day}/${month}/${date.getUTCFullYear()}`;
}
