import { encodeOrderInput } from '../api/order-input.js';
import type { OrderInput } from '../api/order-input-types.js';
import type { PanelId } from '../api/results.js';
import { isPanelRejectedError } from '../errors/guards.js';
import {
  IdempotencyConflictError,
  IntentLockedError,
  IntentRejectedError,
  OrderOutcomeUnknownError,
} from '../errors/order-errors.js';
import { fingerprintOrder } from '../idempotency/fingerprint.js';
import { generateIdempotencyKey, validateIdempotencyKey } from '../idempotency/idempotency-key.js';
import type { Ledger, LedgerEntry } from '../ledger/ledger.js';
import type { EventHub } from '../observe/event-hub.js';
import { classify, mayHaveBeenProcessed } from '../retry/classify.js';
import { describeAttempt } from './attempt-facts.js';
import type { CallOptions, OrderOptions } from './client-options.js';
import { reviewEarlierAttempts } from './earlier-attempts.js';
import { holdKey } from './in-flight-keys.js';
import type { PanelProfile } from './panel-profile.js';
import type { RequestExecutor } from './request-executor.js';

/** What `order()` resolves with. */
export interface OrderResult {
  /** The panel's order id, exact. */
  orderId: PanelId;
  /** The key the intent is recorded under. */
  idempotencyKey: string;
  /** True when the ledger already held this order and nothing was sent. */
  isReplay: boolean;
  /** The ledger entry after this call. */
  entry: LedgerEntry;
}

/** What the order path needs from the client. */
export interface OrderPathDeps {
  profile: PanelProfile;
  panel: string;
  ledger: Ledger;
  events: EventHub;
  executor: RequestExecutor;
  workerId: string;
  leaseMs: number;
  now: () => number;
  dangerouslyRetryAmbiguousOrders: boolean;
  expectedCharge: (params: Readonly<Record<string, string>>) => string | undefined;
}

/**
 * Places one order safely: the one place every `add` goes through.
 *
 * 1. validate the input and the key, fingerprint the parameters;
 * 2. claim the intent in the ledger (durable before any byte leaves);
 * 3. send under the retry policy, recording each attempt before and after it;
 * 4. settle: placed, rejected, or unknown — durable before the caller sees the answer.
 */
export async function placeOrder(
  deps: OrderPathDeps,
  input: OrderInput,
  options: OrderOptions = {},
): Promise<OrderResult> {
  const params = encodeOrderInput(input);
  // Only a missing key is generated: a null from parsed JSON is a caller's mistake, and a
  // random key in its place would make every retry a new order.
  const key =
    options.idempotencyKey === undefined ? generateIdempotencyKey() : options.idempotencyKey;
  validateIdempotencyKey(key);
  return claimAndSend(deps, key, params, {
    expectedCharge: options.expectedCharge,
    signal: options.signal,
    resendNotPlaced: options.resendNotPlaced === true,
  });
}

/** How one claim-and-send runs. */
interface SendOptions {
  expectedCharge: string | undefined;
  signal: AbortSignal | undefined;
  resendNotPlaced: boolean;
}

/**
 * Sends an intent the ledger holds again, under its key and stored parameters (see
 * `PanelClient.resendStoredOrder`). The claim decides as for a new order: placed returns the
 * stored order; unknown is claimed again only on a panel that deduplicates by key.
 */
export async function resendStoredIntent(
  deps: OrderPathDeps,
  stored: LedgerEntry,
  options: CallOptions = {},
): Promise<OrderResult> {
  return claimAndSend(
    deps,
    stored.key,
    { ...stored.params },
    {
      expectedCharge: stored.expectedCharge,
      signal: options.signal,
      resendNotPlaced: false,
    },
  );
}

/**
 * Claims the intent and sends it, with the key held in this process for the whole call (see
 * `holdKey`): the hold is taken before the first `await`, so a concurrent call with the same
 * key is refused before it can claim, and released however the call ends.
 */
async function claimAndSend(
  deps: OrderPathDeps,
  key: string,
  params: Record<string, string>,
  options: SendOptions,
): Promise<OrderResult> {
  const release = holdKey(deps.ledger, key, {
    fingerprint: fingerprintOrder(params),
    expiresAt: deps.now() + deps.leaseMs,
  });
  try {
    // The attempts of an intent the reconciler proved was never placed are settled facts.
    const before = options.resendNotPlaced ? await deps.ledger.get(key) : undefined;
    const judgedAttempts = before?.state === 'not_placed' ? before.attempts.length : 0;
    const entry = await claimIntent(deps, key, params, options);
    if (entry.state === 'placed' && entry.orderId !== undefined) {
      return { orderId: entry.orderId, idempotencyKey: key, isReplay: true, entry };
    }
    return await sendClaimedIntent(deps, entry, options.signal, judgedAttempts);
  } finally {
    release();
  }
}

async function claimIntent(
  deps: OrderPathDeps,
  key: string,
  params: Record<string, string>,
  options: SendOptions,
): Promise<LedgerEntry> {
  const charge = options.expectedCharge ?? deps.expectedCharge(params);
  const claim = await deps.ledger.claim(
    {
      key,
      fingerprint: fingerprintOrder(params),
      panel: deps.panel,
      params,
      ...(charge === undefined ? {} : { expectedCharge: charge }),
    },
    {
      owner: deps.workerId,
      leaseMs: deps.leaseMs,
      now: deps.now(),
      // Resending an unknown order is safe only when the panel returns the first one.
      allowReplayUnknown: deps.profile.hasServerIdempotency,
      allowResendNotPlaced: options.resendNotPlaced,
    },
  );

  switch (claim.kind) {
    case 'claimed':
    case 'placed':
      return claim.entry;
    case 'conflict':
      throw new IdempotencyConflictError(key);
    case 'locked':
      throw new IntentLockedError(key, claim.entry.lease?.expiresAt ?? deps.now());
    case 'rejected':
      throw new IntentRejectedError(key, claim.entry.rejection?.message ?? 'rejected');
    case 'unknown':
      throw new OrderOutcomeUnknownError(key, 'an earlier attempt may have placed it');
    case 'not_placed':
      throw new OrderOutcomeUnknownError(
        key,
        'the reconciler found it was never placed; pass resendNotPlaced to send it again',
      );
  }
}

async function sendClaimedIntent(
  deps: OrderPathDeps,
  entry: LedgerEntry,
  signal: AbortSignal | undefined,
  judgedAttempts = 0,
): Promise<OrderResult> {
  const { ledger, executor, workerId, profile } = deps;
  const key = entry.key;

  // A pending intent with attempts was left by a worker that stopped before settling it
  // (killed, or its lease ran out). What it recorded decides: an answered order is settled
  // as placed, never sent again; one that may have reached the panel is resent only if the
  // panel deduplicates by key; a refusal stays a refusal. Attempts the reconciler already
  // judged (an intent it settled as not_placed) are not reviewed again.
  const earlier = reviewEarlierAttempts(entry.attempts.slice(judgedAttempts));
  if (earlier.kind === 'placed') {
    const settled = await ledger.settle(
      key,
      workerId,
      { state: 'placed', orderId: earlier.orderId },
      deps.now(),
    );
    return { orderId: earlier.orderId, idempotencyKey: key, isReplay: true, entry: settled };
  }
  if (earlier.kind === 'rejected') {
    const { errorClass, message } = earlier;
    await ledger.settle(key, workerId, { state: 'rejected', errorClass, message }, deps.now());
    throw new IntentRejectedError(key, message);
  }
  const interrupted = earlier.kind === 'ambiguous';
  if (interrupted && !profile.hasServerIdempotency) {
    await ledger.settle(
      key,
      workerId,
      { state: 'unknown', reason: 'worker_interrupted' },
      deps.now(),
    );
    deps.events.emit('outcomeUnknown', { idempotencyKey: key, reason: 'worker_interrupted' });
    throw new OrderOutcomeUnknownError(key, 'a previous worker stopped while sending it');
  }

  let attemptNumber = entry.attempts.length;
  let maybeProcessed = interrupted;
  const headers = idempotencyHeaders(profile, key);
  const fields = idempotencyFields(profile, key, entry.params);

  try {
    const placed = await executor.withRetry(
      'add',
      async (context) => {
        attemptNumber += 1;
        const startedAt = deps.now();
        await ledger.recordAttempt(key, workerId, { attempt: attemptNumber, startedAt });
        let answer: { order: PanelId };
        try {
          answer = await executor.sendOnce('add', 'add', fields, {
            signal: context.signal,
            timeoutMs: context.timeoutMs,
            headers,
            attempt: attemptNumber,
            idempotencyKey: key,
          });
        } catch (error) {
          if (mayHaveBeenProcessed(error)) maybeProcessed = true;
          await ledger.recordAttempt(key, workerId, {
            attempt: attemptNumber,
            startedAt,
            endedAt: deps.now(),
            ...describeAttempt(error),
          });
          throw error;
        }
        // The order exists from here on: if recording it fails, it must not be released.
        maybeProcessed = true;
        await ledger.recordAttempt(key, workerId, {
          attempt: attemptNumber,
          startedAt,
          endedAt: deps.now(),
          sendState: 'answered',
          orderId: answer.order,
        });
        return answer;
      },
      signal,
    );
    const settled = await ledger.settle(
      key,
      workerId,
      { state: 'placed', orderId: placed.order },
      deps.now(),
    );
    return { orderId: placed.order, idempotencyKey: key, isReplay: false, entry: settled };
  } catch (error) {
    throw await settleFailure(deps, key, error, maybeProcessed);
  }
}

/** Records how a failed order ends and returns the error the caller should see. */
async function settleFailure(
  deps: OrderPathDeps,
  key: string,
  error: unknown,
  maybeProcessed: boolean,
): Promise<unknown> {
  const { ledger, workerId } = deps;
  const verdict = classify({
    action: 'add',
    error,
    hasServerIdempotency: deps.profile.hasServerIdempotency,
    dangerouslyRetryAmbiguousOrders: deps.dangerouslyRetryAmbiguousOrders,
  });

  if (maybeProcessed || verdict.decision === 'unknown') {
    await ledger.settle(key, workerId, { state: 'unknown', reason: verdict.reason }, deps.now());
    deps.events.emit('outcomeUnknown', { idempotencyKey: key, reason: verdict.reason });
    return new OrderOutcomeUnknownError(key, verdict.reason, { cause: error });
  }
  if (isPanelRejectedError(error) && verdict.decision === 'permanent') {
    await ledger.settle(
      key,
      workerId,
      { state: 'rejected', errorClass: error.errorClass, message: error.panelMessage },
      deps.now(),
    );
    return error;
  }
  // Nothing reached the panel, or the panel said it processed nothing (rate limit, "try
  // again", a deadline or abort before sending): the intent stays pending and the same key
  // may be sent again at once.
  await ledger.release(key, workerId);
  return error;
}

function idempotencyHeaders(
  profile: PanelProfile,
  key: string,
): Record<string, string> | undefined {
  return profile.idempotency.mode === 'header' ? { [profile.idempotency.name]: key } : undefined;
}

function idempotencyFields(
  profile: PanelProfile,
  key: string,
  params: Readonly<Record<string, string>>,
): Readonly<Record<string, string>> {
  return profile.idempotency.mode === 'form_field'
    ? { ...params, [profile.idempotency.name]: key }
    : params;
}
