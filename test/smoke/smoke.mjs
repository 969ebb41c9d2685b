// Loads the built ES module entry points with import and calls into them.
import assert from 'node:assert/strict';
import { isOrderOutcomeUnknownError, PanelClient } from '../../dist/index.js';
import { migratePostgresLedger, openPostgresLedger } from '../../dist/postgres.js';
import { startSandboxPanel } from '../../dist/sandbox.js';

const panel = await startSandboxPanel();
const client = new PanelClient({ profile: { url: panel.url, apiKey: panel.apiKey } });
try {
  const balance = await client.balance();
  assert.match(balance.balance, /^\d+(\.\d+)?$/);
  const services = await client.services();
  const service = services.find((s) => s.type === 'default');
  const placed = await client.order({
    service: service.id,
    link: 'https://example.test/esm',
    quantity: service.min ?? 100,
  });
  assert.match(placed.orderId, /^\d+$/);
  const again = await client.order(
    { service: service.id, link: 'https://example.test/esm', quantity: service.min ?? 100 },
    { idempotencyKey: placed.idempotencyKey },
  );
  assert.equal(again.orderId, placed.orderId);
  assert.equal(again.isReplay, true);
  assert.equal(isOrderOutcomeUnknownError(new Error('x')), false);
  assert.equal(typeof openPostgresLedger, 'function');
  assert.equal(typeof migratePostgresLedger, 'function');
  console.log(`esm smoke ok: order ${placed.orderId}`);
} finally {
  await client.close();
  await panel.close();
}
