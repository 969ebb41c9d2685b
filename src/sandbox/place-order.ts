import { fingerprintParams } from './internal/fingerprint.js';
import { type RequestParams, validateOrder } from './order-validation.js';
import type { PanelStore } from './panel-store.js';
import { missingParameterText, SANDBOX_ERROR_TEXTS as TEXTS } from './panel-texts.js';

/** One order to place: the request's fields and the idempotency key it carried, if any. */
export interface PlaceOrderInput {
  params: RequestParams;
  /** The key found in the request (header or field), honoured or not by the panel's mode. */
  idempotencyKey: string | undefined;
  origin: 'api' | 'orphan';
}

/** The order id (an existing one when an idempotency key was replayed), or the panel's text. */
export type PlaceOrderResult =
  | { ok: true; orderId: number; isReplay: boolean }
  | { ok: false; error: string };

function fieldsOf(params: RequestParams): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const [name, value] of params) {
    if (name !== 'key' && name !== 'action') fields[name] = value;
  }
  return fields;
}

/**
 * Places an order as a panel does, in its order of checks: a replayed idempotency key first
 * (when the panel honours keys), then the service, the type's fields, the duplicate-link rule
 * and the funds. On success the balance is charged at once.
 */
export function placeOrder(store: PanelStore, input: PlaceOrderInput): PlaceOrderResult {
  store.settle();
  const { mode, name } = store.options.idempotency;
  const honouredKey = mode === 'none' ? undefined : input.idempotencyKey;
  // The key's own field is not part of what is asked for; in header mode nothing is excluded.
  const fingerprint = fingerprintParams(
    input.params,
    mode === 'form_field' ? ['action', name] : ['action'],
  );

  if (honouredKey !== undefined) {
    const earlier = store.idempotency.get(honouredKey);
    if (earlier !== undefined && store.orders.has(earlier.orderId)) {
      if (earlier.fingerprint !== fingerprint)
        return { ok: false, error: TEXTS.idempotencyConflict };
      store.idempotentReplays += 1;
      return { ok: true, orderId: earlier.orderId, isReplay: true };
    }
  }

  const serviceId = input.params.get('service')?.trim() ?? '';
  if (serviceId === '') return { ok: false, error: missingParameterText('service') };
  const service = store.services.get(serviceId);
  if (service === undefined) return { ok: false, error: TEXTS.incorrectServiceId };

  const validation = validateOrder(service, input.params);
  if (!validation.ok) return validation;
  const valid = validation.order;

  if (store.options.duplicateLinkRule && store.findActiveDuplicate(service.id, valid.target)) {
    return { ok: false, error: TEXTS.duplicateLink };
  }
  if (store.balance.lt(valid.charge)) return { ok: false, error: TEXTS.notEnoughFunds };

  const order = store.insertOrder(valid, {
    serviceId: service.id,
    origin: input.origin,
    fields: fieldsOf(input.params),
    idempotencyKey: input.idempotencyKey,
  });
  if (honouredKey !== undefined) {
    store.idempotency.set(honouredKey, { fingerprint, orderId: order.id });
  }
  return { ok: true, orderId: order.id, isReplay: false };
}
