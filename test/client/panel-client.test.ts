import Big from 'big.js';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { PanelClient } from '../../src/client/panel-client.js';
import { PanelRejectedError } from '../../src/errors/panel-errors.js';
import type { SandboxPanel } from '../../src/sandbox/index.js';
import { clientFor, requestsOf, startPanel, uniqueLink } from './helpers/sandbox-client.js';

describe('PanelClient reads and follow-up actions against the sandbox', () => {
  let panel: SandboxPanel;
  let client: PanelClient;

  beforeAll(async () => {
    panel = await startPanel({ startingBalance: '500' });
    client = clientFor(panel);
  });

  afterAll(async () => {
    await client.close();
    await panel.close();
  });

  beforeEach(() => {
    panel.faults.clear();
  });

  /** An order of ours on a service with refill and cancel (service 1), placed directly. */
  function runningOrder(): string {
    return panel.state.createOrphanOrder({ service: 1, link: uniqueLink(), quantity: 100 }).id;
  }

  /** A completed order of a service that offers refills. */
  function completedOrder(): string {
    const id = runningOrder();
    panel.state.forceOrderStatus(id, 'Completed');
    return id;
  }

  it('lists the services normalised: ids as text, exact rates, types, limits and flags', async () => {
    const services = await client.services();
    const catalogue = panel.state.services();
    expect(services).toHaveLength(catalogue.length);
    for (const [index, service] of services.entries()) {
      const source = catalogue[index];
      expect(service.id).toBe(String(source?.id));
      expect(service.rawType).toBe(source?.type);
      expect(service.rate).toBe(source?.rate);
      expect(service.min).toBe(source?.min);
      expect(service.max).toBe(source?.max);
      expect(service.refill).toBe(source?.refill);
      expect(service.cancel).toBe(source?.cancel);
      expect(service.dripfeed).toBe(source?.dripfeed);
    }
    const comments = services.find((service) => service.rawType === 'Custom Comments');
    // `type` is the panel's text tidied (lower case, single spaces), as its TSDoc says.
    expect(comments?.type).toBe('custom comments');
  });

  it('reads the balance as an exact decimal text, and sees an order charged to it', async () => {
    const before = await client.balance();
    expect(before.currency).toBe('USD');
    expect(new Big(before.balance).eq(panel.state.balance())).toBe(true);
    expect(before.balance).toMatch(/^\d+\.\d{5,}$/);

    await client.order({ service: 2, link: uniqueLink(), quantity: 1234 });
    const after = await client.balance();
    // 0.12 per 1000 × 1234 = 0.14808, to the last digit.
    expect(new Big(before.balance).minus(after.balance).toString()).toBe('0.14808');
  });

  it('reads the status of one order', async () => {
    const id = runningOrder();
    const state = await client.status(id);
    expect(state.rawStatus).toBe(panel.state.order(id)?.status);
    expect(state.charge).toBe('0.09');
    expect(state.currency).toBe('USD');
    expect(state.remains).toBeTypeOf('number');
  });

  it('reads the status of several orders, with an unknown id as a not_found item', async () => {
    const first = runningOrder();
    const second = completedOrder();
    const states = await client.status([first, second, '424242']);

    expect([...states.keys()]).toEqual([first, second, '424242']);
    expect(states.get(first)).toMatchObject({ ok: true, charge: '0.09' });
    expect(states.get(second)).toMatchObject({ ok: true, status: 'completed', remains: 0 });
    expect(states.get('424242')).toMatchObject({ ok: false, errorClass: 'not_found' });
  });

  it('throws PanelRejectedError (not_found) for the status of one unknown id', async () => {
    const error = await client.status('424242').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(PanelRejectedError);
    expect((error as PanelRejectedError).errorClass).toBe('not_found');
  });

  it('splits 250 ids into 3 status calls and answers each id once, in order', async () => {
    const ids = Array.from({ length: 250 }, () => runningOrder());
    const before = requestsOf(panel, 'status');
    const states = await client.status(ids);

    expect(requestsOf(panel, 'status') - before).toBe(3);
    expect([...states.keys()]).toEqual(ids);
    expect([...states.values()].every((item) => item.ok)).toBe(true);
  });

  it('asks for a refill of one completed order and reads its status', async () => {
    const id = completedOrder();
    const { refill } = await client.refill(id);
    expect(panel.state.refills().map((item) => item.id)).toContain(refill);

    const status = await client.refillStatus(refill);
    expect(status.rawStatus).toBe(panel.state.refills().find((r) => r.id === refill)?.status);
  });

  it('asks for refills of many orders, with refusals as items', async () => {
    const done = completedOrder();
    const running = runningOrder();
    const items = await client.refill([done, running, '424242']);

    expect(items.get(done)).toMatchObject({ ok: true });
    expect(items.get(running)).toMatchObject({ ok: false, errorClass: 'not_eligible' });
    expect(items.get('424242')).toMatchObject({ ok: false, errorClass: 'not_found' });
  });

  it('reads the statuses of many refills, with an unknown refill as a not_found item', async () => {
    const first = await client.refill(completedOrder());
    const second = await client.refill(completedOrder());
    const items = await client.refillStatus([first.refill, second.refill, '999999']);

    expect(items.get(first.refill)).toMatchObject({ ok: true });
    expect(items.get(second.refill)).toMatchObject({ ok: true });
    expect(items.get('999999')).toMatchObject({ ok: false, errorClass: 'not_found' });
  });

  it('throws PanelRejectedError for the refill of a running order', async () => {
    const error = await client.refill(runningOrder()).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(PanelRejectedError);
    expect((error as PanelRejectedError).errorClass).toBe('not_eligible');
  });

  it('cancels one running order', async () => {
    const id = runningOrder();
    await expect(client.cancel(id)).resolves.toEqual({ accepted: true });
  });

  it('throws PanelRejectedError when the one order cannot be cancelled', async () => {
    const likes = panel.state.createOrphanOrder({ service: 2, link: uniqueLink(), quantity: 100 });
    const error = await client.cancel(likes.id).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(PanelRejectedError);
    expect((error as PanelRejectedError).errorClass).toBe('not_eligible');
    expect((error as PanelRejectedError).panelMessage).toBe('Cancel is disabled for this service');
  });

  it('cancels many orders, with per-order refusals as items', async () => {
    const running = runningOrder();
    const done = completedOrder();
    const items = await client.cancel([running, done, '424242']);

    expect(items.get(running)).toEqual({ ok: true, accepted: true });
    expect(items.get(done)).toMatchObject({ ok: false, errorClass: 'not_eligible' });
    expect(items.get('424242')).toMatchObject({ ok: false, errorClass: 'not_found' });
  });

  it('throws PanelRejectedError for the cancel of an unknown order', async () => {
    const error = await client.cancel('424242').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(PanelRejectedError);
    expect((error as PanelRejectedError).errorClass).toBe('not_found');
  });
});
