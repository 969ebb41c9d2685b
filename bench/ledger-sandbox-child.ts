/**
 * The sandbox panel for `ledger-throughput.ts`, in a process of its own so that the client
 * under measurement does not share its event loop with the server (a real panel is on another
 * machine). Started with `fork`; sends `{ url, apiKey }` once listening; exits when the parent
 * says `close` or goes away.
 */
import { startSandboxPanel } from '../src/sandbox/index.js';

const panel = await startSandboxPanel({
  startingBalance: '100000000',
  // Every order has its own link; the rule would only add a lookup per order.
  duplicateLinkRule: false,
});
const stop = (): void => {
  void panel.close().finally(() => process.exit(0));
};
process.on('message', (message) => {
  if (message === 'close') stop();
});
process.on('disconnect', stop);
process.send?.({ url: panel.url, apiKey: panel.apiKey });
