import Big from 'big.js';
import type { Ledger, LedgerEntry } from 'smm-panel-client';
import type { SandboxPanel } from 'smm-panel-client/sandbox';

/** What the panel and the ledger say after a run. */
export interface ChaosFigures {
  intents: number;
  placed: number;
  rejected: number;
  unknown: number;
  notPlaced: number;
  pending: number;
  /** Panel orders beyond one per intent. */
  duplicates: number;
  /** Panel orders of ours that no entry accounts for (placed with that id, or unknown). */
  lost: number;
  /** Money the panel charged for our orders. */
  chargedByPanel: string;
  /** Money the ledger records for placed orders (expected charges). */
  recordedInLedger: string;
}

/** Reads every entry (page by page) and every order of ours on the sandbox, and compares. */
export async function countFigures(ledger: Ledger, panel: SandboxPanel): Promise<ChaosFigures> {
  const entries: LedgerEntry[] = [];
  let cursor: string | undefined;
  do {
    const page = await ledger.list({ ...(cursor ? { cursor } : {}), limit: 1000 });
    entries.push(...page.entries);
    cursor = page.nextCursor;
  } while (cursor !== undefined);

  const byLink = new Map(entries.map((entry) => [entry.params.link, entry]));
  const placedIds = new Set(entries.flatMap((entry) => (entry.orderId ? [entry.orderId] : [])));
  const orders = panel.state.orders({ ownedByUs: true });

  const perLink = new Map<string, number>();
  let lost = 0;
  let charged = new Big(0);
  for (const order of orders) {
    perLink.set(order.link, (perLink.get(order.link) ?? 0) + 1);
    charged = charged.plus(order.charge);
    const entry = byLink.get(order.link);
    const accounted = placedIds.has(String(order.id)) || entry?.state === 'unknown';
    if (!accounted) lost += 1;
  }
  const duplicates = [...perLink.values()].reduce((sum, count) => sum + Math.max(0, count - 1), 0);

  const count = (state: LedgerEntry['state']) => entries.filter((e) => e.state === state).length;
  const recorded = entries
    .filter((entry) => entry.state === 'placed')
    .reduce((sum, entry) => sum.plus(entry.expectedCharge ?? '0'), new Big(0));
  return {
    intents: entries.length,
    placed: count('placed'),
    rejected: count('rejected'),
    unknown: count('unknown'),
    notPlaced: count('not_placed'),
    pending: count('pending'),
    duplicates,
    lost,
    chargedByPanel: charged.toString(),
    recordedInLedger: recorded.toString(),
  };
}
