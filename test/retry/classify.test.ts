import { describe, expect, it } from 'vitest';
import type { PanelAction } from '../../src/api/actions.js';
import { InvalidInputError } from '../../src/errors/input-errors.js';
import { LedgerError, RetryBudgetExhaustedError } from '../../src/errors/order-errors.js';
import {
  classify,
  isOutcomeUnknown,
  mayHaveBeenProcessed,
  type RetryVerdict,
} from '../../src/retry/classify.js';
import {
  invalidResponse,
  maybeSent,
  rateLimited,
  rejected,
  transportFailure,
  unavailable,
} from './failures.js';

type Decision = RetryVerdict['decision'];

interface TableRow {
  row: string;
  errors: () => unknown[];
  read: Decision;
  addWithoutServerIdempotency: Decision;
  addWithServerIdempotency: Decision;
}

// docs/design.md, "Send state and classification", one entry per row (the last row, a valid
// answer, needs no classification: run-with-retry.test.ts checks that the loop returns it).
const TABLE: TableRow[] = [
  {
    row: 'DNS failure, connection refused, connect timeout, aborted before sending (not-sent)',
    errors: () => [
      transportFailure('SMM_CONNECT_FAILED', 'not_sent'),
      transportFailure('SMM_TIMEOUT', 'not_sent'),
    ],
    read: 'retry',
    addWithoutServerIdempotency: 'retry',
    addWithServerIdempotency: 'retry',
  },
  {
    row: 'reset or timeout after the request was written (maybe-sent)',
    errors: () => [
      transportFailure('SMM_TIMEOUT', 'maybe_sent'),
      transportFailure('SMM_CONNECTION_LOST', 'maybe_sent'),
      transportFailure('SMM_CONNECTION_LOST', 'answered'),
    ],
    read: 'retry',
    addWithoutServerIdempotency: 'unknown',
    addWithServerIdempotency: 'retry',
  },
  {
    row: '429, or 503 with a clear "try later" (answered, not processed)',
    errors: () => [rateLimited(2000), rateLimited()],
    read: 'retry',
    addWithoutServerIdempotency: 'retry',
    addWithServerIdempotency: 'retry',
  },
  {
    row: '500, 502, 504, HTML or unparsable body (answered, processing unknown)',
    errors: () => [
      unavailable('server_error', 500),
      unavailable('html', 502),
      unavailable('server_error', 504),
      unavailable('invalid_json', 200),
      unavailable('empty', 200),
      invalidResponse(),
    ],
    read: 'retry',
    addWithoutServerIdempotency: 'unknown',
    addWithServerIdempotency: 'retry',
  },
  {
    row: '{"error": ...} with a permanent text (key, funds, validation, duplicate link)',
    errors: () => [
      rejected('auth'),
      rejected('funds'),
      rejected('validation'),
      rejected('duplicate_link'),
      rejected('not_found'),
      rejected('not_eligible'),
    ],
    read: 'permanent',
    addWithoutServerIdempotency: 'permanent',
    addWithServerIdempotency: 'permanent',
  },
  {
    row: '{"error": ...} with an unknown text',
    errors: () => [rejected('unknown')],
    read: 'permanent',
    addWithoutServerIdempotency: 'permanent',
    addWithServerIdempotency: 'permanent',
  },
];

function decisionsFor(
  action: PanelAction,
  hasServerIdempotency: boolean,
  errors: unknown[],
): Decision[] {
  return errors.map((error) => classify({ action, error, hasServerIdempotency }).decision);
}

describe('classify, row by row of the send-state table', () => {
  for (const hasServerIdempotency of [false, true]) {
    describe(`when the panel ${hasServerIdempotency ? 'dedupes' : 'does not dedupe'} by key`, () => {
      for (const row of TABLE) {
        it(`gives ${row.read} for a status read on: ${row.row}`, () => {
          const errors = row.errors();
          expect(decisionsFor('status', hasServerIdempotency, errors)).toEqual(
            errors.map(() => row.read),
          );
        });

        const addExpected = hasServerIdempotency
          ? row.addWithServerIdempotency
          : row.addWithoutServerIdempotency;
        it(`gives ${addExpected} for add on: ${row.row}`, () => {
          const errors = row.errors();
          expect(decisionsFor('add', hasServerIdempotency, errors)).toEqual(
            errors.map(() => addExpected),
          );
        });
      }
    });
  }
});

describe('classify', () => {
  it('carries the panel hint of a rate limit and of an unavailable panel', () => {
    expect(
      classify({ action: 'add', error: rateLimited(2000), hasServerIdempotency: false }),
    ).toEqual(expect.objectContaining({ decision: 'retry', retryAfterMs: 2000 }));
    const unavailableWithHint = unavailable('html', 503);
    Object.defineProperty(unavailableWithHint, 'retryAfterMs', { value: 5000 });
    expect(
      classify({ action: 'status', error: unavailableWithHint, hasServerIdempotency: false }),
    ).toEqual(expect.objectContaining({ decision: 'retry', retryAfterMs: 5000 }));
  });

  it('leaves retryAfterMs out when the panel gave no hint', () => {
    const verdict = classify({
      action: 'status',
      error: rateLimited(),
      hasServerIdempotency: false,
    });
    expect(verdict).not.toHaveProperty('retryAfterMs');
  });

  it('retries a panel text that says "try again" or "too many requests", for add too', () => {
    for (const errorClass of ['transient', 'rate_limit'] as const) {
      for (const action of ['add', 'status'] as const) {
        const error = rejected(errorClass, action);
        expect(classify({ action, error, hasServerIdempotency: false }).decision).toBe('retry');
      }
    }
  });

  it('never retries the caller’s abort: permanent for a read or an unsent add', () => {
    const abortedUnsent = transportFailure('SMM_ABORTED', 'not_sent');
    const abortedSent = transportFailure('SMM_ABORTED', 'maybe_sent');
    expect(
      classify({ action: 'status', error: abortedSent, hasServerIdempotency: true }).decision,
    ).toBe('permanent');
    expect(
      classify({ action: 'add', error: abortedUnsent, hasServerIdempotency: true }).decision,
    ).toBe('permanent');
  });

  it('reports an add aborted after writing as unknown, even with server idempotency or the dangerous switch', () => {
    const error = transportFailure('SMM_ABORTED', 'maybe_sent');
    for (const hasServerIdempotency of [false, true]) {
      const verdict = classify({
        action: 'add',
        error,
        hasServerIdempotency,
        dangerouslyRetryAmbiguousOrders: true,
      });
      expect(verdict.decision).toBe('unknown');
    }
  });

  it('fails a read for good on a refused redirect or an oversize body, and calls such an add unknown', () => {
    for (const code of ['SMM_REDIRECT_REFUSED', 'SMM_RESPONSE_TOO_LARGE'] as const) {
      const error = transportFailure(code, 'answered');
      expect(classify({ action: 'services', error, hasServerIdempotency: false }).decision).toBe(
        'permanent',
      );
      for (const hasServerIdempotency of [false, true]) {
        expect(classify({ action: 'add', error, hasServerIdempotency }).decision).toBe('unknown');
      }
    }
  });

  it('retries an ambiguous add only when dangerouslyRetryAmbiguousOrders is set', () => {
    for (const error of [maybeSent(), unavailable('html', 502), invalidResponse()]) {
      const base = { action: 'add' as const, error, hasServerIdempotency: false };
      expect(classify(base).decision).toBe('unknown');
      expect(classify({ ...base, dangerouslyRetryAmbiguousOrders: false }).decision).toBe(
        'unknown',
      );
      const verdict = classify({ ...base, dangerouslyRetryAmbiguousOrders: true });
      expect(verdict.decision).toBe('retry');
      expect(verdict.reason).toContain('dangerouslyRetryAmbiguousOrders');
    }
  });

  it('treats every read action alike and the writes refill and cancel like add', () => {
    for (const action of ['services', 'status', 'balance', 'refill_status'] as const) {
      expect(
        classify({ action, error: maybeSent(action), hasServerIdempotency: false }).decision,
      ).toBe('retry');
    }
    for (const action of ['refill', 'cancel'] as const) {
      expect(
        classify({ action, error: maybeSent(action), hasServerIdempotency: false }).decision,
      ).toBe('unknown');
    }
  });

  it('fails for good on the SDK’s own refusals', () => {
    for (const error of [
      new InvalidInputError('bad'),
      new LedgerError('disk full'),
      new RetryBudgetExhaustedError(),
    ]) {
      expect(classify({ action: 'add', error, hasServerIdempotency: true }).decision).toBe(
        'permanent',
      );
    }
  });

  it('fails a read for good on a programming error and calls such an add unknown', () => {
    for (const error of [new TypeError('fetch failed'), new Error('boom'), 'a string', undefined]) {
      expect(classify({ action: 'status', error, hasServerIdempotency: false }).decision).toBe(
        'permanent',
      );
      expect(classify({ action: 'add', error, hasServerIdempotency: true }).decision).toBe(
        'unknown',
      );
    }
  });

  it('does not trust an error that only looks like a transport error by its name', () => {
    const impostor = Object.assign(new Error('x'), {
      name: 'TransportError',
      sendState: 'not_sent',
    });
    expect(classify({ action: 'add', error: impostor, hasServerIdempotency: false }).decision).toBe(
      'unknown',
    );
  });

  it('recognises an error from another copy of the package by its code', () => {
    const otherCopy = Object.assign(new Error('refused'), {
      code: 'SMM_CONNECT_FAILED',
      sendState: 'not_sent',
    });
    expect(
      classify({ action: 'add', error: otherCopy, hasServerIdempotency: false }).decision,
    ).toBe('retry');
  });

  it('explains every verdict in words', () => {
    const verdict = classify({ action: 'add', error: maybeSent(), hasServerIdempotency: false });
    expect(verdict.reason).toMatch(/SMM_TIMEOUT/);
  });
});

describe('isOutcomeUnknown', () => {
  it('is true only for an unknown verdict', () => {
    expect(isOutcomeUnknown({ decision: 'unknown', reason: 'r' })).toBe(true);
    expect(isOutcomeUnknown({ decision: 'retry', reason: 'r' })).toBe(false);
    expect(isOutcomeUnknown({ decision: 'permanent', reason: 'r' })).toBe(false);
  });
});

describe('mayHaveBeenProcessed', () => {
  it('is true for failures after which the panel may hold the request', () => {
    for (const error of [
      maybeSent(),
      transportFailure('SMM_ABORTED', 'maybe_sent'),
      transportFailure('SMM_REDIRECT_REFUSED', 'answered'),
      unavailable('html', 502),
      invalidResponse(),
      new Error('a bug after sending'),
    ]) {
      expect(mayHaveBeenProcessed(error)).toBe(true);
    }
  });

  it('is false when the request certainly did not arrive or the panel said no', () => {
    for (const error of [
      transportFailure('SMM_CONNECT_FAILED', 'not_sent'),
      transportFailure('SMM_ABORTED', 'not_sent'),
      rateLimited(1000),
      rejected('funds'),
      rejected('transient'),
      rejected('unknown'),
      new InvalidInputError('bad'),
    ]) {
      expect(mayHaveBeenProcessed(error)).toBe(false);
    }
  });
});
