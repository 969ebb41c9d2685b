import { formatExact } from './money.js';
import { findOurOrder } from './order-actions.js';
import { viewChildOrder, viewOrder, viewRefill } from './order-lifecycle.js';
import type { PanelStore } from './panel-store.js';
import { SANDBOX_ERROR_TEXTS as TEXTS } from './panel-texts.js';

/** A JSON object answered for one item. */
export type JsonObject = Record<string, unknown>;

/** An id as panels print it inside answers: a JSON number when it is one, else the text. */
export function answerId(idText: string): number | string {
  const text = idText.trim();
  return /^\d{1,15}$/.test(text) ? Number(text) : text;
}

/**
 * The `status` answer for one id, with counts and money as strings like real panels:
 * `{"charge": "0.09", "start_count": "3572", "status": "In progress", "remains": "40",
 * "currency": "USD"}`. A drip-feed parent adds `runs` and the child `orders` started so far. An
 * unknown id and another user's id answer the same `Incorrect order ID`.
 */
export function orderStatusAnswer(store: PanelStore, idText: string): JsonObject {
  const now = store.now();
  const currency = store.options.currency;
  const order = findOurOrder(store, idText);
  if (order !== undefined) {
    const view = viewOrder(order, now);
    const answer: JsonObject = {
      charge: formatExact(order.charge),
      start_count: String(view.startCount),
      status: view.status,
      remains: String(view.remains),
      currency,
    };
    if (order.runs !== undefined) {
      answer.runs = String(order.runs);
      answer.orders = [...order.children];
    }
    return answer;
  }
  const child = /^\d+$/.test(idText.trim())
    ? store.childOrders.get(Number(idText.trim()))
    : undefined;
  const parent = child === undefined ? undefined : store.orders.get(child.parentId);
  if (child !== undefined && parent !== undefined) {
    const view = viewChildOrder(parent, child.run, now);
    return {
      charge: formatExact(view.charge),
      start_count: String(view.startCount),
      status: view.status,
      remains: String(view.remains),
      currency,
    };
  }
  return { error: TEXTS.incorrectOrderId };
}

/** The `refill_status` answer for one refill id: `{"status": "Completed"}` or an error. */
export function refillStatusAnswer(store: PanelStore, idText: string): JsonObject {
  const text = idText.trim();
  const refill = /^\d+$/.test(text) ? store.refills.get(Number(text)) : undefined;
  if (refill === undefined) return { error: TEXTS.refillNotFound };
  return { status: viewRefill(refill, store.now()) };
}
