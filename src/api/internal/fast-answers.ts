/*
 * Why this exists: zod reads a status item field by field through several nested schemas, and
 * on a 100-order status answer that costs many times the parsing itself (docs/benchmarks.md);
 * an `add` answer is read on every order.
 * The usual item (a status word, money and counts as strings or numbers, no child orders) is
 * read here directly, with the same normalisers; anything else is left to the schemas, which
 * stay the single definition of what an answer may be and word every problem.
 */
import { isLosslessNumber } from 'lossless-json';
import type { AnswerShape, ShapeResult } from '../answer-shapes.js';
import { normaliseOrderStatus } from '../normalise-status.js';
import { normaliseCount, normaliseId, normaliseMoney, normaliseText } from '../normalise-values.js';
import {
  type OrderState,
  type OrderStateItem,
  type PanelId,
  TERMINAL_ORDER_STATUSES,
} from '../results.js';
import { errorTextOf } from './error-text-of.js';

function isPlainObject(raw: unknown): raw is Record<string, unknown> {
  return typeof raw === 'object' && raw !== null && !Array.isArray(raw) && !isLosslessNumber(raw);
}

/** The status word of a plain object with a non-empty `status` string and no `orders` field. */
function plainStatusWord(raw: unknown): string | undefined {
  if (!isPlainObject(raw)) return undefined;
  const rawStatus = raw.status;
  if (typeof rawStatus !== 'string' || rawStatus.trim().length === 0) return undefined;
  return raw.orders === undefined ? rawStatus : undefined;
}

/**
 * What `orderStateSchema` makes of `raw`, when `raw` is a plain object with a non-empty
 * `status` string and no `orders` field; otherwise `undefined`, and the schema must decide.
 */
export function readPlainOrderState(raw: unknown): OrderState | undefined {
  const rawStatus = plainStatusWord(raw);
  if (rawStatus === undefined) return undefined;
  const answer = raw as Record<string, unknown>;
  const status = normaliseOrderStatus(rawStatus);
  return {
    status,
    rawStatus,
    isTerminal: TERMINAL_ORDER_STATUSES.has(status),
    charge: normaliseMoney(answer.charge),
    startCount: normaliseCount(answer.start_count),
    remains: normaliseCount(answer.remains),
    currency: normaliseText(answer.currency),
    children: undefined,
  };
}

/** {@link readPlainOrderState} as a batch item, built in one literal (a spread costs more). */
function readPlainOrderItem(raw: unknown): OrderStateItem | undefined {
  const rawStatus = plainStatusWord(raw);
  if (rawStatus === undefined) return undefined;
  const answer = raw as Record<string, unknown>;
  const status = normaliseOrderStatus(rawStatus);
  return {
    ok: true,
    status,
    rawStatus,
    isTerminal: TERMINAL_ORDER_STATUSES.has(status),
    charge: normaliseMoney(answer.charge),
    startCount: normaliseCount(answer.start_count),
    remains: normaliseCount(answer.remains),
    currency: normaliseText(answer.currency),
    children: undefined,
  };
}

/** What the `status_many` schema makes of an answer keyed by id whose items are all usual. */
function readKeyedStatuses(raw: unknown): Map<PanelId, OrderStateItem> | undefined {
  if (!isPlainObject(raw)) return undefined;
  const items = new Map<PanelId, OrderStateItem>();
  for (const id of Object.keys(raw)) {
    const item = raw[id];
    // The schema tries an item error first, then an order state.
    const text = errorTextOf(item);
    if (text !== undefined) {
      items.set(id, { ok: false, errorClass: 'unknown', message: text });
      continue;
    }
    const state = readPlainOrderItem(item);
    if (state === undefined) return undefined;
    items.set(id, state);
  }
  return items;
}

/** What `addSchema` makes of an answer whose `order` is an id; other answers go to it. */
function readPlacedOrder(raw: unknown): { order: PanelId } | undefined {
  if (!isPlainObject(raw)) return undefined;
  const order = normaliseId(raw.order);
  return order === undefined ? undefined : { order };
}

/**
 * The schema's result for the shapes read on every order and status call (`add`, `status`,
 * `status_many`), when the answer is of the usual form; `undefined` for any other shape or form.
 */
export function readUsualAnswer<K extends AnswerShape>(
  shape: K,
  raw: unknown,
): { value: ShapeResult[K] } | undefined {
  let value: unknown;
  if (shape === 'status') value = readPlainOrderState(raw);
  else if (shape === 'status_many') value = readKeyedStatuses(raw);
  else if (shape === 'add') value = readPlacedOrder(raw);
  return value === undefined ? undefined : { value: value as ShapeResult[K] };
}
