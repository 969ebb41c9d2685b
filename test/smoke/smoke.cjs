// Loads the built CommonJS entry points with require() and calls into them: publint and attw
// pass builds whose require() path breaks at call time, so only running it proves it works.
const assert = require('node:assert/strict');
const sdk = require('../../dist/index.cjs');
const { startSandboxPanel } = require('../../dist/sandbox.cjs');
const { openSqliteLedger } = require('../../dist/sqlite.cjs');
const { mkdtempSync, rmSync } = require('node:fs');
const { join } = require('node:path');
const { tmpdir } = require('node:os');

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'smm-smoke-'));
  const ledger = await openSqliteLedger({ path: join(dir, 'ledger.db') });
  const panel = await startSandboxPanel();
  const client = new sdk.PanelClient({ profile: { url: panel.url, apiKey: panel.apiKey }, ledger });
  try {
    const balance = await client.balance();
    assert.match(balance.balance, /^\d+(\.\d+)?$/);
    const services = await client.services();
    assert.ok(services.length > 0);
    const service = services.find((s) => s.type === 'default');
    const placed = await client.order({
      service: service.id,
      link: 'https://example.test/cjs',
      quantity: service.min ?? 100,
    });
    assert.match(placed.orderId, /^\d+$/);
    assert.equal(
      sdk.classify({ action: 'add', error: new Error('x'), hasServerIdempotency: false }).decision
        .length > 0,
      true,
    );
    console.log(`cjs smoke ok: order ${placed.orderId}`);
    const entry = await ledger.get(placed.idempotencyKey);
    assert.equal(entry.state, 'placed');
  } finally {
    await client.close();
    await ledger.close();
    await panel.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
