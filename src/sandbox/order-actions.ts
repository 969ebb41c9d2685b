import type { OrderRecord } from './internal/records.js';
import { viewOrder } from './order-lifecycle.js';
import type { PanelStore } from './panel-store.js';
import { SANDBOX_ERROR_TEXTS as TEXTS } from './panel-texts.js';

/** The answer to one item of `cancel` or `refill`: done (with a refill id), or the panel's text. */
export type ItemOutcome = { ok: true; refillId?: number } | { ok: false; error: string };

const ORDER_ID = /^\d+$/;

/** Our order with this id, or `undefined` for an unknown id or another user's order. */
export function findOurOrder(store: PanelStore, idText: string): OrderRecord | undefined {
  const text = idText.trim();
  if (!ORDER_ID.test(text)) return undefined;
  const order = store.orders.get(Number(text));
  return order === undefined || order.origin === 'other_user' ? undefined : order;
}

function isOurChildOrder(store: PanelStore, idText: string): boolean {
  const text = idText.trim();
  return ORDER_ID.test(text) && store.childOrders.has(Number(text));
}

/**
 * Accepts a cancel for a running order of a service that allows it. The order keeps its
 * progress frozen and becomes `Canceled`, with its remains refunded, `cancelDelayMs` later.
 */
export function cancelOrder(store: PanelStore, idText: string): ItemOutcome {
  store.settle();
  const order = findOurOrder(store, idText);
  if (order === undefined) {
    return {
      ok: false,
      error: isOurChildOrder(store, idText) ? TEXTS.notEligibleForCancel : TEXTS.incorrectOrderId,
    };
  }
  if (store.services.get(String(order.serviceId))?.cancel !== true) {
    return { ok: false, error: TEXTS.cancelDisabled };
  }
  const now = store.now();
  if (
    order.cancel !== undefined ||
    order.forced !== undefined ||
    viewOrder(order, now).isTerminal
  ) {
    return { ok: false, error: TEXTS.notEligibleForCancel };
  }
  order.cancel = { requestedAt: now, effectiveAt: now + order.cancelDelayMs };
  store.touch(order.id);
  return { ok: true };
}

/**
 * Accepts a refill for a `Completed` order of a service that offers refills, when no earlier
 * refill of it is still running; answers the new refill id.
 */
export function refillOrder(store: PanelStore, idText: string): ItemOutcome {
  store.settle();
  const order = findOurOrder(store, idText);
  if (order === undefined) {
    return {
      ok: false,
      error: isOurChildOrder(store, idText) ? TEXTS.notEligibleForRefill : TEXTS.incorrectOrderId,
    };
  }
  const now = store.now();
  const isCompleted = viewOrder(order, now).status === 'Completed';
  const refillRunning = [...store.refills.values()].some(
    (refill) => refill.orderId === order.id && now < refill.createdAt + refill.durationMs,
  );
  if (
    store.services.get(String(order.serviceId))?.refill !== true ||
    !isCompleted ||
    refillRunning
  ) {
    return { ok: false, error: TEXTS.notEligibleForRefill };
  }
  return { ok: true, refillId: store.insertRefill(order.id).id };
}
