import { afterEach, describe, expect, it } from 'vitest';
import { RECONCILER_DEFAULTS } from '../../src/reconcile/reconciler-options.js';
import { followers, orderIdOnLink, place, placeLost, type Setup, setUp } from './helpers.js';

const link = (name: string) => `https://example.test/${name}`;

describe('resolving unknown orders against the sandbox', () => {
  let setup: Setup | undefined;
  async function start(options?: Parameters<typeof setUp>[0]): Promise<Setup> {
    setup = await setUp(options);
    return setup;
  }
  afterEach(async () => {
    await setup?.close();
    setup = undefined;
  });

  it('adopts the order of a lost answer when exactly one scanned order matches', async () => {
    const s = await start();
    await place(s, followers('a', 100), 'a');
    s.panel.faults.script('add', ['reset_after_commit']);
    await placeLost(s, followers('b', 200), 'b');
    await place(s, followers('c', 300), 'c');
    const lostId = orderIdOnLink(s.panel, link('b'));
    expect((await s.ledger.get('b'))?.state).toBe('unknown');

    const report = await s.reconciler().reconcile();

    expect(report.unknownResolved).toEqual([
      expect.objectContaining({ key: 'b', how: 'scan', state: 'placed', orderId: lostId }),
    ]);
    const entry = await s.ledger.get('b');
    expect(entry).toMatchObject({ state: 'placed', orderId: lostId });
    expect(entry?.panelState).toMatchObject({ status: 'pending', charge: '0.18' });
    expect(entry?.evidence.map((item) => item.kind)).toContain('scan_candidate');
    expect(report.counts).toMatchObject({ orphans: 0, ambiguous: 0, unknownOpen: 0 });
    expect(report.counts.scanCalls).toBeGreaterThan(0);
    expect(report.needsAttention).toBe(false);
  });

  it('adopts an order whose answer hung past the client deadline', async () => {
    const s = await start({ client: { retry: { deadlineMs: 1_000 } } });
    await place(s, followers('a', 100), 'a');
    s.panel.faults.script('add', ['hang_after_commit']);
    await placeLost(s, followers('b', 200), 'b');

    const report = await s.reconciler().reconcile();

    expect(report.unknownResolved[0]).toMatchObject({ key: 'b', how: 'scan', state: 'placed' });
    expect((await s.ledger.get('b'))?.orderId).toBe(orderIdOnLink(s.panel, link('b')));
  });

  it('reports two lost answers of the same price as ambiguous and adopts neither', async () => {
    const s = await start();
    await place(s, followers('a', 100), 'a');
    s.panel.faults.script('add', ['reset_after_commit', 'reset_after_commit']);
    await placeLost(s, followers('b', 500), 'b');
    await placeLost(s, followers('c', 500), 'c');

    const report = await s.reconciler().reconcile();

    expect(report.ambiguous).toHaveLength(1);
    expect(report.ambiguous[0]?.keys.sort()).toEqual(['b', 'c']);
    expect(report.ambiguous[0]?.candidates.map((c) => c.orderId).sort()).toEqual(
      [orderIdOnLink(s.panel, link('b')), orderIdOnLink(s.panel, link('c'))].sort(),
    );
    expect(report.unknownResolved).toEqual([]);
    expect((await s.ledger.get('b'))?.state).toBe('unknown');
    expect((await s.ledger.get('c'))?.state).toBe('unknown');
    expect((await s.ledger.get('b'))?.evidence.map((e) => e.kind)).toContain('scan_ambiguous');
    expect(report.needsAttention).toBe(true);
  });

  it('settles a request that never reached the panel as not_placed only after the grace window', async () => {
    const s = await start();
    await place(s, followers('a', 100), 'a');
    s.panel.faults.script('add', ['reset_before_commit']);
    await placeLost(s, followers('b', 200), 'b');
    expect(s.panel.state.purchases().orders).toBe(1);

    const early = await s.reconciler().reconcile();
    expect(early.unknownOpen).toEqual([
      expect.objectContaining({ key: 'b', action: 'wait', lowerBoundId: expect.any(String) }),
    ]);
    expect(early.unknownOpen[0]?.needed).toMatch(/settles it as not_placed/);
    expect(early.needsAttention).toBe(false);
    expect((await s.ledger.get('b'))?.state).toBe('unknown');

    s.shiftMs = RECONCILER_DEFAULTS.graceMs + 1_000;
    const late = await s.reconciler().reconcile();
    expect(late.unknownResolved).toEqual([
      expect.objectContaining({ key: 'b', how: 'grace_expired', state: 'not_placed' }),
    ]);
    const entry = await s.ledger.get('b');
    expect(entry?.state).toBe('not_placed');
    expect(entry?.evidence.at(-1)).toMatchObject({ kind: 'grace_expired' });
  });

  it('leaves the ledger’s first order open for a person, since nothing bounds where it could be', async () => {
    const s = await start();
    s.panel.faults.script('add', ['reset_after_commit']);
    await placeLost(s, followers('first', 200), 'first');
    await place(s, followers('b', 300), 'b');

    s.shiftMs = RECONCILER_DEFAULTS.graceMs + 1_000;
    const report = await s.reconciler().reconcile();

    expect(report.unknownOpen).toEqual([
      expect.objectContaining({ key: 'first', action: 'human' }),
    ]);
    expect(report.unknownOpen[0]?.needed).toMatch(
      /No order of ours is known to have existed before/,
    );
    expect(report.counts.scanCalls).toBe(0);
    expect((await s.ledger.get('first'))?.state).toBe('unknown');
    expect(report.needsAttention).toBe(true);
  });

  it('replays an unknown intent on a panel that deduplicates by key, buying nothing twice', async () => {
    const s = await start({
      sandbox: { idempotency: { mode: 'header' } },
      idempotency: { mode: 'header' },
      client: { retry: { maxAttempts: 1, deadlineMs: 5_000 } },
    });
    await place(s, followers('a', 100), 'a');
    s.panel.faults.script('add', ['reset_after_commit']);
    await placeLost(s, followers('b', 200), 'b');
    const lostId = orderIdOnLink(s.panel, link('b'));

    const report = await s.reconciler().reconcile();

    expect(report.unknownResolved).toEqual([
      expect.objectContaining({ key: 'b', how: 'replay', state: 'placed', orderId: lostId }),
    ]);
    expect(s.panel.state.purchases()).toMatchObject({ orders: 2, idempotentReplays: 1 });
    expect(report.counts.scanCalls).toBe(0);
    const entry = await s.ledger.get('b');
    expect(entry?.evidence.map((e) => e.kind)).toContain('replay');
    expect(entry?.panelState?.status).toBe('pending');
  });

  it('notes a later duplicate-link refusal on the same link as a hint, not as proof', async () => {
    const s = await start();
    await place(s, followers('a', 100), 'a');
    s.panel.faults.script('add', ['reset_after_commit']);
    await placeLost(s, followers('b', 200), 'b');
    await expect(s.client.order(followers('b', 200), { idempotencyKey: 'b2' })).rejects.toThrow();
    expect((await s.ledger.get('b2'))?.rejection?.errorClass).toBe('duplicate_link');

    await s.reconciler().reconcile();

    const kinds = (await s.ledger.get('b'))?.evidence.map((e) => e.kind);
    expect(kinds).toEqual(['duplicate_link_hint', 'scan_candidate']);
  });

  it('reports an orphan found while scanning, and does not adopt it', async () => {
    const s = await start();
    await place(s, followers('a', 100), 'a');
    const orphan = s.panel.state.createOrphanOrder({
      service: 1,
      link: link('orphan'),
      quantity: 700,
    });
    s.panel.faults.script('add', ['reset_after_commit']);
    await placeLost(s, followers('b', 200), 'b');

    const report = await s.reconciler().reconcile();

    expect(report.orphans).toEqual([
      { orderId: orphan.id, charge: '0.63', status: 'pending', currency: 'USD' },
    ]);
    expect(report.unknownResolved[0]).toMatchObject({ key: 'b', how: 'scan' });
    expect(report.needsAttention).toBe(true);
  });
});
