import { z } from 'zod';
import { normaliseOrderStatus } from '../normalise-status.js';
import { type OrderState, TERMINAL_ORDER_STATUSES } from '../results.js';
import {
  childrenValue,
  countValue,
  optionalMoneyValue,
  optionalTextValue,
  statusWordValue,
} from './value-schemas.js';

/**
 * One order's `status` answer. Charge, counts and currency may be missing or unreadable
 * (`undefined`, never zero); a drip-feed or subscription parent lists its children in
 * `orders` instead of a charge and remains. Extra fields (`order`, `runs`) are ignored.
 */
export const orderStateSchema = z
  .object({
    status: statusWordValue,
    charge: optionalMoneyValue,
    start_count: countValue,
    remains: countValue,
    currency: optionalTextValue,
    orders: childrenValue,
  })
  .transform((answer): OrderState => {
    const status = normaliseOrderStatus(answer.status);
    return {
      status,
      rawStatus: answer.status,
      isTerminal: TERMINAL_ORDER_STATUSES.has(status),
      charge: answer.charge,
      startCount: answer.start_count,
      remains: answer.remains,
      currency: answer.currency,
      children: answer.orders,
    };
  });
