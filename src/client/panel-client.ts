import { hostname } from 'node:os';
import type { OrderInput } from '../api/order-input-types.js';
import type {
  Balance,
  CancelItem,
  OrderState,
  OrderStateItem,
  PanelId,
  RefillItem,
  RefillStatus,
  RefillStatusItem,
  Service,
} from '../api/results.js';
import { InvalidInputError, InvalidOptionsError } from '../errors/input-errors.js';
import { PanelRejectedError } from '../errors/panel-errors.js';
import type { Ledger } from '../ledger/ledger.js';
import { createMemoryLedger } from '../ledger/memory-ledger.js';
import type {
  ClientEventListener,
  ClientEventName,
  ReconcileProgressEvent,
} from '../observe/client-events.js';
import { EventHub } from '../observe/event-hub.js';
import { observeLedger } from '../observe/observed-ledger.js';
import { attachLogging, resolveLogger } from '../observe/sdk-logger.js';
import { RetryBudget } from '../retry/retry-budget.js';
import { resolveRetryPolicy } from '../retry/retry-policy.js';
import type { Transport } from '../transport/transport.js';
import { createUndiciTransport } from '../transport/undici-transport.js';
import { BatchRunner } from './batch-runner.js';
import {
  type CallOptions,
  CLIENT_DEFAULTS,
  type OrderOptions,
  type PanelClientOptions,
} from './client-options.js';
import { expectedChargeFor } from './expected-charge.js';
import { toIdList, toPanelId } from './ids.js';
import {
  type OrderPathDeps,
  type OrderResult,
  placeOrder,
  resendStoredIntent,
} from './order-path.js';
import { definePanelProfile, type PanelProfile, panelLabel } from './panel-profile.js';
import { RequestExecutor } from './request-executor.js';

/**
 * A typed client for one SMM panel: one method per action of the API, and an order path that
 * never pays twice (see `order`).
 *
 * @example
 * const client = new PanelClient({ profile: { url: 'https://panel.example/api/v2', apiKey } });
 * const { orderId } = await client.order({ service: 1, link: 'https://x.test/p', quantity: 100 });
 */
export class PanelClient {
  /** The validated profile of the panel this client talks to. */
  readonly profile: PanelProfile;
  /** Where this client records order intents. */
  readonly ledger: Ledger;

  readonly #transport: Transport;
  readonly #ownsTransport: boolean;
  readonly #executor: RequestExecutor;
  readonly #batches: BatchRunner;
  readonly #workerId: string;
  readonly #leaseMs: number;
  readonly #now: () => number;
  readonly #catalogue = new Map<PanelId, Service>();
  readonly #orderPath: OrderPathDeps;
  readonly #events: EventHub;
  /** The ledger as the order path writes to it: every write also emits `ledgerWrite`. */
  readonly #observedLedger: Ledger;

  constructor(options: PanelClientOptions) {
    if (options === undefined || options === null || options.profile === undefined) {
      throw new InvalidOptionsError('profile', 'is required');
    }
    this.profile = isResolvedProfile(options.profile)
      ? options.profile
      : definePanelProfile(options.profile);
    this.ledger = options.ledger ?? createMemoryLedger();
    this.#events = new EventHub();
    this.#observedLedger = observeLedger(this.ledger, this.#events);
    const logger = resolveLogger(options);
    if (logger !== undefined) attachLogging(this.#events, logger, [this.profile.apiKey]);
    this.#ownsTransport = options.transport === undefined;
    this.#transport = options.transport ?? createUndiciTransport(options.transportOptions);
    this.#now = options.now ?? Date.now;
    this.#workerId = options.workerId ?? defaultWorkerId();
    this.#leaseMs = positiveInteger('leaseMs', options.leaseMs ?? CLIENT_DEFAULTS.leaseMs);

    const policy = resolveRetryPolicy(options.retry);
    this.#executor = new RequestExecutor({
      profile: this.profile,
      transport: this.#transport,
      policy,
      budget: new RetryBudget(options.retryBudget),
      now: this.#now,
      random: options.random ?? Math.random,
      dangerouslyRetryAmbiguousOrders: options.dangerouslyRetryAmbiguousOrders ?? false,
      events: this.#events,
    });
    const concurrency = positiveInteger(
      'batchConcurrency',
      options.batchConcurrency ?? CLIENT_DEFAULTS.batchConcurrency,
    );
    this.#batches = new BatchRunner(this.#executor, this.profile.batchLimit, concurrency);

    // Built once: every order goes through the same path with the same collaborators.
    this.#orderPath = {
      profile: this.profile,
      panel: panelLabel(this.profile),
      ledger: this.#observedLedger,
      events: this.#events,
      executor: this.#executor,
      workerId: this.#workerId,
      leaseMs: this.#leaseMs,
      now: this.#now,
      dangerouslyRetryAmbiguousOrders: options.dangerouslyRetryAmbiguousOrders ?? false,
      expectedCharge: (params) => {
        const service =
          params.service === undefined ? undefined : this.#catalogue.get(params.service);
        return service === undefined ? undefined : expectedChargeFor(service, params);
      },
    };
  }

  /**
   * Listens to one of the SDK's events (`request`, `response`, `retry`, `giveUp`,
   * `outcomeUnknown`, `ledgerWrite`, `reconcileProgress`), for metrics and tracing. Listeners
   * receive frozen copies and cannot change an intent; an exception they throw is ignored.
   * Returns a function that removes the listener.
   */
  on<E extends ClientEventName>(event: E, listener: ClientEventListener<E>): () => void {
    return this.#events.on(event, listener);
  }

  /** Removes a listener added with `on`. */
  off<E extends ClientEventName>(event: E, listener: ClientEventListener<E>): void {
    this.#events.off(event, listener);
  }

  /**
   * Emits a `reconcileProgress` event to this client's listeners. Called by the reconciler;
   * listeners and logging see reconcile runs through the client they use.
   */
  reportReconcileProgress(progress: ReconcileProgressEvent): void {
    this.#events.emit('reconcileProgress', progress);
  }

  /** The service catalogue. Also remembers rates, so orders record their expected charge. */
  async services(options: CallOptions = {}): Promise<Service[]> {
    const services = await this.#executor.call('services', 'services', {}, options);
    this.#catalogue.clear();
    for (const service of services) this.#catalogue.set(service.id, service);
    return services;
  }

  /** The account balance and its currency. */
  balance(options: CallOptions = {}): Promise<Balance> {
    return this.#executor.call('balance', 'balance', {}, options);
  }

  /**
   * Places one order, at most once per idempotency key.
   *
   * The input is validated for its order type before anything is sent. The intent is
   * recorded in the ledger before the request leaves, and the outcome before this resolves.
   * The same key again returns the stored order without any network. When the panel may
   * have placed the order but no trustworthy answer came back, this throws
   * `OrderOutcomeUnknownError` carrying the key: reconcile before ordering again.
   */
  order(input: OrderInput, options: OrderOptions = {}): Promise<OrderResult> {
    return placeOrder(this.#orderPath, input, options);
  }

  /**
   * Sends an intent the ledger already holds again, under its own key and with its stored
   * parameters. For the reconciler, on a panel that deduplicates by key: an `unknown` intent
   * is claimed again and resent, and the panel answers with the order the first request
   * created (or creates it now, if that request never arrived). On a panel that does not
   * deduplicate, an `unknown` intent is refused with `OrderOutcomeUnknownError`, as in
   * `order()`; a placed one resolves with its stored order. Throws `InvalidInputError` when
   * the ledger holds no intent under `key`.
   */
  async resendStoredOrder(key: string, options: CallOptions = {}): Promise<OrderResult> {
    const entry = await this.ledger.get(key);
    if (entry === undefined) {
      throw new InvalidInputError(`The ledger holds no intent under key ${key}`, [
        { path: 'key', message: 'not in the ledger' },
      ]);
    }
    return resendStoredIntent(this.#orderPath, entry, options);
  }

  // The id methods are `async` so that a bad id rejects the promise like every other failure,
  // instead of throwing before a promise exists (which `.catch` would never see).

  /** The state of one order. Throws `PanelRejectedError` (`not_found`) for an unknown id. */
  status(id: PanelId | number, options?: CallOptions): Promise<OrderState>;
  /** The states of any number of orders, in calls of at most `batchLimit` ids. */
  status(
    ids: readonly (PanelId | number)[],
    options?: CallOptions,
  ): Promise<Map<PanelId, OrderStateItem>>;
  async status(
    idOrIds: PanelId | number | readonly (PanelId | number)[],
    options: CallOptions = {},
  ): Promise<OrderState | Map<PanelId, OrderStateItem>> {
    if (Array.isArray(idOrIds)) {
      return this.#batches.run(
        'status_many',
        'status',
        'orders',
        toIdList(idOrIds, 'ids'),
        options,
      );
    }
    const id = toPanelId(idOrIds as PanelId | number, 'id');
    return this.#executor.call('status', 'status', { order: id }, options);
  }

  /** Asks for a refill of one order; resolves with the refill id. */
  refill(id: PanelId | number, options?: CallOptions): Promise<{ refill: PanelId }>;
  /** Asks for refills of many orders; per-order refusals are items, not failures. */
  refill(
    ids: readonly (PanelId | number)[],
    options?: CallOptions,
  ): Promise<Map<PanelId, RefillItem>>;
  async refill(
    idOrIds: PanelId | number | readonly (PanelId | number)[],
    options: CallOptions = {},
  ): Promise<{ refill: PanelId } | Map<PanelId, RefillItem>> {
    if (Array.isArray(idOrIds)) {
      return this.#batches.run(
        'refill_many',
        'refill',
        'orders',
        toIdList(idOrIds, 'ids'),
        options,
      );
    }
    const id = toPanelId(idOrIds as PanelId | number, 'id');
    return this.#executor.call('refill', 'refill', { order: id }, options);
  }

  /** The status of one refill. */
  refillStatus(
    id: PanelId | number,
    options?: CallOptions,
  ): Promise<{ status: RefillStatus; rawStatus: string }>;
  /** The statuses of many refills. */
  refillStatus(
    ids: readonly (PanelId | number)[],
    options?: CallOptions,
  ): Promise<Map<PanelId, RefillStatusItem>>;
  async refillStatus(
    idOrIds: PanelId | number | readonly (PanelId | number)[],
    options: CallOptions = {},
  ): Promise<{ status: RefillStatus; rawStatus: string } | Map<PanelId, RefillStatusItem>> {
    if (Array.isArray(idOrIds)) {
      const ids = toIdList(idOrIds, 'ids');
      return this.#batches.run('refill_status_many', 'refill_status', 'refills', ids, options);
    }
    const id = toPanelId(idOrIds as PanelId | number, 'id');
    return this.#executor.call('refill_status', 'refill_status', { refill: id }, options);
  }

  /**
   * Asks the panel to cancel one order. Resolves when the panel accepted the request; the
   * cancel itself shows later in `status`. Throws `PanelRejectedError` when refused.
   */
  cancel(id: PanelId | number, options?: CallOptions): Promise<{ accepted: true }>;
  /** Asks the panel to cancel many orders; per-order refusals are items, not failures. */
  cancel(
    ids: readonly (PanelId | number)[],
    options?: CallOptions,
  ): Promise<Map<PanelId, CancelItem>>;
  async cancel(
    idOrIds: PanelId | number | readonly (PanelId | number)[],
    options: CallOptions = {},
  ): Promise<{ accepted: true } | Map<PanelId, CancelItem>> {
    if (Array.isArray(idOrIds)) {
      return this.#batches.run(
        'cancel_many',
        'cancel',
        'orders',
        toIdList(idOrIds, 'ids'),
        options,
      );
    }
    // Most panels cancel only through `orders`, so one id travels as a batch of one.
    const id = toPanelId(idOrIds as PanelId | number, 'id');
    const items = await this.#batches.run('cancel_many', 'cancel', 'orders', [id], options);
    const item = items.get(id);
    if (item?.ok) return { accepted: true };
    throw new PanelRejectedError({
      action: 'cancel',
      httpStatus: 200,
      errorClass: item?.errorClass ?? 'unknown',
      panelMessage: item?.message ?? 'the panel did not answer for this order',
    });
  }

  /** Closes the connections this client opened. The ledger is the caller's to close. */
  async close(): Promise<void> {
    if (this.#ownsTransport) await this.#transport.close();
  }
}

function isResolvedProfile(profile: PanelClientOptions['profile']): profile is PanelProfile {
  return typeof (profile as PanelProfile).hasServerIdempotency === 'boolean';
}

function positiveInteger(option: string, value: number): number {
  if (!Number.isInteger(value) || value < 1) {
    throw new InvalidOptionsError(option, 'must be a positive integer');
  }
  return value;
}

function defaultWorkerId(): string {
  return `${hostname()}:${process.pid}:${Math.random().toString(36).slice(2, 10)}`;
}
