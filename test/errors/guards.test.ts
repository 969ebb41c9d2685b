import { describe, expect, it } from 'vitest';
import * as sdk from '../../src/index.js';

// One real instance per error class, each with its stable code.
const INSTANCES: [string, Error][] = [
  ['isInvalidInputError', new sdk.InvalidInputError('bad')],
  ['isInvalidOptionsError', new sdk.InvalidOptionsError('url', 'bad')],
  ['isTransportError', new sdk.TransportError('SMM_TIMEOUT', 'late', { sendState: 'maybe_sent' })],
  [
    'isPanelRejectedError',
    new sdk.PanelRejectedError({
      action: 'add',
      httpStatus: 200,
      errorClass: 'funds',
      panelMessage: 'Not enough funds',
    }),
  ],
  ['isRateLimitedError', new sdk.RateLimitedError({ action: 'status', httpStatus: 429 })],
  [
    'isPanelUnavailableError',
    new sdk.PanelUnavailableError({ action: 'add', httpStatus: 502, reason: 'html' }),
  ],
  [
    'isInvalidResponseError',
    new sdk.InvalidResponseError({ action: 'add', httpStatus: 200, problem: 'no id' }),
  ],
  ['isOrderOutcomeUnknownError', new sdk.OrderOutcomeUnknownError('k', 'reset')],
  ['isIdempotencyConflictError', new sdk.IdempotencyConflictError('k')],
  ['isIntentLockedError', new sdk.IntentLockedError('k', 0)],
  ['isIntentRejectedError', new sdk.IntentRejectedError('k', 'Bad link')],
  ['isRetryBudgetExhaustedError', new sdk.RetryBudgetExhaustedError()],
  ['isLedgerError', new sdk.LedgerError('disk full')],
];

type Guard = (value: unknown) => boolean;
const guard = (name: string) => (sdk as unknown as Record<string, Guard>)[name] as Guard;

describe('error guards', () => {
  it.each(INSTANCES)('%s recognises its own error and no other', (name, error) => {
    expect(guard(name)(error)).toBe(true);
    expect(sdk.isSmmPanelError(error)).toBe(true);
    for (const [otherName, other] of INSTANCES) {
      if (otherName !== name) expect(guard(name)(other)).toBe(false);
    }
  });

  it('recognise a copy from another build of the package by its code alone', () => {
    const foreign = Object.assign(new Error('from the CJS copy'), { code: 'SMM_LEDGER_FAILED' });
    expect(sdk.isLedgerError(foreign)).toBe(true);
    expect(sdk.isSmmPanelError(foreign)).toBe(true);
    expect(sdk.isLedgerError({ code: 'SMM_LEDGER_FAILED' })).toBe(false);
  });

  it('cover every error code the SDK defines', () => {
    const covered = new Set(INSTANCES.map(([, error]) => (error as sdk.SmmPanelError).code));
    const transportCodes = Object.values(sdk.ErrorCode).filter(
      (code) => !covered.has(code) && sdk.isTransportError(Object.assign(new Error(), { code })),
    );
    for (const code of Object.values(sdk.ErrorCode)) {
      expect(covered.has(code) || transportCodes.includes(code)).toBe(true);
    }
  });
});
