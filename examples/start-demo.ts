/**
 * `npm start`: the quickstart against a sandbox panel started in this process.
 * With SMM_PANEL_URL, SMM_PANEL_KEY and SMM_QUICKSTART_LINK set, it runs against that panel
 * instead (real orders, real money).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSandboxPanel } from 'smm-panel-client/sandbox';
import { runQuickstart } from './quickstart.js';

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'smm-quickstart-'));
  const ledgerPath = join(dir, 'ledger.jsonl');
  const log = (line: string) => console.log(line);
  const { SMM_PANEL_URL: url, SMM_PANEL_KEY: apiKey, SMM_QUICKSTART_LINK: link } = process.env;

  try {
    if (url && apiKey && link) {
      console.log(`running the quickstart against ${new URL(url).host} (real orders)`);
      await runQuickstart({ url, apiKey, link, ledgerPath, log });
      return;
    }
    const panel = await startSandboxPanel();
    console.log(`sandbox panel started at ${panel.url}`);
    try {
      await runQuickstart({
        url: panel.url,
        apiKey: panel.apiKey,
        link: 'https://example.test/p/quickstart',
        ledgerPath,
        log,
        pollMs: 250,
      });
    } finally {
      await panel.close();
    }
    console.log('quickstart finished');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? `${error.name}: ${error.message}` : error);
  process.exit(1);
});
