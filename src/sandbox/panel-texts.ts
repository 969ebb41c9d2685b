/**
 * Every text the sandbox answers with in `{"error": "..."}`, worded as real panels word them
 * (docs/panel-api.md, "Error texts seen"). A test or a panel profile can refer to these instead of
 * copying the strings.
 */
export const SANDBOX_ERROR_TEXTS = Object.freeze({
  invalidKey: 'Invalid API key',
  incorrectRequest: 'Incorrect request',
  incorrectServiceId: 'Incorrect service ID',
  badLink: 'Bad link',
  incorrectQuantity: 'Incorrect quantity',
  notEnoughFunds: 'Not enough funds on balance',
  duplicateLink: 'You have active order with this link. Please wait until order being completed.',
  incorrectOrderId: 'Incorrect order ID',
  notEligibleForRefill: 'Order not eligible for refill.',
  refillNotFound: 'Refill not found',
  cancelDisabled: 'Cancel is disabled for this service',
  notEligibleForCancel: 'Order not eligible for cancel.',
  dripfeedDisabled: 'Drip-feed is disabled for this service',
  incorrectRuns: 'Incorrect runs',
  incorrectInterval: 'Incorrect interval',
  incorrectDelay: 'Incorrect delay',
  incorrectExpiry: 'Incorrect expiry date',
  incorrectPosts: 'Incorrect posts',
  minAboveMax: 'Min quantity can not be greater than max quantity',
  incorrectDevice: 'Incorrect device',
  incorrectTrafficType: 'Incorrect type of traffic',
  incorrectAnswerNumber: 'Incorrect answer number',
  tooManyIds: 'Too many ids: at most 100 per request',
  idempotencyConflict: 'Idempotency key already used with different parameters',
  tooManyRequests: 'Too Many Requests',
  unavailable: 'Service temporarily unavailable',
  tryAgain: 'Something went wrong, please try again',
});

/** `Missing required parameter: <name>`. */
export function missingParameterText(name: string): string {
  return `Missing required parameter: ${name}`;
}

/** `Quantity less than minimal <min>`. */
export function quantityBelowMinText(min: number): string {
  return `Quantity less than minimal ${min}`;
}

/** `Quantity more than maximum <max>`. */
export function quantityAboveMaxText(max: number): string {
  return `Quantity more than maximum ${max}`;
}
