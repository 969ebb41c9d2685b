import type { PanelAction } from '../api/actions.js';
import type { AnswerShape, ShapeResult } from '../api/answer-shapes.js';
import { type DecodeOptions, decodeAnswer } from '../api/decode-answer.js';
import type { SendState } from '../errors/send-state.js';
import type { EventHub } from '../observe/event-hub.js';
import type { RetryBudget } from '../retry/retry-budget.js';
import type { RetryPolicy } from '../retry/retry-policy.js';
import { runWithRetry } from '../retry/run-with-retry.js';
import type { Transport } from '../transport/transport.js';
import type { PanelProfile } from './panel-profile.js';

/** What one attempt needs beyond the request itself. */
export interface SendOnceOptions {
  signal?: AbortSignal;
  /** Time left for this attempt (ms). */
  timeoutMs?: number;
  /** Extra headers, such as an idempotency key. */
  headers?: Readonly<Record<string, string>>;
  /** The attempt number within its call, for events. Default: 1. */
  attempt?: number;
  /** The order's key, for events. */
  idempotencyKey?: string;
}

/** Everything the executor is built from; the client owns it. */
export interface RequestExecutorDeps {
  profile: PanelProfile;
  transport: Transport;
  policy: RetryPolicy;
  budget: RetryBudget;
  now: () => number;
  random: () => number;
  dangerouslyRetryAmbiguousOrders: boolean;
  /** Where request, response, retry and give-up events go. */
  events: EventHub;
}

/**
 * Sends one action to the panel and decodes its answer: the single place every request
 * passes through, so that encoding, redaction and retries are the same for every method.
 */
export class RequestExecutor {
  readonly #deps: RequestExecutorDeps;
  readonly #clock: { now(): number };
  // The same for every answer of this client: built once, not per call.
  readonly #decodeOptions: DecodeOptions;

  constructor(deps: RequestExecutorDeps) {
    this.#deps = deps;
    this.#clock = { now: deps.now };
    this.#decodeOptions = Object.freeze({
      errorRules: deps.profile.errorTexts,
      secrets: Object.freeze([deps.profile.apiKey]),
      now: deps.now,
    });
  }

  /** One attempt, no retry: the answer decoded, or the error that explains why not. */
  async sendOnce<S extends AnswerShape>(
    shape: S,
    action: PanelAction,
    fields: Readonly<Record<string, string>>,
    options: SendOnceOptions = {},
  ): Promise<ShapeResult[S]> {
    const { events } = this.#deps;
    const attempt = options.attempt ?? 1;
    const observed = events.has('request') || events.has('response');
    const startedAt = observed ? this.#deps.now() : 0;
    if (observed) {
      events.emit('request', { action, attempt, idempotencyKey: options.idempotencyKey });
    }

    const response = await this.#send(action, fields, options, startedAt, observed);
    if (observed) {
      events.emit('response', {
        action,
        attempt,
        idempotencyKey: options.idempotencyKey,
        durationMs: this.#deps.now() - startedAt,
        httpStatus: response.status,
        sendState: 'answered',
      });
    }

    const decoded = decodeAnswer(shape, response, this.#decodeOptions);
    if (decoded.kind === 'ok') return decoded.value;
    throw decoded.error;
  }

  async #send(
    action: PanelAction,
    fields: Readonly<Record<string, string>>,
    options: SendOnceOptions,
    startedAt: number,
    observed: boolean,
  ) {
    const { profile, transport, events } = this.#deps;
    try {
      return await transport.send({
        url: profile.url,
        action,
        // Spread first: no field (a stored intent's parameters, say) can replace the key or
        // the action.
        form: { ...fields, key: profile.apiKey, action },
        encoding: profile.encoding,
        headers: options.headers,
        signal: options.signal,
        timeoutMs: options.timeoutMs,
      });
    } catch (error) {
      if (observed) {
        const facts = error as { code?: string; sendState?: SendState; httpStatus?: number };
        events.emit('response', {
          action,
          attempt: options.attempt ?? 1,
          idempotencyKey: options.idempotencyKey,
          durationMs: this.#deps.now() - startedAt,
          httpStatus: facts.httpStatus,
          sendState: facts.sendState ?? 'maybe_sent',
          errorCode: facts.code,
        });
      }
      throw error;
    }
  }

  /** Sends a read (or any action) under the retry policy. */
  call<S extends AnswerShape>(
    shape: S,
    action: PanelAction,
    fields: Readonly<Record<string, string>>,
    options: { signal?: AbortSignal } = {},
  ): Promise<ShapeResult[S]> {
    return this.withRetry(
      action,
      (attempt) =>
        this.sendOnce(shape, action, fields, {
          signal: attempt.signal,
          timeoutMs: attempt.timeoutMs,
          attempt: attempt.attempt,
        }),
      options.signal,
    );
  }

  /** Runs `attempt` under the client's retry policy, budget and clock. */
  withRetry<T>(
    action: PanelAction,
    attempt: (context: { attempt: number; timeoutMs: number; signal?: AbortSignal }) => Promise<T>,
    signal?: AbortSignal,
  ): Promise<T> {
    const deps = this.#deps;
    // Only `add` carries the idempotency key, so only `add` is deduplicated by the panel; and
    // the escape hatch is about orders. A `refill` or `cancel` that may have been processed is
    // never sent again: a second one would be refused and hide that the first went through.
    const isAdd = action === 'add';
    return runWithRetry(attempt, {
      action,
      hasServerIdempotency: isAdd && deps.profile.hasServerIdempotency,
      dangerouslyRetryAmbiguousOrders: isAdd && deps.dangerouslyRetryAmbiguousOrders,
      policy: deps.policy,
      budget: deps.budget,
      signal,
      clock: this.#clock,
      random: deps.random,
      onRetry: (info) =>
        deps.events.emit('retry', {
          action,
          attempt: info.attempt,
          delayMs: info.delayMs,
          errorCode: codeOf(info.error),
          reason: info.verdict.reason,
        }),
      onGiveUp: (info) =>
        deps.events.emit('giveUp', {
          action,
          attempt: info.attempt,
          errorCode: codeOf(info.error),
          stopReason: info.stopReason,
        }),
    });
  }
}

function codeOf(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | undefined)?.code;
  return typeof code === 'string' ? code : undefined;
}
