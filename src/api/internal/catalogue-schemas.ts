import { z } from 'zod';
import type { Balance, PlacedOrder, Service } from '../results.js';
import { countValue, flagValue, idValue, moneyValue, optionalTextValue } from './value-schemas.js';

/** Lower case, trimmed, single spaces: `Subscriptions ` → `subscriptions`. */
function serviceTypeKey(rawType: string): string {
  return rawType.trim().replace(/\s+/g, ' ').toLowerCase();
}

/**
 * One catalogue entry. Ids may be strings or numbers, rates strings or numbers, flags booleans
 * or `'1'`/`'0'`; a missing flag is false. A missing `type` is the panel's default type.
 */
const serviceSchema = z
  .object({
    service: idValue,
    name: optionalTextValue,
    type: optionalTextValue,
    category: optionalTextValue,
    rate: moneyValue,
    min: countValue,
    max: countValue,
    refill: flagValue,
    cancel: flagValue,
    dripfeed: flagValue,
    desc: optionalTextValue,
    description: optionalTextValue,
  })
  .transform(
    (entry): Service => ({
      id: entry.service,
      name: entry.name ?? '',
      type: entry.type === undefined ? 'default' : serviceTypeKey(entry.type),
      rawType: entry.type ?? '',
      category: entry.category ?? '',
      rate: entry.rate,
      min: entry.min,
      max: entry.max,
      refill: entry.refill,
      cancel: entry.cancel,
      dripfeed: entry.dripfeed,
      description: entry.desc ?? entry.description,
    }),
  );

/** The `services` answer: an array of entries. */
export const servicesSchema = z.array(serviceSchema);

/** The `balance` answer. A `status` field beside it (`"success"`) is ignored. */
export const balanceSchema = z
  .object({ balance: moneyValue, currency: optionalTextValue })
  .transform((answer): Balance => ({ balance: answer.balance, currency: answer.currency }));

/** The `add` answer: an order id. A `status: "success"` beside it is ignored. */
export const addSchema = z
  .object({ order: idValue })
  .transform((answer): PlacedOrder => ({ order: answer.order }));
