import { describe, expect, it } from 'vitest';
import type { IntentState } from '../../src/ledger/ledger.js';
import {
  type ConformanceContext,
  claimAs,
  claimNew,
  driveTo,
  expectLedgerError,
  intentFor,
  LEASE_MS,
  OWNER_A,
  OWNER_B,
  T0,
} from './conformance-helpers.js';

const STATES: IntentState[] = ['pending', 'placed', 'rejected', 'unknown', 'not_placed'];

export function describeClaims(context: ConformanceContext): void {
  describe('claim', () => {
    it('records a new key as pending with the lease, the times and a sequence', async () => {
      const result = await context.ledger.claim(intentFor('k1'), claimAs(OWNER_A));

      expect(result.kind).toBe('claimed');
      expect(result.entry).toMatchObject({
        ...intentFor('k1'),
        state: 'pending',
        lease: { owner: OWNER_A, expiresAt: T0 + LEASE_MS },
        attempts: [],
        evidence: [],
        createdAt: T0,
        updatedAt: T0,
      });
      expect(result.entry.sequence).toBeGreaterThan(0);
      expect(await context.ledger.get('k1')).toEqual(result.entry);
    });

    it('gives every new key a greater sequence than the key before', async () => {
      const first = await claimNew(context.ledger, 'k1');
      const second = await claimNew(context.ledger, 'k2');
      const third = await claimNew(context.ledger, 'k3');

      expect(second.sequence).toBeGreaterThan(first.sequence);
      expect(third.sequence).toBeGreaterThan(second.sequence);
    });

    it.each(STATES)(
      'answers conflict for another fingerprint when the key is %s',
      async (state) => {
        await driveTo(context.ledger, 'k1', state);
        const before = await context.ledger.get('k1');

        // Another owner while a lease may be live: the fingerprint is checked before the lease.
        const result = await context.ledger.claim(
          intentFor('k1', 'other'),
          claimAs(OWNER_B, T0 + 5),
        );

        expect(result.kind).toBe('conflict');
        expect(result.entry).toEqual(before);
        expect(await context.ledger.get('k1')).toEqual(before);
      },
    );

    it.each(['placed', 'rejected', 'unknown'] as const)(
      'answers %s for a key in that state and changes nothing',
      async (state) => {
        await driveTo(context.ledger, 'k1', state);
        const before = await context.ledger.get('k1');

        const result = await context.ledger.claim(intentFor('k1'), claimAs(OWNER_B, T0 + 10));

        expect(result.kind).toBe(state);
        expect(result.entry).toEqual(before);
        expect(await context.ledger.get('k1')).toEqual(before);
      },
    );

    it('answers not_placed unless the caller allows a resend', async () => {
      await driveTo(context.ledger, 'k1', 'not_placed');

      const refused = await context.ledger.claim(intentFor('k1'), claimAs(OWNER_B, T0 + 10));
      const explicit = await context.ledger.claim(
        intentFor('k1'),
        claimAs(OWNER_B, T0 + 10, { allowResendNotPlaced: false }),
      );

      expect(refused.kind).toBe('not_placed');
      expect(explicit.kind).toBe('not_placed');
      expect((await context.ledger.get('k1'))?.state).toBe('not_placed');
    });

    it('turns not_placed back into pending for a resend, keeping attempts and evidence', async () => {
      await driveTo(context.ledger, 'k1', 'not_placed');
      const before = await context.ledger.get('k1');

      const result = await context.ledger.claim(
        intentFor('k1'),
        claimAs(OWNER_B, T0 + 10, { allowResendNotPlaced: true }),
      );

      expect(result.kind).toBe('claimed');
      expect(result.entry.state).toBe('pending');
      expect(result.entry.lease).toEqual({ owner: OWNER_B, expiresAt: T0 + 10 + LEASE_MS });
      expect(result.entry.attempts).toEqual(before?.attempts);
      expect(result.entry.evidence).toEqual(before?.evidence);
      expect(result.entry.sequence).toBe(before?.sequence);
    });

    it('answers unknown unless the caller allows a replay to a deduplicating panel', async () => {
      await driveTo(context.ledger, 'k1', 'unknown');
      const before = await context.ledger.get('k1');

      const refused = await context.ledger.claim(intentFor('k1'), claimAs(OWNER_B, T0 + 10));
      const replay = await context.ledger.claim(
        intentFor('k1'),
        claimAs(OWNER_B, T0 + 11, { allowReplayUnknown: true }),
      );

      expect(refused.kind).toBe('unknown');
      expect(replay.kind).toBe('claimed');
      expect(replay.entry.state).toBe('pending');
      expect(replay.entry.lease).toEqual({ owner: OWNER_B, expiresAt: T0 + 11 + LEASE_MS });
      expect(replay.entry.attempts).toEqual(before?.attempts);
      expect(replay.entry.unknownReason).toBe('timeout');
    });

    it('never claims placed or rejected again, whatever the caller allows', async () => {
      await driveTo(context.ledger, 'k1', 'placed');
      await driveTo(context.ledger, 'k2', 'rejected');
      const allowAll = { allowReplayUnknown: true, allowResendNotPlaced: true };

      const placed = await context.ledger.claim(
        intentFor('k1'),
        claimAs(OWNER_B, T0 + 9, allowAll),
      );
      const rejected = await context.ledger.claim(
        intentFor('k2'),
        claimAs(OWNER_B, T0 + 9, allowAll),
      );

      expect(placed.kind).toBe('placed');
      expect(rejected.kind).toBe('rejected');
    });

    it("answers locked while another owner's lease is live", async () => {
      await claimNew(context.ledger, 'k1');

      const result = await context.ledger.claim(
        intentFor('k1'),
        claimAs(OWNER_B, T0 + LEASE_MS - 1),
      );

      expect(result.kind).toBe('locked');
      expect(result.entry.lease).toEqual({ owner: OWNER_A, expiresAt: T0 + LEASE_MS });
    });

    it('lets the same owner claim again while its lease is live, renewing the lease', async () => {
      await claimNew(context.ledger, 'k1');

      const result = await context.ledger.claim(intentFor('k1'), claimAs(OWNER_A, T0 + 1_000));

      expect(result.kind).toBe('claimed');
      expect(result.entry.lease).toEqual({ owner: OWNER_A, expiresAt: T0 + 1_000 + LEASE_MS });
    });

    it('lets another owner take over once the lease expired, keeping the attempts', async () => {
      await driveTo(context.ledger, 'k1', 'pending');

      const result = await context.ledger.claim(intentFor('k1'), claimAs(OWNER_B, T0 + LEASE_MS));

      // The attempt without endedAt is what the order path inspects: it may have been sent.
      expect(result.kind).toBe('claimed');
      expect(result.entry.lease).toEqual({ owner: OWNER_B, expiresAt: T0 + 2 * LEASE_MS });
      expect(result.entry.attempts).toEqual([{ attempt: 1, startedAt: T0 + 1 }]);
      expect(result.entry.updatedAt).toBe(T0 + LEASE_MS);
    });

    it('makes a released intent claimable at once by another owner', async () => {
      await claimNew(context.ledger, 'k1');
      await context.ledger.release('k1', OWNER_A);

      expect((await context.ledger.get('k1'))?.lease).toBeUndefined();
      const result = await context.ledger.claim(intentFor('k1'), claimAs(OWNER_B, T0 + 1));
      expect(result.kind).toBe('claimed');
      expect(result.entry.lease?.owner).toBe(OWNER_B);
    });

    it('refuses a claim without an owner or with a lease that is not positive', async () => {
      await expectLedgerError(context.ledger.claim(intentFor('k1'), claimAs('')));
      await expectLedgerError(
        context.ledger.claim(intentFor('k1'), { ...claimAs(OWNER_A), leaseMs: 0 }),
      );
      expect(await context.ledger.get('k1')).toBeUndefined();
    });

    it('refuses an intent a durable store could not keep faithfully, storing nothing', async () => {
      const numeric = { ...intentFor('k1'), params: { quantity: 100 as unknown as string } };

      await expectLedgerError(context.ledger.claim(numeric, claimAs(OWNER_A)));
      await expectLedgerError(context.ledger.claim(intentFor('k1'), claimAs(OWNER_A, Number.NaN)));
      expect(await context.ledger.get('k1')).toBeUndefined();
    });

    it('answers exactly one of 20 parallel claims of one key with claimed, the rest locked', async () => {
      const owners = Array.from({ length: 20 }, (_, index) => `worker-${index}`);

      const results = await Promise.all(
        owners.map((owner) => context.ledger.claim(intentFor('k1'), claimAs(owner))),
      );

      const claimed = results.filter((result) => result.kind === 'claimed');
      expect(claimed).toHaveLength(1);
      expect(results.filter((result) => result.kind === 'locked')).toHaveLength(19);
      expect((await context.ledger.get('k1'))?.lease?.owner).toBe(claimed[0]?.entry.lease?.owner);
    });

    it('claims different keys in parallel with distinct sequences', async () => {
      const keys = Array.from({ length: 10 }, (_, index) => `k${index}`);

      const results = await Promise.all(
        keys.map((key) => context.ledger.claim(intentFor(key), claimAs(OWNER_A))),
      );

      expect(results.every((result) => result.kind === 'claimed')).toBe(true);
      expect(new Set(results.map((result) => result.entry.sequence)).size).toBe(10);
    });
  });
}
