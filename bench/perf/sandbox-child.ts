/**
 * The sandbox panel in a process of its own, so that the benchmarked client and the server do
 * not share one event loop (a real panel is on another machine) and `process.cpuUsage()` in
 * the parent counts the client alone. Started by `sandbox-process.ts` through `fork`.
 *
 * Messages in: `{ type: 'cpu', id }` (answers this process's CPU time so far), `{ type: 'faults',
 * id, rule }` (sets a fault rule, or clears them all for `null`; answers when done) and
 * `{ type: 'close' }`. Message out, once listening: `{ type: 'ready', url, apiKey }`.
 */
import { type SandboxFaultRule, startSandboxPanel } from '../../src/sandbox/index.js';
import { BENCH_SANDBOX_OPTIONS } from './sandbox-options.js';

type ParentMessage =
  | { type: 'cpu'; id: number }
  | { type: 'faults'; id: number; rule: SandboxFaultRule | null }
  | { type: 'close' };

async function main(): Promise<void> {
  const panel = await startSandboxPanel(BENCH_SANDBOX_OPTIONS);
  const send = (message: unknown): void => {
    process.send?.(message);
  };

  process.on('message', (message: ParentMessage) => {
    if (message.type === 'cpu') {
      const usage = process.cpuUsage();
      send({ type: 'cpu', id: message.id, micros: usage.user + usage.system });
    } else if (message.type === 'faults') {
      if (message.rule === null) panel.faults.clear();
      else panel.faults.set(message.rule);
      send({ type: 'faults', id: message.id });
    } else if (message.type === 'close') {
      void panel.close().finally(() => process.exit(0));
    }
  });
  // The parent died without saying goodbye: do not linger as an orphan holding a port.
  process.on('disconnect', () => {
    void panel.close().finally(() => process.exit(0));
  });

  send({ type: 'ready', url: panel.url, apiKey: panel.apiKey });
}

main().catch((error: unknown) => {
  process.stderr.write(`bench sandbox: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
