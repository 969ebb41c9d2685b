import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const fixture = (name: string) => fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url));

describe('the package on a runtime without undici', () => {
  it('imports, and orders through the fetch transport, when undici cannot load', async () => {
    const { stdout } = await run(
      process.execPath,
      [
        '--import',
        'tsx',
        '--import',
        fixture('block-undici.mjs'),
        fixture('order-without-undici.ts'),
      ],
      { timeout: 30_000 },
    );
    expect(JSON.parse(stdout)).toEqual({ orderId: expect.stringMatching(/^\d+$/) });
  });

  it('fails the first request with a transport error when the default transport is used', async () => {
    const script = `
      import { PanelClient } from '${fileURLToPath(new URL('../../src/index.ts', import.meta.url))}';
      const client = new PanelClient({ profile: { url: 'http://127.0.0.1:9/api/v2', apiKey: 'k-123456' } });
      try { await client.balance(); } catch (error) { console.log(JSON.stringify({ code: error.code, sendState: error.sendState })); }
      await client.close();
    `;
    const { stdout } = await run(
      process.execPath,
      [
        '--import',
        'tsx',
        '--import',
        fixture('block-undici.mjs'),
        '--input-type=module',
        '-e',
        script,
      ],
      { timeout: 30_000 },
    );
    expect(JSON.parse(stdout)).toMatchObject({ sendState: 'not_sent' });
  });
});
