import type { SandboxService } from './catalogue.js';
import { drawOtherUsersGap } from './id-sequence.js';
import type { OrderOrigin, OrderRecord, RefillRecord } from './internal/records.js';
import { type Decimal, perThousand, toDecimal } from './money.js';
import type { ResolvedSandboxOptions } from './options.js';
import { isTerminalStatus, viewOrder } from './order-lifecycle.js';
import { findOrderTypeRule } from './order-types.js';
import type { ValidOrder } from './order-validation.js';
import { createSeededRandom, deriveSeed, type RandomSource, randomInt } from './seeded-random.js';

/** Where a drip-feed child order points: its parent and which run it is. */
interface ChildLink {
  parentId: number;
  run: number;
}

/** What is needed to record an order besides the validated request. */
export interface NewOrderDetails {
  serviceId: number;
  origin: Exclude<OrderOrigin, 'other_user'>;
  fields: Readonly<Record<string, string>>;
  idempotencyKey: string | undefined;
}

/**
 * The whole mutable state of one sandbox panel: catalogue, balance, orders (ours and other
 * users'), refills, the idempotency table and the counters. Handlers and the inspection API both
 * work on it; progress is derived from the clock, and `settle()` applies what time has done
 * (refunds of Partial and Canceled orders, drip-feed children) before anything reads.
 */
export class PanelStore {
  readonly options: ResolvedSandboxOptions;
  services = new Map<string, SandboxService>();
  balance: Decimal;
  orders = new Map<number, OrderRecord>();
  childOrders = new Map<number, ChildLink>();
  refills = new Map<number, RefillRecord>();
  idempotency = new Map<string, { fingerprint: string; orderId: number }>();
  requestCounts = new Map<string, number>();
  faultLog: { action: string; kind: string; at: number }[] = [];
  idempotentReplays = 0;
  /** Fixed rate-limit windows per presented key. */
  rateWindows = new Map<string, { startedAt: number; count: number }>();
  private nextOrderId: number;
  private nextRefillId: number;
  private unsettled = new Set<number>();
  /**
   * Our order ids per service and target, so the duplicate-link check does not scan every
   * order.
   */
  private byTarget = new Map<string, number[]>();
  private otherUsersRandom: RandomSource;
  private outcomeRandom: RandomSource;
  private startCountRandom: RandomSource;

  constructor(options: ResolvedSandboxOptions) {
    this.options = options;
    this.balance = toDecimal(options.startingBalance);
    this.nextOrderId = options.firstOrderId;
    this.nextRefillId = options.firstRefillId;
    this.otherUsersRandom = createSeededRandom(deriveSeed(options.seed, 'other-users'));
    this.outcomeRandom = createSeededRandom(deriveSeed(options.seed, 'outcomes'));
    this.startCountRandom = createSeededRandom(deriveSeed(options.seed, 'start-counts'));
    for (const service of options.services) this.services.set(String(service.id), service);
  }

  /** The sandbox clock. */
  now(): number {
    return this.options.clock();
  }

  /** Applies what the clock has done since the last call: refunds and drip-feed children. */
  settle(): void {
    const now = this.now();
    for (const id of [...this.unsettled]) {
      const order = this.orders.get(id);
      if (order === undefined) {
        this.unsettled.delete(id);
        continue;
      }
      const view = viewOrder(order, now);
      // Other users' orders never touch our balance, even when a test forces their status.
      const owed = view.refundDue.minus(order.refunded);
      if (!owed.eq(0) && order.origin !== 'other_user') {
        this.balance = this.balance.plus(owed);
        order.refunded = view.refundDue;
      }
      while (order.children.length < view.runsStarted) {
        const childId = this.takeOurId();
        order.children.push(childId);
        this.childOrders.set(childId, { parentId: id, run: order.children.length - 1 });
      }
      if (view.isTerminal && order.children.length >= view.runsStarted) this.unsettled.delete(id);
    }
  }

  /** Marks an order as needing `settle()` again (after a cancel or a forced status). */
  touch(orderId: number): void {
    this.unsettled.add(orderId);
    this.settle();
  }

  /** Our active (not final) order for this service and target, if any. */
  findActiveDuplicate(serviceId: number, target: string): OrderRecord | undefined {
    const now = this.now();
    for (const id of this.byTarget.get(`${serviceId}\n${target}`) ?? []) {
      const order = this.orders.get(id);
      if (order !== undefined && !isTerminalStatus(viewOrder(order, now).status)) return order;
    }
    return undefined;
  }

  /** Records one of our orders and charges the balance. The caller has checked the funds. */
  insertOrder(valid: ValidOrder, details: NewOrderDetails): OrderRecord {
    const id = this.takeOurId();
    const service = this.services.get(String(details.serviceId));
    const order: OrderRecord = {
      id,
      origin: details.origin,
      serviceId: details.serviceId,
      target: valid.target,
      quantity: valid.quantity,
      perRunQuantity: valid.perRunQuantity,
      runs: valid.runs,
      intervalMinutes: valid.intervalMinutes,
      rate: toDecimal(service?.rate ?? '0'),
      charge: valid.charge,
      isPackage: valid.isPackage,
      isSubscription: valid.isSubscription,
      fields: details.fields,
      idempotencyKey: details.idempotencyKey,
      createdAt: this.now(),
      pendingMs: this.options.pendingMs,
      deliveryMs: this.options.deliveryMs,
      cancelDelayMs: this.options.cancelDelayMs,
      startCount: randomInt(this.startCountRandom, 0, 5000),
      deliverTarget: this.planDelivery(valid),
      cancel: undefined,
      forced: undefined,
      refunded: toDecimal(0),
      children: [],
    };
    this.orders.set(id, order);
    const targetKey = `${order.serviceId}\n${order.target}`;
    const sameTarget = this.byTarget.get(targetKey);
    if (sameTarget === undefined) this.byTarget.set(targetKey, [id]);
    else sameTarget.push(id);
    this.balance = this.balance.minus(order.charge);
    this.unsettled.add(id);
    return order;
  }

  /** Records a refill request for an order and returns its id. */
  insertRefill(orderId: number): RefillRecord {
    const refill = {
      id: this.nextRefillId++,
      orderId,
      createdAt: this.now(),
      durationMs: this.options.refillMs,
    };
    this.refills.set(refill.id, refill);
    return refill;
  }

  /** Adds one to a named counter. */
  count(counter: Map<string, number>, name: string): void {
    counter.set(name, (counter.get(name) ?? 0) + 1);
  }

  private planDelivery(valid: ValidOrder): number {
    const fraction = this.options.partialFraction;
    // Draw for every order, so the outcomes of later orders do not depend on earlier types.
    const roll = this.outcomeRandom();
    const share = this.outcomeRandom();
    if (valid.isPackage || valid.quantity < 2 || roll >= fraction) return valid.quantity;
    const delivered = Math.floor(valid.quantity * (0.1 + 0.8 * share));
    return Math.min(valid.quantity - 1, Math.max(1, delivered));
  }

  /** The next id for us, after the ids other users take in between. */
  private takeOurId(): number {
    const gap = drawOtherUsersGap(this.otherUsersRandom, this.options.otherUsersOrderRate);
    for (let i = 0; i < gap; i++) this.insertOtherUsersOrder(this.nextOrderId++);
    return this.nextOrderId++;
  }

  private insertOtherUsersOrder(id: number): void {
    const services = [...this.services.values()];
    const service = services[randomInt(this.otherUsersRandom, 0, services.length - 1)];
    if (service === undefined) return;
    const isPackage = findOrderTypeRule(service.type)?.quantity.from === 'package';
    const quantity = isPackage
      ? 1
      : randomInt(this.otherUsersRandom, service.min, Math.min(service.max, service.min * 20));
    const rate = toDecimal(service.rate);
    this.orders.set(id, {
      id,
      origin: 'other_user',
      serviceId: service.id,
      target: `https://example.test/someone-else/${id}`,
      quantity,
      perRunQuantity: quantity,
      runs: undefined,
      intervalMinutes: undefined,
      rate,
      charge: isPackage ? rate : perThousand(rate, quantity),
      isPackage,
      isSubscription: false,
      fields: {},
      idempotencyKey: undefined,
      createdAt: this.now(),
      pendingMs: this.options.pendingMs,
      deliveryMs: this.options.deliveryMs,
      cancelDelayMs: this.options.cancelDelayMs,
      startCount: randomInt(this.startCountRandom, 0, 5000),
      deliverTarget: quantity,
      cancel: undefined,
      forced: undefined,
      refunded: toDecimal(0),
      children: [],
    });
  }
}
