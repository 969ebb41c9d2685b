import type { PanelErrorClass } from './error-class.js';

/**
 * One rule that maps a panel's error text to its family.
 *
 * A string rule matches when its normalised form is a substring of the normalised text
 * (normalised: lower case, every run of punctuation, underscores or spaces made one space), so
 * `'not enough funds'` matches `Not enough funds on balance` and
 * `neworder.error.not_enough_funds`. A RegExp rule is tested against the trimmed text as sent
 * and against its normalised form; either match counts.
 */
export interface ErrorTextRule {
  match: string | RegExp;
  errorClass: PanelErrorClass;
}

function rules(errorClass: PanelErrorClass, ...matches: (string | RegExp)[]): ErrorTextRule[] {
  return matches.map((match) => Object.freeze({ match, errorClass }));
}

/**
 * The texts real panels send, by family (docs/panel-api.md, "Error texts seen").
 *
 * Order matters: the first matching rule wins. Rate limits come first because their texts
 * often say "try again later" too; the key comes before the request families because its
 * texts mention a parameter; "please try again" comes before funds because `Could not charge
 * your balance, please try again` names the balance but is not a funds error.
 */
export const DEFAULT_ERROR_TEXT_RULES: readonly ErrorTextRule[] = Object.freeze([
  ...rules(
    'rate_limit',
    'too many requests',
    'too many attempts',
    'rate limit',
    'ratelimit',
    'request limit',
    'requests limit',
    'slow down',
    'throttled',
  ),
  ...rules(
    'auth',
    'api key',
    'apikey',
    'invalid key',
    'incorrect key',
    'wrong key',
    'key is invalid',
    'key not found',
    'account has been suspended',
    'account suspended',
    'account is suspended',
    'account has been blocked',
    'account is blocked',
    'account has been banned',
    'account is banned',
    'account disabled',
    'account is disabled',
    'unauthorized',
    'unauthorised',
    'unauthenticated',
    'authentication failed',
    'access denied',
  ),
  ...rules(
    'transient',
    'try again',
    'try later',
    'temporarily unavailable',
    'temporary error',
    'please retry',
  ),
  ...rules(
    'funds',
    'not enough funds',
    'not enough balance',
    'not enough money',
    'insufficient balance',
    'insufficient funds',
    'low balance',
    'balance is too low',
    'top up your balance',
  ),
  ...rules(
    'duplicate_link',
    'active order with this link',
    'active order for this link',
    'order with this link',
    'link duplicate',
    'duplicate link',
    'link is already in progress',
    'already have an active order',
  ),
  ...rules(
    'not_eligible',
    'not eligible',
    'refill is disabled',
    'refill disabled',
    'refill is not available',
    'refill not available',
    'refill is not allowed',
    'cancel is disabled',
    'cancel disabled',
    'cancel is not available',
    'cancel not available',
    'cannot be refilled',
    'can not be refilled',
    'cannot be canceled',
    'cannot be cancelled',
    'can not be canceled',
    'can not be cancelled',
  ),
  ...rules(
    'not_found',
    'incorrect order id',
    'invalid order id',
    'order not found',
    'order does not exist',
    'order doesn t exist',
    'no such order',
    'incorrect refill id',
    'invalid refill id',
    'refill not found',
    'refill does not exist',
  ),
  ...rules(
    'validation',
    // service
    'incorrect service',
    'invalid service',
    'service is not available',
    'service not available',
    'service not found',
    'service is disabled',
    'service disabled',
    // link
    'bad link',
    'invalid link',
    'incorrect link',
    'link is invalid',
    'link is incorrect',
    'wrong link',
    // quantity
    'quantity less than',
    'quantity more than',
    'quantity must be',
    'min quantity',
    'max quantity',
    'minimum quantity',
    'maximum quantity',
    'invalid quantity',
    'incorrect quantity',
    // the request itself
    'incorrect request',
    'invalid request',
    'bad request',
    'missing required parameter',
    'missing parameter',
    'required parameter',
    'field is required',
    'incorrect action',
    'invalid action',
    'unknown action',
    'validation',
  ),
]);

/** Lower case, every run of non-letters and non-digits made one space, trimmed. */
function normaliseText(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

function matches(rule: ErrorTextRule, raw: string, normalised: string): boolean {
  if (typeof rule.match === 'string') {
    const needle = normaliseText(rule.match);
    return needle.length > 0 && normalised.includes(needle);
  }

  // A global or sticky RegExp keeps state between calls; reset it so a shared rule answers
  // the same way every time.
  rule.match.lastIndex = 0;
  if (rule.match.test(raw)) return true;
  rule.match.lastIndex = 0;
  return rule.match.test(normalised);
}

/**
 * The family of a panel's error text.
 *
 * `extraRules` (a panel profile's own texts) are checked first, in order, then
 * {@link DEFAULT_ERROR_TEXT_RULES}. A text no rule matches is `unknown`: never retried
 * automatically, and the caller keeps the raw text.
 */
export function classifyErrorText(
  text: string,
  extraRules: readonly ErrorTextRule[] = [],
): PanelErrorClass {
  const raw = text.trim();
  const normalised = normaliseText(raw);

  for (const rule of extraRules) {
    if (matches(rule, raw, normalised)) return rule.errorClass;
  }
  for (const rule of DEFAULT_ERROR_TEXT_RULES) {
    if (matches(rule, raw, normalised)) return rule.errorClass;
  }
  return 'unknown';
}
