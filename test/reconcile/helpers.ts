import type { OrderInput } from '../../src/api/order-input-types.js';
import type { OrderOptions, PanelClientOptions } from '../../src/client/client-options.js';
import { PanelClient } from '../../src/client/panel-client.js';
import type { IdempotencySupport } from '../../src/client/panel-profile.js';
import { isOrderOutcomeUnknownError } from '../../src/errors/guards.js';
import type { Ledger } from '../../src/ledger/ledger.js';
import { createMemoryLedger } from '../../src/ledger/memory-ledger.js';
import { Reconciler } from '../../src/reconcile/reconciler.js';
import type { ReconcilerOptions } from '../../src/reconcile/reconciler-options.js';
import {
  type SandboxOptions,
  type SandboxPanel,
  startSandboxPanel,
} from '../../src/sandbox/index.js';

/** A clock that moves only when told. */
export function fakeClock(start = 1_700_000_000_000): {
  now: () => number;
  advance: (ms: number) => void;
} {
  let time = start;
  return {
    now: () => time,
    advance: (ms) => {
      time += ms;
    },
  };
}

/** A sandbox panel, a client on it recording in a memory ledger, and controllable clocks. */
export interface Setup {
  panel: SandboxPanel;
  client: PanelClient;
  ledger: Ledger;
  /** The sandbox's clock: orders progress only when it moves. */
  panelClock: ReturnType<typeof fakeClock>;
  /**
   * Shift of the client's clock: each order moves it 2 s on, so ledger times are apart as
   * they would be in a real run (orders less than the clock-skew allowance apart do not
   * bound each other), without sleeping.
   */
  clientShiftMs: number;
  /** Extra shift of the reconciler's clock, to step past the grace window without sleeping. */
  shiftMs: number;
  /** A reconciler on this setup, its clock `Date.now() + clientShiftMs + shiftMs`. */
  reconciler(options?: Partial<ReconcilerOptions>): Reconciler;
  close(): Promise<void>;
}

/** Starts everything; ids are not contiguous (other users order in between) unless told. */
export async function setUp(
  options: {
    sandbox?: SandboxOptions;
    idempotency?: IdempotencySupport;
    client?: Partial<PanelClientOptions>;
  } = {},
): Promise<Setup> {
  const panelClock = fakeClock();
  const panel = await startSandboxPanel({ clock: panelClock.now, seed: 7, ...options.sandbox });
  const ledger = createMemoryLedger();
  let clientShiftMs = 0;
  const client = new PanelClient({
    now: () => Date.now() + clientShiftMs,
    profile: {
      url: panel.url,
      apiKey: panel.apiKey,
      ...(options.idempotency === undefined ? {} : { idempotency: options.idempotency }),
    },
    ledger,
    retry: { baseDelayMs: 1, maxDelayMs: 5, deadlineMs: 5_000 },
    ...options.client,
  });
  // Loads the rates, so every intent records its expected charge.
  await client.services();
  const setup: Setup = {
    panel,
    client,
    ledger,
    panelClock,
    get clientShiftMs() {
      return clientShiftMs;
    },
    set clientShiftMs(value: number) {
      clientShiftMs = value;
    },
    shiftMs: 0,
    reconciler: (extra = {}) =>
      new Reconciler({
        client,
        ledger,
        now: () => Date.now() + clientShiftMs + setup.shiftMs,
        ...extra,
      }),
    close: async () => {
      await client.close();
      await panel.close();
    },
  };
  return setup;
}

/** Places an order and returns its id; throws on any failure. */
export async function place(
  setup: Setup,
  input: OrderInput,
  key?: string,
  options: Omit<OrderOptions, 'idempotencyKey'> = {},
): Promise<string> {
  const result = await setup.client.order(input, {
    ...options,
    ...(key === undefined ? {} : { idempotencyKey: key }),
  });
  setup.clientShiftMs += 2_000;
  return result.orderId;
}

/** Places an order whose answer is lost (the fault must be scripted first); returns its key. */
export async function placeLost(setup: Setup, input: OrderInput, key: string): Promise<string> {
  try {
    await setup.client.order(input, { idempotencyKey: key });
  } catch (error) {
    setup.clientShiftMs += 2_000;
    if (isOrderOutcomeUnknownError(error)) return key;
    throw error;
  }
  throw new Error(`order ${key} was answered; expected a lost answer`);
}

/** The sandbox order id of our order on a link (there must be exactly one). */
export function orderIdOnLink(panel: SandboxPanel, link: string): string {
  const orders = panel.state.orders({ ownedByUs: true }).filter((order) => order.link === link);
  if (orders.length !== 1) throw new Error(`${orders.length} orders on ${link}`);
  return (orders[0] as { id: string }).id;
}

/** A followers order (service 1, 0.90 per 1000). */
export function followers(link: string, quantity: number): OrderInput {
  return { service: 1, link: `https://example.test/${link}`, quantity };
}
