import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PanelClientOptions } from '../../src/client/client-options.js';
import { PanelClient } from '../../src/client/panel-client.js';
import { definePanelProfile, type PanelProfileOptions } from '../../src/client/panel-profile.js';
import { InvalidInputError, InvalidOptionsError } from '../../src/errors/input-errors.js';
import { DEFAULT_SANDBOX_SERVICES, type SandboxPanel } from '../../src/sandbox/index.js';
import {
  clientFor,
  countingTransport,
  requestsOf,
  startPanel,
  totalRequests,
  uniqueLink,
} from './helpers/sandbox-client.js';

const GOOD = { url: 'https://panel.example/api/v2', apiKey: 'k-123456' };

function optionError(build: () => unknown): InvalidOptionsError {
  try {
    build();
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidOptionsError);
    return error as InvalidOptionsError;
  }
  throw new Error('expected InvalidOptionsError');
}

describe('panel profile and client options', () => {
  it.each<[string, Partial<PanelProfileOptions>, string]>([
    ['a URL that is not one', { url: 'panel.example/api' }, 'url'],
    ['a URL of another protocol', { url: 'ftp://panel.example/api/v2' }, 'url'],
    ['a URL with credentials', { url: 'https://user:pw@panel.example/api/v2' }, 'url'],
    ['a URL with the key in it', { url: 'https://panel.example/api/v2?key=abc' }, 'url'],
    ['an empty key', { apiKey: '  ' }, 'apiKey'],
    ['a batch limit of 0', { batchLimit: 0 }, 'batchLimit'],
    ['a batch limit above 100', { batchLimit: 101 }, 'batchLimit'],
    ['a fractional batch limit', { batchLimit: 2.5 }, 'batchLimit'],
    ['an unknown encoding', { encoding: 'xml' as never }, 'encoding'],
    [
      'an unknown idempotency mode',
      { idempotency: { mode: 'cookie' } as never },
      'idempotency.mode',
    ],
  ])('refuses a profile with %s, naming the option', (_, override, option) => {
    const error = optionError(() => definePanelProfile({ ...GOOD, ...override }));
    expect(error.option).toBe(option);
    expect(error.message).toContain(option);
    // The same check runs when a client is given the profile's options.
    expect(optionError(() => new PanelClient({ profile: { ...GOOD, ...override } })).option).toBe(
      option,
    );
  });

  it.each<[string, Partial<PanelClientOptions>, string]>([
    ['a lease of 0 ms', { leaseMs: 0 }, 'leaseMs'],
    ['a batch concurrency of 0', { batchConcurrency: 0 }, 'batchConcurrency'],
    ['zero attempts', { retry: { maxAttempts: 0 } }, 'maxAttempts'],
    ['a negative deadline', { retry: { deadlineMs: -1 } }, 'deadlineMs'],
  ])('refuses client options with %s, naming the option', (_, override, option) => {
    const error = optionError(() => new PanelClient({ profile: GOOD, ...override }));
    expect(error.option).toBe(option);
  });

  it('refuses a client without a profile', () => {
    expect(optionError(() => new PanelClient({} as PanelClientOptions)).option).toBe('profile');
  });

  it('fills the standard defaults', () => {
    const profile = definePanelProfile(GOOD);
    expect(profile).toMatchObject({
      name: 'standard',
      encoding: 'form',
      batchLimit: 100,
      idempotency: { mode: 'none' },
      hasServerIdempotency: false,
    });
    expect(definePanelProfile({ ...GOOD, idempotency: { mode: 'header' } }).idempotency).toEqual({
      mode: 'header',
      name: 'Idempotency-Key',
    });
  });
});

describe('ids and batches against the sandbox', () => {
  let panel: SandboxPanel;
  let client: PanelClient;

  beforeAll(async () => {
    panel = await startPanel();
    client = clientFor(panel);
  });

  afterAll(async () => {
    await client.close();
    await panel.close();
  });

  it('refuses a number id above 2^53 before sending, in every id method', async () => {
    const unsafe = 2 ** 53 + 2;
    const before = totalRequests(panel);
    const calls = [
      () => client.status(unsafe),
      () => client.status([1, unsafe]),
      () => client.refill(unsafe),
      () => client.refill([unsafe]),
      () => client.refillStatus(unsafe),
      () => client.refillStatus([unsafe]),
      () => client.cancel(unsafe),
      () => client.cancel([unsafe]),
    ];
    for (const call of calls) {
      await expect(call()).rejects.toBeInstanceOf(InvalidInputError);
    }
    expect(totalRequests(panel)).toBe(before);
  });

  it('refuses ids that are empty, negative, fractional or carry commas, before sending', async () => {
    const before = totalRequests(panel);
    for (const bad of ['', ' ', '1,2', '1 2', -1, 1.5, Number.NaN]) {
      await expect(client.status(bad as never)).rejects.toBeInstanceOf(InvalidInputError);
    }
    await expect(client.status([])).rejects.toBeInstanceOf(InvalidInputError);
    expect(totalRequests(panel)).toBe(before);
  });

  it('keeps every digit of an id given as a string above 2^53', async () => {
    const big = '90071992547409930123';
    const states = await client.status([big, '10']);
    expect([...states.keys()]).toEqual([big, '10']);
    expect(states.get(big)).toMatchObject({ ok: false, errorClass: 'not_found' });
  });

  it('takes safe number ids and answers under their text', async () => {
    const order = panel.state.createOrphanOrder({ service: 1, link: uniqueLink(), quantity: 100 });
    const states = await client.status([Number(order.id)]);
    expect(states.get(order.id)).toMatchObject({ ok: true });
  });

  it('asks once per distinct id', async () => {
    const order = panel.state.createOrphanOrder({ service: 1, link: uniqueLink(), quantity: 100 });
    const transport = countingTransport();
    const local = clientFor(panel, { transport });
    try {
      const states = await local.status([order.id, order.id, Number(order.id)]);
      expect(states.size).toBe(1);
      expect(transport.sent[0]?.form.orders).toBe(order.id);
    } finally {
      await local.close();
      await transport.close();
    }
  });

  it('speaks JSON bodies when the profile says so', async () => {
    const transport = countingTransport();
    const local = clientFor(panel, { transport, profile: { encoding: 'json' } });
    try {
      const link = uniqueLink('json');
      const placed = await local.order({ service: 1, link, quantity: 100 });
      expect(panel.state.order(placed.orderId)?.link).toBe(link);
      expect((await local.status([placed.orderId])).get(placed.orderId)).toMatchObject({
        ok: true,
      });
      expect(transport.sent.every((request) => request.encoding === 'json')).toBe(true);
    } finally {
      await local.close();
      await transport.close();
    }
  });

  it('splits at the profile batch limit and keeps at most batchConcurrency calls in flight', async () => {
    const ids = Array.from({ length: 45 }, (_, index) => String(900_000 + index));
    const transport = countingTransport();
    const local = clientFor(panel, {
      transport,
      batchConcurrency: 2,
      profile: { batchLimit: 10 },
    });
    panel.faults.script('status', Array(5).fill({ kind: 'delay', delayMs: 50 }));
    const before = requestsOf(panel, 'status');
    try {
      const states = await local.status(ids);
      expect(states.size).toBe(45);
      expect(requestsOf(panel, 'status') - before).toBe(5);
      expect(transport.sent.map((request) => request.form.orders?.split(',').length)).toEqual([
        10, 10, 10, 10, 5,
      ]);
      expect(transport.maxInFlight()).toBe(2);
    } finally {
      panel.faults.clear();
      await local.close();
      await transport.close();
    }
  });
});

describe('expected charge as exact money', () => {
  it('records a tiny charge as a plain decimal, never in exponent form', async () => {
    const panel = await startPanel({
      services: [
        ...DEFAULT_SANDBOX_SERVICES,
        {
          id: 99,
          name: 'Tiny',
          type: 'Default',
          category: 'Cheap',
          rate: '0.00001',
          min: 1,
          max: 1000,
          refill: false,
          cancel: false,
          dripfeed: false,
        },
      ],
    });
    const client = clientFor(panel);
    try {
      await client.services();
      const result = await client.order({ service: 99, link: uniqueLink(), quantity: 1 });
      expect(result.entry.expectedCharge).toBe('0.00000001');
      expect(panel.state.order(result.orderId)?.charge).toBe('0.00000001');
    } finally {
      await client.close();
      await panel.close();
    }
  });
});
