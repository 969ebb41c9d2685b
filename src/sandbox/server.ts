import { createServer } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { FaultPlan } from './fault-plan.js';
import { createSandboxFaults, type SandboxFaults } from './faults.js';
import { resolveSandboxOptions, type SandboxOptions } from './options.js';
import { API_PATH, handleRequest, type RequestHandlerContext } from './request-handler.js';
import { SandboxState } from './state.js';
import { sendJson } from './wire.js';

/** A running sandbox panel. */
export interface SandboxPanel {
  /** The full API URL, `http://127.0.0.1:<port>/api/v2`. */
  readonly url: string;
  /** The TCP port it listens on. */
  readonly port: number;
  /** The API key it accepts. */
  readonly apiKey: string;
  /** Inspection and control of what the panel holds. */
  readonly state: SandboxState;
  /** Fault injection. */
  readonly faults: SandboxFaults;
  /**
   * Stops the server: delayed answers are dropped and every open connection is destroyed,
   * including hung ones, so it never waits on a client. Safe to call twice.
   */
  close(): Promise<void>;
}

/**
 * Starts a sandbox panel on 127.0.0.1: a real HTTP server that speaks the panel API as
 * docs/panel-api.md describes, keeps a balance and orders, and injects the faults it is told to.
 * Throws `InvalidOptionsError` for an invalid option.
 *
 * The CLI prints `url` and `apiKey` itself; nothing here writes to the console.
 *
 * @example
 * const panel = await startSandboxPanel({ startingBalance: '50' });
 * // ... point a client at panel.url with panel.apiKey ...
 * await panel.close();
 */
export async function startSandboxPanel(options?: SandboxOptions): Promise<SandboxPanel> {
  const resolved = resolveSandboxOptions(options);
  const state = new SandboxState(resolved);
  const plan = new FaultPlan(resolved.seed);
  const faults = createSandboxFaults(plan, () => state.faultsInjected());
  const context: RequestHandlerContext = { options: resolved, state, plan, timers: new Set() };
  const sockets = new Set<Socket>();

  const server = createServer((request, response) => {
    handleRequest(context, request, response).catch((error: unknown) => {
      // A sandbox bug must show in the test that met it, not vanish into a hung request.
      const message = error instanceof Error ? error.message : String(error);
      sendJson(response, 500, { error: `Sandbox internal error: ${message}` });
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  server.on('clientError', (_error, socket) => socket.destroy());

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(resolved.port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;

  let closing: Promise<void> | undefined;
  const close = (): Promise<void> => {
    closing ??= new Promise<void>((resolve, reject) => {
      for (const timer of context.timers) clearTimeout(timer);
      context.timers.clear();
      server.close((error) => (error ? reject(error) : resolve()));
      for (const socket of sockets) socket.destroy();
    });
    return closing;
  };

  return {
    url: `http://127.0.0.1:${port}${API_PATH}`,
    port,
    apiKey: resolved.apiKey,
    state,
    faults,
    close,
  };
}
