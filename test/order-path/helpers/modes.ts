import type { PanelClient } from '../../../src/client/panel-client.js';
import type { SandboxPanel } from '../../../src/sandbox/index.js';
import {
  type ClientOverrides,
  clientFor,
  startPanel,
} from '../../client/helpers/sandbox-client.js';

/** The two panel modes of the classification table: no idempotency, or a key in a header. */
export const PANEL_MODES = ['none', 'header'] as const;
export type PanelMode = (typeof PANEL_MODES)[number];

/** A sandbox in one mode, and clients whose profile says the same; closes what it opened. */
export interface ModeHarness {
  readonly mode: PanelMode;
  /** True when the panel deduplicates `add` by key. */
  readonly keyed: boolean;
  panel(): SandboxPanel;
  /** A client on this panel with the matching profile. Closed by `closeClients`. */
  client(overrides?: ClientOverrides): PanelClient;
  start(): Promise<void>;
  closeClients(): Promise<void>;
  stop(): Promise<void>;
}

export function modeHarness(mode: PanelMode): ModeHarness {
  let panel: SandboxPanel | undefined;
  const clients: PanelClient[] = [];
  return {
    mode,
    keyed: mode !== 'none',
    panel: () => {
      if (panel === undefined) throw new Error('start() the harness first');
      return panel;
    },
    client(overrides = {}) {
      const current = this.panel();
      const client = clientFor(current, {
        ...overrides,
        profile: { idempotency: { mode }, ...overrides.profile },
      });
      clients.push(client);
      return client;
    },
    async start() {
      panel = await startPanel({ idempotency: { mode }, startingBalance: '1000' });
    },
    async closeClients() {
      await Promise.all(clients.splice(0).map((client) => client.close()));
      panel?.faults.clear();
    },
    async stop() {
      await this.closeClients();
      await panel?.close();
    },
  };
}
