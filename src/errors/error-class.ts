/**
 * The family of an error text a panel sent (`{"error": "..."}`).
 *
 * - `auth`: the key is wrong or the account suspended;
 * - `funds`: not enough balance;
 * - `validation`: the request was wrong (service, link, quantity, missing field);
 * - `duplicate_link`: the panel refuses a second active order for the same link;
 * - `not_found`: unknown order or refill id (also what a panel says of another user's order);
 * - `not_eligible`: refill or cancel not allowed for this order or service;
 * - `rate_limit`: too many requests;
 * - `transient`: the panel says to try again;
 * - `unknown`: a text no rule matched. Never retried automatically; the raw text is kept.
 */
export type PanelErrorClass =
  | 'auth'
  | 'funds'
  | 'validation'
  | 'duplicate_link'
  | 'not_found'
  | 'not_eligible'
  | 'rate_limit'
  | 'transient'
  | 'unknown';

/** Every {@link PanelErrorClass}, in a stable order. */
export const PANEL_ERROR_CLASSES: readonly PanelErrorClass[] = Object.freeze([
  'auth',
  'funds',
  'validation',
  'duplicate_link',
  'not_found',
  'not_eligible',
  'rate_limit',
  'transient',
  'unknown',
]);
