import Big from 'big.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ORDER_TYPES,
  type OrderType,
  orderTypeFromServiceType,
} from '../../src/api/order-types.js';
import type { PanelClient } from '../../src/client/panel-client.js';
import { InvalidInputError } from '../../src/errors/input-errors.js';
import type { SandboxPanel } from '../../src/sandbox/index.js';
import {
  clientFor,
  requestsOf,
  startPanel,
  totalRequests,
  uniqueLink,
} from './helpers/sandbox-client.js';
import { invalidOrderInput, sandboxOrderInput } from './helpers/sandbox-order-inputs.js';

describe('PanelClient.order for every order type against the sandbox', () => {
  let panel: SandboxPanel;
  let client: PanelClient;
  const serviceOf = new Map<OrderType, string>();

  beforeAll(async () => {
    panel = await startPanel({ startingBalance: '10000' });
    client = clientFor(panel);
    // Loads the rates, so each order records the charge it should cost.
    for (const service of await client.services()) {
      const type = orderTypeFromServiceType(service.rawType);
      if (type !== undefined && !serviceOf.has(type)) serviceOf.set(type, service.id);
    }
  });

  afterAll(async () => {
    await client.close();
    await panel.close();
  });

  it('finds a sandbox service for each of the 17 order types', () => {
    expect(ORDER_TYPES).toHaveLength(17);
    expect([...serviceOf.keys()].sort()).toEqual([...ORDER_TYPES].sort());
  });

  it.each(ORDER_TYPES)('places a %s order, charged what the ledger expected', async (type) => {
    const service = serviceOf.get(type) as string;
    const result = await client.order(sandboxOrderInput(type, service, uniqueLink(type)));

    expect(result.isReplay).toBe(false);
    expect(result.entry.state).toBe('placed');
    expect(result.entry.orderId).toBe(result.orderId);
    const bought = panel.state.order(result.orderId);
    expect(bought?.ownedByUs).toBe(true);
    expect(bought?.service).toBe(Number(service));

    const expected = result.entry.expectedCharge;
    if (type === 'subscriptions') {
      // A subscription's cost depends on posts not yet made: the client records no guess
      // (the sandbox charges max × posts up front, a convention of its own).
      expect(expected).toBeUndefined();
      return;
    }
    expect(expected).toBeDefined();
    expect(new Big(bought?.charge as string).eq(new Big(expected as string))).toBe(true);
    // Money is an exact plain decimal text, never an exponent form.
    expect(expected).toMatch(/^\d+(\.\d+)?$/);
  });

  it('places a drip-feed order charged runs × quantity at the rate', async () => {
    const dripService = (await client.services()).find((s) => s.dripfeed && s.type === 'default');
    expect(dripService).toBeDefined();
    const result = await client.order({
      service: dripService?.id as string,
      link: uniqueLink('drip'),
      quantity: 200,
      runs: 3,
      interval: 10,
    });
    const bought = panel.state.order(result.orderId);
    expect(bought?.quantity).toBe(600);
    expect(result.entry.expectedCharge).toBe(bought?.charge);
  });

  it.each(ORDER_TYPES)('refuses a bad %s order before sending anything', async (type) => {
    const [input, path] = invalidOrderInput(type, serviceOf.get(type) as string);
    const before = totalRequests(panel);
    const error = await client.order(input as never).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(InvalidInputError);
    expect((error as InvalidInputError).issues.map((issue) => issue.path)).toContain(path);
    expect(totalRequests(panel)).toBe(before);
    expect(requestsOf(panel, 'add')).toBe(panel.state.purchases().orders);
  });
});
