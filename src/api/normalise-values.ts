import Big from 'big.js';
import { isLosslessNumber } from 'lossless-json';
import type { Money, PanelId } from './results.js';

// Values arrive from `parseLosslessJson`, so a JSON number is a LosslessNumber carrying its
// source text. A plain JS number is accepted too, for callers that built the value by hand.

const PLAIN_DECIMAL = /^-?\d+(\.\d+)?$/;
const DIGITS = /^\d+$/;
const SHORT_DIGITS = /^\d{1,15}$/;

// Longer texts or larger exponents are not money from a panel; refusing them keeps big.js from
// building a string of a million zeros out of `1e1000000`.
const MAX_DECIMAL_TEXT_LENGTH = 64;
const MAX_EXPONENT = 40;

/** The source text of a JSON number, or `undefined` when the value is not a number. */
function numberText(value: unknown): string | undefined {
  if (isLosslessNumber(value)) return value.toString();
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value === 'bigint') return value.toString();
  return undefined;
}

/**
 * An id (order, service, refill) as an exact, opaque string.
 *
 * A JSON number keeps its source digits (`90071992547409931` stays whole); a string is kept as
 * sent, trimmed (`ord_01JD...`). Returns `undefined` for anything else: an empty string, a
 * fraction, a negative number, an object.
 */
export function normaliseId(value: unknown): PanelId | undefined {
  const text = numberText(value);
  if (text !== undefined) return DIGITS.test(text) ? text : undefined;
  if (typeof value !== 'string') return undefined;

  const trimmed = value.trim();
  return trimmed.length > 0 ? trimmed : undefined;
}

/**
 * An amount of money as an exact decimal string.
 *
 * A plain decimal is kept exactly as the panel wrote it (`"0.90"` stays `"0.90"`,
 * `0.08011655652` keeps every digit). Other forms big.js reads (`1e-7`, `.5`, `+3`) become a
 * plain decimal (`"0.0000001"`). Returns `undefined` for an empty value, a word or a
 * thousands separator (`"1,5"` is ambiguous): unknown, never zero.
 */
export function normaliseMoney(value: unknown): Money | undefined {
  const text = numberText(value) ?? (typeof value === 'string' ? value.trim() : undefined);
  if (text === undefined || text.length === 0 || text.length > MAX_DECIMAL_TEXT_LENGTH) {
    return undefined;
  }
  if (PLAIN_DECIMAL.test(text)) return text;

  try {
    const amount = new Big(text);
    if (Math.abs(amount.e) > MAX_EXPONENT) return undefined;
    return amount.toFixed();
  } catch {
    return undefined;
  }
}

/**
 * A count (`min`, `max`, `start_count`, `remains`) as a number, or `undefined` when unknown.
 *
 * Numbers and numeric strings (`157`, `"157"`, `"157.0"`) give a whole number; `""`,
 * `"Unknown"`, `null`, a fraction, a negative value or one beyond 2^53 give `undefined`: the
 * panel did not say, which is not zero.
 */
export function normaliseCount(value: unknown): number | undefined {
  const text = numberText(value) ?? (typeof value === 'string' ? value.trim() : undefined);
  if (text === undefined || text.length === 0 || text.length > MAX_DECIMAL_TEXT_LENGTH) {
    return undefined;
  }
  // The usual form (`"3572"`): at most 15 digits is always a safe whole number, and big.js
  // would cost more than the rest of a status item's decoding (docs/benchmarks.md).
  if (SHORT_DIGITS.test(text)) return Number(text);

  let amount: Big;
  try {
    amount = new Big(text);
  } catch {
    return undefined;
  }
  if (amount.lt(0) || !amount.eq(amount.round(0, Big.roundDown))) return undefined;

  const count = Number(amount.toFixed());
  // `+ 0` turns a "-0" into 0.
  return Number.isSafeInteger(count) ? count + 0 : undefined;
}

const TRUE_WORDS = new Set(['1', 'true', 'yes', 'on', 'y']);

/**
 * A yes/no flag (`refill`, `cancel`, `dripfeed`). `true`, `1`, `"1"`, `"true"`, `"yes"` are
 * true; anything else, including a missing flag, is false: a panel that does not say it offers
 * refills is not relied on for one.
 */
export function normaliseFlag(value: unknown): boolean {
  if (typeof value === 'boolean') return value;

  const text = numberText(value) ?? (typeof value === 'string' ? value : undefined);
  if (text === undefined) return false;
  return TRUE_WORDS.has(text.trim().toLowerCase());
}

/**
 * A text field (`name`, `category`, `currency`) as a string: strings as sent, a JSON number by
 * its source text. `undefined` for anything else.
 */
export function normaliseText(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  return numberText(value);
}
