import type { OrderRecord, RefillRecord, SandboxOrderStatus } from './internal/records.js';
import { type Decimal, perThousand, zero } from './money.js';

/** What an order looks like at one moment. */
export interface OrderView {
  status: SandboxOrderStatus;
  /** Units not delivered. */
  remains: number;
  delivered: number;
  /** 0 while the order has not started, as panels answer. */
  startCount: number;
  isTerminal: boolean;
  /** The refund the order is owed in total at this moment (Partial and Canceled remains). */
  refundDue: Decimal;
  /** Drip-feed runs started so far (0 for other orders). */
  runsStarted: number;
}

const TERMINAL: ReadonlySet<SandboxOrderStatus> = new Set(['Completed', 'Partial', 'Canceled']);

/** Whether a status is final. */
export function isTerminalStatus(status: SandboxOrderStatus): boolean {
  return TERMINAL.has(status);
}

/** The refund for undelivered units: `rate × remains / 1000`, or the whole price of a package. */
export function refundFor(order: OrderRecord, remains: number): Decimal {
  if (remains <= 0) return zero();
  return order.isPackage ? order.charge : perThousand(order.rate, remains);
}

function runsStarted(order: OrderRecord, now: number, start: number): number {
  const runs = order.runs;
  if (runs === undefined || now < start) return 0;
  if (order.deliveryMs === 0) return runs;
  return Math.min(runs, Math.floor(((now - start) * runs) / order.deliveryMs) + 1);
}

function view(
  order: OrderRecord,
  status: SandboxOrderStatus,
  remains: number,
  runs: number,
): OrderView {
  const isTerminal = isTerminalStatus(status);
  const owesRefund = status === 'Partial' || status === 'Canceled';
  return {
    status,
    remains,
    delivered: order.quantity - remains,
    startCount: status === 'Pending' ? 0 : order.startCount,
    isTerminal,
    refundDue: owesRefund ? refundFor(order, remains) : zero(),
    runsStarted: runs,
  };
}

/**
 * The order as the clock makes it, ignoring a cancel or a forced status. Drip-feed runs are
 * spread evenly over `deliveryMs`: the `interval` asked for is kept but not waited for, so a demo
 * ends in seconds rather than hours.
 */
function naturalView(order: OrderRecord, now: number): OrderView {
  const start = order.createdAt + order.pendingMs;
  const end = start + order.deliveryMs;
  const runs = runsStarted(order, now, start);
  if (now < start) return view(order, 'Pending', order.quantity, runs);
  if (now < end) {
    // Delivery is linear in time towards the planned amount; a Partial order stops short of it.
    const delivered = Math.floor((order.deliverTarget * (now - start)) / order.deliveryMs);
    return view(
      order,
      order.isSubscription ? 'Active' : 'In progress',
      order.quantity - delivered,
      runs,
    );
  }
  const remains = order.quantity - order.deliverTarget;
  return view(order, remains === 0 ? 'Completed' : 'Partial', remains, runs);
}

/**
 * The state of an order at `now`: a forced status wins; an accepted cancel freezes progress at
 * the moment it was asked and turns into `Canceled` at its effective time; otherwise the clock
 * moves it from `Pending` through `In progress` (`Active` for subscriptions) to `Completed` or
 * `Partial`.
 */
export function viewOrder(order: OrderRecord, now: number): OrderView {
  if (order.forced !== undefined) {
    // A forced status starts no new drip-feed runs.
    return view(order, order.forced.status, order.forced.remains, order.children.length);
  }
  if (order.cancel !== undefined) {
    const frozen = naturalView(order, order.cancel.requestedAt);
    if (now < order.cancel.effectiveAt) return frozen;
    return view(order, 'Canceled', frozen.remains, frozen.runsStarted);
  }
  return naturalView(order, now);
}

/** What one drip-feed run (a child order) looks like, derived from its parent. */
export interface ChildView {
  status: SandboxOrderStatus;
  remains: number;
  charge: Decimal;
  startCount: number;
}

/** The state of run `run` (0-based) of a drip-feed parent at `now`. */
export function viewChildOrder(parent: OrderRecord, run: number, now: number): ChildView {
  const parentView = viewOrder(parent, now);
  const perRun = parent.perRunQuantity;
  const delivered = Math.max(0, Math.min(perRun, parentView.delivered - run * perRun));
  let status: SandboxOrderStatus = 'In progress';
  if (delivered === perRun) status = 'Completed';
  else if (parentView.isTerminal) status = parentView.status;
  return {
    status,
    remains: perRun - delivered,
    charge: perThousand(parent.rate, perRun),
    startCount: parentView.startCount,
  };
}

/** A refill's status at `now`: `Pending` for the first half of its time, then `In progress`. */
export function viewRefill(
  refill: RefillRecord,
  now: number,
): 'Pending' | 'In progress' | 'Completed' {
  const elapsed = now - refill.createdAt;
  if (elapsed >= refill.durationMs) return 'Completed';
  return elapsed < refill.durationMs / 2 ? 'Pending' : 'In progress';
}
