import type { Ledger, LedgerPage, ListOptions } from '../../src/ledger/ledger.js';
import { createMemoryLedger } from '../../src/ledger/memory-ledger.js';
import type { SandboxPanel } from '../../src/sandbox/index.js';

/** A ledger wrapper that records how it was paged. */
export interface PagingRecord {
  listCalls: number;
  limits: (number | undefined)[];
  largestPage: number;
}

/** Wraps a ledger so every `list` call's limit and page size are recorded. */
export function recordPaging(ledger: Ledger): { ledger: Ledger; paging: PagingRecord } {
  const paging: PagingRecord = { listCalls: 0, limits: [], largestPage: 0 };
  const wrapped: Ledger = {
    claim: (intent, options) => ledger.claim(intent, options),
    recordAttempt: (key, owner, attempt) => ledger.recordAttempt(key, owner, attempt),
    settle: (key, owner, settlement, now) => ledger.settle(key, owner, settlement, now),
    release: (key, owner) => ledger.release(key, owner),
    resolve: (key, resolution, now) => ledger.resolve(key, resolution, now),
    addEvidence: (key, evidence) => ledger.addEvidence(key, evidence),
    updatePanelState: (key, state, refund) => ledger.updatePanelState(key, state, refund),
    get: (key) => ledger.get(key),
    close: () => ledger.close(),
    list: async (options?: ListOptions): Promise<LedgerPage> => {
      const page = await ledger.list(options);
      paging.listCalls += 1;
      paging.limits.push(options?.limit);
      paging.largestPage = Math.max(paging.largestPage, page.entries.length);
      return page;
    },
  };
  return { ledger: wrapped, paging };
}

/** What {@link fillLargeLedger} built. */
export interface LargeLedger {
  ledger: Ledger;
  /** Placed entries (each with an order in the sandbox). */
  placed: number;
  /** Keys of unknown entries whose orders exist in the sandbox, with those order ids. */
  lost: Map<string, string>;
}

/**
 * Fills a memory ledger through its API with `count` placed intents whose orders are created
 * in the sandbox state directly (an `add` per order over HTTP would be far too slow), and
 * turns the intents at `lostAt` positions into `unknown` ones whose orders nonetheless exist.
 * Orders are 50 + (i mod 500) followers, so prices repeat only every 500 orders; lost ones get
 * a price no other order has. Ledger times are one second apart, from `startMs`.
 */
export async function fillLargeLedger(
  panel: SandboxPanel,
  count: number,
  options: { lostAt?: readonly number[]; startMs?: number } = {},
): Promise<LargeLedger> {
  const ledger = createMemoryLedger();
  const lostAt = new Set(options.lostAt ?? []);
  const lost = new Map<string, string>();
  const start = options.startMs ?? 1_700_000_000_000;
  let placed = 0;
  for (let i = 0; i < count; i++) {
    const isLost = lostAt.has(i);
    const quantity = isLost ? 9_000 + lost.size : 50 + (i % 500);
    const link = `https://example.test/large/${i}`;
    const order = panel.state.createOrphanOrder({ service: 1, link, quantity });
    const key = `large-${i}`;
    const now = start + i * 1_000;
    const params = { service: '1', link, quantity: String(quantity) };
    await ledger.claim(
      { key, fingerprint: `fp-${i}`, panel: 'sandbox', params, expectedCharge: order.charge },
      { owner: 'filler', leaseMs: 60_000, now },
    );
    if (isLost) {
      await ledger.recordAttempt(key, 'filler', { attempt: 1, startedAt: now });
      await ledger.recordAttempt(key, 'filler', {
        attempt: 1,
        startedAt: now,
        endedAt: now + 10,
        sendState: 'maybe_sent',
      });
      await ledger.settle(key, 'filler', { state: 'unknown', reason: 'connection_lost' }, now + 10);
      lost.set(key, order.id);
    } else {
      await ledger.settle(key, 'filler', { state: 'placed', orderId: order.id }, now + 10);
      placed += 1;
    }
  }
  return { ledger, placed, lost };
}
