import type { Money, OrderStatus } from '../api/results.js';
import { formatDecimal, toDecimal } from './internal/decimal.js';

/**
 * How an order's price splits over what it delivers:
 * - `units`: the price is per unit; `total` is every unit ordered (quantity × runs for a
 *   drip-feed, the number of lines for comment lists, `max × posts` for subscriptions);
 * - `package`: one flat price for the whole thing;
 * - `needs_type`: the parameters alone do not say (a list of comments is priced per line by
 *   `Custom Comments` and flat by `Custom Comments Package`): the service type decides.
 */
export type RefundBasis =
  | { kind: 'units'; total: number }
  | { kind: 'package' }
  | { kind: 'needs_type' };

const PACKAGE_TYPES = new Set(['package', 'custom comments package']);

/**
 * The refund basis of an order from its stored parameters and, when known, its service type
 * (as the catalogue lists it, any case).
 */
export function refundBasisOf(
  params: Readonly<Record<string, string>>,
  serviceType?: string,
): RefundBasis {
  const type = serviceType
    ?.trim()
    .toLowerCase()
    .replace(/[\s_-]+/g, ' ');
  if (type !== undefined && PACKAGE_TYPES.has(type)) return { kind: 'package' };

  const runs = params.runs === undefined ? 1 : wholeNumber(params.runs);
  const quantity = wholeNumber(params.quantity);
  if (quantity !== undefined && runs !== undefined)
    return { kind: 'units', total: quantity * runs };

  const list = params.comments ?? params.usernames;
  if (list !== undefined) {
    if (type === undefined) return { kind: 'needs_type' };
    return { kind: 'units', total: list.split('\n').filter((line) => line.trim() !== '').length };
  }
  const max = wholeNumber(params.max);
  if (params.username !== undefined && max !== undefined) {
    const posts = params.posts === undefined ? 1 : wholeNumber(params.posts);
    if (posts !== undefined) return { kind: 'units', total: max * posts };
  }
  // Nothing to count: a package (link only).
  return quantity === undefined && params.quantity === undefined
    ? { kind: 'package' }
    : { kind: 'needs_type' };
}

/** What {@link impliedRefund} works out. */
export interface ImpliedRefund {
  /** The refund, exact; `undefined` when it cannot be known from the answer. */
  amount: Money | undefined;
  basis: 'units' | 'package' | 'unknown';
}

/**
 * The refund a final status implies, with decimals.
 *
 * Convention (what the sandbox and most panels do): `charge` stays what was first charged, and
 * the panel gives back the undelivered share, `remains × rate / 1000`, which is
 * `charge × remains / total units`; a package gives back its whole price when anything remains.
 * `Refunded` gives back everything. Not covered: panels that lower `charge` to what was
 * delivered instead of refunding the difference; on such a panel this over-counts refunds, and
 * the balance check of the report shows it.
 */
export function impliedRefund(
  status: OrderStatus,
  charge: Money | undefined,
  remains: number | undefined,
  basis: RefundBasis,
): ImpliedRefund {
  const price = toDecimal(charge);
  if (status === 'refunded') {
    return price === undefined
      ? { amount: undefined, basis: 'unknown' }
      : { amount: formatDecimal(price), basis: basis.kind === 'package' ? 'package' : 'units' };
  }
  if (status !== 'partial' && status !== 'canceled') return { amount: '0', basis: 'units' };
  if (price === undefined || remains === undefined || basis.kind === 'needs_type') {
    return { amount: undefined, basis: 'unknown' };
  }
  if (basis.kind === 'package') {
    return { amount: remains > 0 ? formatDecimal(price) : '0', basis: 'package' };
  }
  if (basis.total <= 0) return { amount: undefined, basis: 'unknown' };
  const share = Math.min(Math.max(remains, 0), basis.total);
  return { amount: formatDecimal(price.times(share).div(basis.total)), basis: 'units' };
}

function wholeNumber(text: string | undefined): number | undefined {
  if (text === undefined || !/^\s*\d{1,15}\s*$/.test(text)) return undefined;
  return Number(text.trim());
}
