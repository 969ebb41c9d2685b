import pg from 'pg';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  createOrderHandler,
  localContext,
  type OrderEvent,
  type OrderHandler,
} from '../../examples/lambda-handler.js';
import { encodeOrderInput } from '../../src/api/order-input.js';
import { fingerprintOrder } from '../../src/idempotency/fingerprint.js';
import { deriveIdempotencyKey } from '../../src/idempotency/idempotency-key.js';
import {
  migratePostgresLedger,
  openPostgresLedger,
  type PostgresLedger,
} from '../../src/postgres.js';
import { type SandboxPanel, startSandboxPanel } from '../../src/sandbox/index.js';
import { databaseUrlForTests, runExample, uniqueSchema, waitFor } from './helpers.js';

const DATABASE_URL = databaseUrlForTests();

const describeWithDatabase = DATABASE_URL === undefined ? describe.skip : describe;
const title = 'examples/lambda-handler';

describeWithDatabase(
  DATABASE_URL === undefined ? `${title} (skipped: DATABASE_URL not set)` : title,
  () => {
    const schema = uniqueSchema('lambda');
    let ledger: PostgresLedger;
    let panel: SandboxPanel;
    let handler: OrderHandler;

    beforeAll(async () => {
      await migratePostgresLedger(DATABASE_URL as string, { schema });
      ledger = await openPostgresLedger({ connectionString: DATABASE_URL, schema });
      panel = await startSandboxPanel();
    });
    afterAll(async () => {
      await ledger?.close();
      await panel?.close();
      const admin = new pg.Pool({ connectionString: DATABASE_URL, max: 1 });
      await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      await admin.end();
    });
    beforeEach(() => {
      panel.faults.clear();
      handler = createOrderHandler({
        panel: () => ({ url: panel.url, apiKey: panel.apiKey }),
        ledger: () => Promise.resolve(ledger),
        safetyMarginMs: 1_000,
      });
    });

    let eventCount = 0;
    /** A new event id per test: the ledger and the sandbox live for the whole file. */
    function newEvent(link = `https://example.test/lambda/${eventCount}`): OrderEvent {
      eventCount += 1;
      return { id: `evt-${eventCount}`, detail: { service: 1, link, quantity: 100 } };
    }
    const addRequests = () => panel.state.requests().byAction.add ?? 0;

    it('places one order when the same event is delivered twice', async () => {
      const event = newEvent();
      const before = addRequests();

      const first = await handler(event, localContext(10_000));
      const again = await handler(event, localContext(10_000));

      expect(first).toMatchObject({ status: 'placed', orderId: expect.any(String) });
      expect(again).toEqual({ ...first, status: 'already_placed' });
      expect(first.idempotencyKey).toBe(deriveIdempotencyKey('lambda-orders', event.id));
      expect(addRequests() - before).toBe(1);
      expect(panel.state.purchases().byLink[event.detail.link]).toBe(1);
      expect(JSON.stringify(first)).not.toContain(panel.apiKey);
    });

    it('stops at the deadline left by the invocation, with a lease that outlives it', async () => {
      panel.faults.script('add', ['hang_after_commit']);
      const event = newEvent();
      const key = deriveIdempotencyKey('lambda-orders', event.id);
      const startedAt = Date.now();

      const pending = handler(event, localContext(2_500));
      await waitFor(() => panel.faults.pending('add') === 0);
      const entry = await ledger.get(key);
      const result = await pending;

      // 2.5 s left minus the 1 s margin: the call gives up after 1.5 s, well inside the invocation.
      expect(Date.now() - startedAt).toBeLessThan(2_500);
      expect(result).toMatchObject({ status: 'pending_reconciliation', idempotencyKey: key });
      expect(entry?.lease?.expiresAt).toBeGreaterThanOrEqual(startedAt + 2_500);
      expect((await ledger.get(key))?.state).toBe('unknown');
    });

    it('refuses to start with too little time left, sending and claiming nothing', async () => {
      const event = newEvent();
      const before = addRequests();

      await expect(handler(event, localContext(1_500))).rejects.toThrow(/too little/);
      expect(addRequests()).toBe(before);
      expect(await ledger.get(deriveIdempotencyKey('lambda-orders', event.id))).toBeUndefined();
    });

    it('does not resend an order a killed invocation may have sent', async () => {
      // What a killed invocation leaves: the intent claimed, an attempt started, never ended.
      const event = newEvent();
      const key = deriveIdempotencyKey('lambda-orders', event.id);
      const params = encodeOrderInput(event.detail);
      const intent = { key, fingerprint: fingerprintOrder(params), panel: 'standard', params };
      const killedAt = Date.now() - 120_000;
      await ledger.claim(intent, { owner: 'lambda:killed', leaseMs: 60_000, now: killedAt });
      await ledger.recordAttempt(key, 'lambda:killed', { attempt: 1, startedAt: killedAt });
      const before = addRequests();

      const result = await handler(event, localContext(10_000));

      expect(result.status).toBe('pending_reconciliation');
      expect(addRequests()).toBe(before);
      expect((await ledger.get(key))?.unknownReason).toBe('worker_interrupted');
    });

    it('throws while another invocation holds the lease, so the platform retries later', async () => {
      const event = newEvent();
      const key = deriveIdempotencyKey('lambda-orders', event.id);
      const params = encodeOrderInput(event.detail);
      const intent = { key, fingerprint: fingerprintOrder(params), panel: 'standard', params };
      await ledger.claim(intent, { owner: 'lambda:alive', leaseMs: 60_000, now: Date.now() });

      await expect(handler(event, localContext(10_000))).rejects.toMatchObject({
        code: 'SMM_INTENT_LOCKED',
      });
    });

    it('returns a panel refusal as rejected, with its error class', async () => {
      const event = newEvent();
      event.detail.quantity = 5;

      const result = await handler(event, localContext(10_000));

      expect(result).toMatchObject({ status: 'rejected', errorClass: 'validation' });
    });

    it('runs directly: migrates, then a redelivery answers from the ledger', async () => {
      const run = await runExample('lambda-handler.ts', ['--sandbox'], {
        DATABASE_URL: DATABASE_URL as string,
        SMM_LEDGER_SCHEMA: schema,
      });

      expect(run.code).toBe(0);
      expect(run.stdout).toMatch(/first delivery: \{"status":"placed"/);
      expect(run.stdout).toMatch(/redelivery: \{"status":"already_placed"/);
    });
  },
);

describe('examples/lambda-handler without settings', () => {
  it('prints usage when run directly without DATABASE_URL', async () => {
    const run = await runExample('lambda-handler.ts', [], {});

    expect(run.code).toBe(2);
    expect(run.stderr).toContain('Usage: DATABASE_URL=postgres://');
  });
});
