import type { Money } from '../api/results.js';
import type { LedgerEntry } from '../ledger/ledger.js';
import { type Decimal, formatDecimal, isWithin, toDecimal, zero } from './internal/decimal.js';
import type { BalanceCheck, CurrencyTotals } from './reconcile-report.js';
import type { StartingBalance } from './reconciler-options.js';

const UNKNOWN_CURRENCY = 'unknown';

interface Totals {
  charged: Decimal;
  refunded: Decimal;
  orders: number;
}

/**
 * Sums, per currency, what placed orders cost and what came back: the panel's charge where
 * it has said, else the expected charge; the refund the ledger records. One pass, constant
 * memory per currency.
 */
export class MoneyTally {
  readonly #byCurrency = new Map<string, Totals>();

  /** Adds one placed entry, as it stands after this run's updates. */
  add(entry: Pick<LedgerEntry, 'expectedCharge' | 'currency' | 'refund' | 'panelState'>): void {
    const charge = toDecimal(entry.panelState?.charge ?? entry.expectedCharge);
    const refund = toDecimal(entry.refund);
    const currency = normaliseCurrency(entry.panelState?.currency ?? entry.currency);
    let totals = this.#byCurrency.get(currency);
    if (totals === undefined) {
      totals = { charged: zero(), refunded: zero(), orders: 0 };
      this.#byCurrency.set(currency, totals);
    }
    totals.orders += 1;
    if (charge !== undefined) totals.charged = totals.charged.plus(charge);
    if (refund !== undefined) totals.refunded = totals.refunded.plus(refund);
  }

  /** The totals, one row per currency, sorted by currency code. */
  totals(): CurrencyTotals[] {
    return [...this.#merged().entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([currency, totals]) => ({
        currency,
        charged: formatDecimal(totals.charged),
        refunded: formatDecimal(totals.refunded),
        net: formatDecimal(totals.charged.minus(totals.refunded)),
        orders: totals.orders,
      }));
  }

  #merged(accountCurrency?: string): Map<string, Totals> {
    return mergeUnknown(this.#byCurrency, accountCurrency);
  }

  /**
   * Compares the balance change with what the ledger explains: the balance should have moved
   * by exactly `−(charged − refunded)` in its currency, if the ledger records every order made
   * with this key since `starting` was read.
   */
  checkBalance(
    starting: StartingBalance,
    now: { balance: Money; currency: string | undefined },
    tolerance: Money,
  ): BalanceCheck {
    const currency = normaliseCurrency(starting.currency ?? now.currency);
    const totals = this.#merged(currency).get(currency) ?? {
      charged: zero(),
      refunded: zero(),
      orders: 0,
    };
    const start = toDecimal(starting.amount) ?? zero();
    const current = toDecimal(now.balance) ?? zero();
    const change = current.minus(start);
    const explained = totals.refunded.minus(totals.charged);
    const difference = change.minus(explained);
    return {
      currency,
      starting: formatDecimal(start),
      now: formatDecimal(current),
      change: formatDecimal(change),
      explained: formatDecimal(explained),
      difference: formatDecimal(difference),
      addsUp: isWithin(change, explained, toDecimal(tolerance) ?? zero()),
    };
  }
}

/**
 * Orders whose currency nobody stated yet (never read from the panel, no currency on the
 * intent) are in the account's currency: one panel account has one. So when at most one
 * currency is known, the unknown ones are counted in it (or in `accountCurrency`).
 */
function mergeUnknown(
  byCurrency: Map<string, Totals>,
  accountCurrency: string | undefined,
): Map<string, Totals> {
  const unknown = byCurrency.get(UNKNOWN_CURRENCY);
  const known = [...byCurrency.keys()].filter((code) => code !== UNKNOWN_CURRENCY);
  const target = known.length === 1 ? known[0] : known.length === 0 ? accountCurrency : undefined;
  if (unknown === undefined || target === undefined || target === UNKNOWN_CURRENCY) {
    return byCurrency;
  }
  if (accountCurrency !== undefined && target !== accountCurrency) return byCurrency;
  const merged = new Map(byCurrency);
  merged.delete(UNKNOWN_CURRENCY);
  const into = merged.get(target) ?? { charged: zero(), refunded: zero(), orders: 0 };
  merged.set(target, {
    charged: into.charged.plus(unknown.charged),
    refunded: into.refunded.plus(unknown.refunded),
    orders: into.orders + unknown.orders,
  });
  return merged;
}

function normaliseCurrency(currency: string | undefined): string {
  const code = currency?.trim().toUpperCase();
  return code === undefined || code === '' ? UNKNOWN_CURRENCY : code;
}
