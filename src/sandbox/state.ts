import { InvalidInputError, InvalidOptionsError } from '../errors/input-errors.js';
import type { SandboxService } from './catalogue.js';
import type {
  SandboxFaultCounts,
  SandboxOrder,
  SandboxOrderStatus,
  SandboxOrphanInput,
  SandboxPurchases,
  SandboxRefill,
  SandboxRequestCounts,
} from './inspection-types.js';
import type { OrderRecord } from './internal/records.js';
import { formatExact, isDecimalString, toDecimal, zero } from './money.js';
import {
  type ResolvedSandboxOptions,
  resolveSandboxOptions,
  type SandboxOptions,
} from './options.js';
import { validateSandboxService } from './options-validation.js';
import { viewOrder, viewRefill } from './order-lifecycle.js';
import { PanelStore } from './panel-store.js';
import { placeOrder } from './place-order.js';

const FORCEABLE: ReadonlySet<SandboxOrderStatus> = new Set([
  'Pending',
  'In progress',
  'Active',
  'Completed',
  'Partial',
  'Canceled',
]);

// The server reaches the store through this map, so the public class shows no internals.
const storeAccess = new WeakMap<SandboxState, () => PanelStore>();

/** The store behind a state (it changes on `reset()`, so ask each time). */
export function storeOf(state: SandboxState): PanelStore {
  const access = storeAccess.get(state);
  if (access === undefined) throw new Error('Not a sandbox state');
  return access();
}

function tally(counts: Record<string, number>, name: string): void {
  counts[name] = (counts[name] ?? 0) + 1;
}

/**
 * The inspection and control API of a sandbox panel (`panel.state`): what was bought, what it
 * cost, what the panel was asked; and the levers tests need (balance, services, forced statuses,
 * forgotten orders, orphans). Every read first applies what the clock has done since the last.
 */
export class SandboxState {
  readonly #options: ResolvedSandboxOptions;
  #store: PanelStore;

  /** Use {@link createSandboxState} or `startSandboxPanel`. */
  constructor(options: ResolvedSandboxOptions) {
    this.#options = options;
    this.#store = new PanelStore(options);
    storeAccess.set(this, () => this.#store);
  }

  /** The balance, exact decimal string without trailing zeros (`"999.1"`). */
  balance(): string {
    this.#store.settle();
    return formatExact(this.#store.balance);
  }

  /** Sets the balance (a decimal string); throws `InvalidOptionsError` for another value. */
  setBalance(amount: string): void {
    if (!isDecimalString(amount))
      throw new InvalidOptionsError('balance', 'must be a decimal string');
    this.#store.settle();
    this.#store.balance = toDecimal(amount);
  }

  /** The catalogue as it stands. */
  services(): SandboxService[] {
    return [...this.#store.services.values()];
  }

  /** Adds a service, or replaces the one with the same id. */
  addService(service: SandboxService): void {
    validateSandboxService(service, 'service');
    this.#store.services.set(String(service.id), Object.freeze({ ...service }));
  }

  /** Every order the panel knows, ours and other users', by id. */
  orders(filter: { ownedByUs?: boolean } = {}): SandboxOrder[] {
    this.#store.settle();
    const all = [...this.#store.orders.values()].sort((a, b) => a.id - b.id);
    return all
      .filter(
        (order) =>
          filter.ownedByUs === undefined || (order.origin !== 'other_user') === filter.ownedByUs,
      )
      .map((order) => this.#snapshot(order));
  }

  /** One order, or `undefined` when the panel does not know the id. */
  order(id: string | number): SandboxOrder | undefined {
    this.#store.settle();
    const order = this.#store.orders.get(Number(id));
    return order === undefined ? undefined : this.#snapshot(order);
  }

  /** Every refill request. */
  refills(): SandboxRefill[] {
    const now = this.#store.now();
    return [...this.#store.refills.values()].map((refill) => ({
      id: String(refill.id),
      order: String(refill.orderId),
      status: viewRefill(refill, now),
      createdAt: refill.createdAt,
    }));
  }

  /** What was really bought with our key, and what it cost. */
  purchases(): SandboxPurchases {
    this.#store.settle();
    const byLink: Record<string, number> = {};
    const byIdempotencyKey: Record<string, number> = {};
    let orders = 0;
    let charged = zero();
    let refunded = zero();
    for (const order of this.#store.orders.values()) {
      if (order.origin === 'other_user') continue;
      orders += 1;
      charged = charged.plus(order.charge);
      refunded = refunded.plus(order.refunded);
      tally(byLink, order.target);
      if (order.idempotencyKey !== undefined) tally(byIdempotencyKey, order.idempotencyKey);
    }
    return {
      orders,
      totalCharged: formatExact(charged),
      totalRefunded: formatExact(refunded),
      byLink,
      byIdempotencyKey,
      idempotentReplays: this.#store.idempotentReplays,
    };
  }

  /** Requests that reached the panel, per action, faulted ones included. */
  requests(): SandboxRequestCounts {
    const byAction = Object.fromEntries(this.#store.requestCounts);
    const total = Object.values(byAction).reduce((sum, n) => sum + n, 0);
    return { total, byAction };
  }

  /** Faults injected so far, per kind and per action. */
  faultsInjected(): SandboxFaultCounts {
    const byKind: Record<string, number> = {};
    const byAction: Record<string, number> = {};
    for (const entry of this.#store.faultLog) {
      tally(byKind, entry.kind);
      tally(byAction, entry.action);
    }
    return { total: this.#store.faultLog.length, byKind, byAction, log: [...this.#store.faultLog] };
  }

  /**
   * Forces an order's status, with the refunds that status implies: `Completed` (remains 0),
   * `Partial` (remains default half the quantity) and `Canceled` (remains default what is left
   * now) refund `rate × remains / 1000`; forcing away from such a status takes the refund back.
   * Throws `InvalidInputError` for an unknown id or a remains outside 0..quantity.
   */
  forceOrderStatus(
    id: string | number,
    status: SandboxOrderStatus,
    options: { remains?: number } = {},
  ): SandboxOrder {
    this.#store.settle();
    const order = this.#store.orders.get(Number(id));
    if (order === undefined) throw new InvalidInputError(`No order ${String(id)} in the sandbox`);
    if (!FORCEABLE.has(status)) throw new InvalidInputError(`Cannot force status ${status}`);
    const current = viewOrder(order, this.#store.now());
    const remains = options.remains ?? this.#defaultRemains(order, status, current.remains);
    if (!Number.isSafeInteger(remains) || remains < 0 || remains > order.quantity) {
      throw new InvalidInputError(`remains must be a whole number from 0 to ${order.quantity}`);
    }
    order.forced = { status, remains };
    this.#store.touch(order.id);
    return this.#snapshot(order);
  }

  /** Forgets an order, so the panel answers `Incorrect order ID` for it. True if it existed. */
  removeOrder(id: string | number): boolean {
    const key = Number(id);
    const existed = this.#store.orders.delete(key);
    for (const [idempotencyKey, entry] of this.#store.idempotency) {
      if (entry.orderId === key) this.#store.idempotency.delete(idempotencyKey);
    }
    return existed;
  }

  /**
   * Creates one of our orders directly, as if placed outside any client (an orphan for the
   * reconciler to find). It is validated, charged and progresses like any order; a refusal
   * throws `InvalidInputError` with the panel's text.
   */
  createOrphanOrder(input: SandboxOrphanInput): SandboxOrder {
    const params = new Map<string, string>([['service', String(input.service)]]);
    if (input.link !== undefined) params.set('link', input.link);
    if (input.quantity !== undefined) params.set('quantity', String(input.quantity));
    for (const [name, value] of Object.entries(input.fields ?? {})) params.set(name, value);
    const result = placeOrder(this.#store, {
      params,
      idempotencyKey: input.idempotencyKey,
      origin: 'orphan',
    });
    if (!result.ok)
      throw new InvalidInputError(result.error, [{ path: '', message: result.error }]);
    return this.#snapshot(this.#store.orders.get(result.orderId) as OrderRecord);
  }

  /**
   * Back to the start: the starting balance and catalogue, no orders or refills, counters at
   * zero, the id sequence and seeds from the beginning. Fault rules and scripts are kept (clear
   * them with `panel.faults.clear()`).
   */
  reset(): void {
    this.#store = new PanelStore(this.#options);
  }

  #defaultRemains(order: OrderRecord, status: SandboxOrderStatus, current: number): number {
    if (status === 'Completed') return 0;
    if (status === 'Pending') return order.quantity;
    if (status === 'Partial') return Math.max(1, Math.floor(order.quantity / 2));
    return current;
  }

  #snapshot(order: OrderRecord): SandboxOrder {
    const view = viewOrder(order, this.#store.now());
    return {
      id: String(order.id),
      service: order.serviceId,
      link: order.target,
      quantity: order.quantity,
      charge: formatExact(order.charge),
      refunded: formatExact(order.refunded),
      status: view.status,
      remains: view.remains,
      startCount: view.startCount,
      idempotencyKey: order.idempotencyKey,
      createdAt: order.createdAt,
      ownedByUs: order.origin !== 'other_user',
      origin: order.origin,
      runs: order.runs,
      children: order.children.map(String),
      fields: order.fields,
    };
  }
}

/** A sandbox panel's state without a server, for tests that drive it directly. */
export function createSandboxState(options?: SandboxOptions): SandboxState {
  return new SandboxState(resolveSandboxOptions(options));
}
