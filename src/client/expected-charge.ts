import Big from 'big.js';
import { orderTypeFromServiceType } from '../api/order-types.js';
import type { Money, Service } from '../api/results.js';

/**
 * What an order should cost from the catalogue: `rate × quantity / 1000`, or the flat rate
 * of a package type. The quantity is the number of lines for comment lists, and per run
 * for drip-feed orders. Returns `undefined` when the quantity cannot be known from the
 * parameters (subscriptions, for instance), so the ledger records no expectation rather
 * than a wrong one.
 */
export function expectedChargeFor(
  service: Service,
  params: Readonly<Record<string, string>>,
): Money | undefined {
  const type = orderTypeFromServiceType(service.rawType);
  const rate = new Big(service.rate);
  if (type === 'package' || type === 'custom_comments_package') return plainDecimal(rate);

  const quantity = quantityOf(params);
  if (quantity === undefined) return undefined;
  const runs = params.runs === undefined ? 1 : Number.parseInt(params.runs, 10);
  if (!Number.isInteger(runs) || runs < 1) return undefined;
  return plainDecimal(rate.times(quantity).times(runs).div(1000));
}

// `toString` switches to exponent form below 1e-7 (`1e-8`); money is always written out.
function plainDecimal(value: Big): Money {
  return value.toFixed();
}

function quantityOf(params: Readonly<Record<string, string>>): number | undefined {
  if (params.quantity !== undefined) {
    const quantity = Number.parseInt(params.quantity, 10);
    return Number.isInteger(quantity) && quantity > 0 ? quantity : undefined;
  }
  // Custom comment lists are priced per line: the panel takes the quantity from them.
  const list = params.comments ?? params.usernames;
  if (list === undefined) return undefined;
  return list.split('\n').filter((line) => line.trim() !== '').length;
}
