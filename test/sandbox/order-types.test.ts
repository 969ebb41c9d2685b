import Big from 'big.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SandboxPanel, startSandboxPanel } from '../../src/sandbox/index.js';
import { call } from './sandbox-http.js';

const LINK = 'https://example.test/p/';
const lines = (n: number, word: string) =>
  Array.from({ length: n }, (_, i) => `${word}${i}`).join('\n');

/** One accepted order per type of docs/panel-api.md, with the charge a panel would take. */
const ACCEPTED: { type: string; fields: Record<string, string>; charge: string }[] = [
  { type: 'Default', fields: { service: '1', quantity: '1000' }, charge: '0.9' },
  {
    type: 'Default drip-feed',
    fields: { service: '3', quantity: '200', runs: '3', interval: '10' },
    charge: '0.87',
  },
  { type: 'Package', fields: { service: '5' }, charge: '4.5' },
  { type: 'SEO', fields: { service: '6', quantity: '500', keywords: 'a\nb' }, charge: '1.6' },
  {
    type: 'Custom Comments',
    fields: { service: '7', comments: lines(12, 'nice ') },
    charge: '0.096',
  },
  {
    type: 'Custom Comments Package',
    fields: { service: '8', comments: lines(3, 'c') },
    charge: '2.75',
  },
  {
    type: 'Mentions',
    fields: { service: '9', quantity: '200', usernames: 'a\nb' },
    charge: '1.08',
  },
  {
    type: 'Mentions with Hashtags',
    fields: { service: '10', quantity: '100', usernames: 'a', hashtags: '#x' },
    charge: '0.61',
  },
  {
    type: 'Mentions Custom List',
    fields: { service: '11', usernames: lines(10, 'u') },
    charge: '0.0725',
  },
  {
    type: 'Mentions Hashtag',
    fields: { service: '12', quantity: '300', hashtag: 'cats' },
    charge: '1.74',
  },
  {
    type: 'Mentions User Followers',
    fields: { service: '13', quantity: '100', username: 'someone' },
    charge: '0.595',
  },
  {
    type: 'Mentions Media Likers',
    fields: { service: '14', quantity: '100', media: 'https://example.test/m/1' },
    charge: '0.605',
  },
  {
    type: 'Comment Likes',
    fields: { service: '15', quantity: '50', username: 'fan' },
    charge: '0.095',
  },
  {
    type: 'Comment Replies',
    fields: { service: '16', username: 'fan', comments: lines(5, 'reply ') },
    charge: '0.0475',
  },
  { type: 'Poll', fields: { service: '17', quantity: '1000', answer_number: '2' }, charge: '0.75' },
  {
    type: 'Invites from Groups',
    fields: { service: '18', quantity: '100', groups: 'g1\ng2' },
    charge: '0.48',
  },
  {
    type: 'Web Traffic',
    fields: {
      service: '20',
      quantity: '1000',
      country: 'US',
      device: '1',
      type_of_traffic: '1',
      google_keyword: 'cheap shoes',
    },
    charge: '0.35',
  },
];

/** One refused request per type, with the panel's text. */
const REFUSED: { case: string; fields: Record<string, string>; error: string }[] = [
  {
    case: 'Default without quantity',
    fields: { service: '1' },
    error: 'Missing required parameter: quantity',
  },
  {
    case: 'Default below min',
    fields: { service: '1', quantity: '10' },
    error: 'Quantity less than minimal 50',
  },
  {
    case: 'Default above max',
    fields: { service: '1', quantity: '20000' },
    error: 'Quantity more than maximum 10000',
  },
  {
    case: 'Default with a word as quantity',
    fields: { service: '1', quantity: 'ten' },
    error: 'Incorrect quantity',
  },
  {
    case: 'drip-feed on a service without it',
    fields: { service: '1', quantity: '100', runs: '2', interval: '5' },
    error: 'Drip-feed is disabled for this service',
  },
  {
    case: 'drip-feed without interval',
    fields: { service: '3', quantity: '100', runs: '2' },
    error: 'Missing required parameter: interval',
  },
  {
    case: 'drip-feed with one run',
    fields: { service: '3', quantity: '100', runs: '1', interval: '5' },
    error: 'Incorrect runs',
  },
  {
    case: 'SEO without keywords',
    fields: { service: '6', quantity: '500' },
    error: 'Missing required parameter: keywords',
  },
  {
    case: 'Custom Comments without comments',
    fields: { service: '7' },
    error: 'Missing required parameter: comments',
  },
  {
    case: 'Custom Comments with too few lines',
    fields: { service: '7', comments: 'a\nb\n\n' },
    error: 'Quantity less than minimal 10',
  },
  {
    case: 'Custom Comments Package without comments',
    fields: { service: '8' },
    error: 'Missing required parameter: comments',
  },
  {
    case: 'Mentions without usernames',
    fields: { service: '9', quantity: '200' },
    error: 'Missing required parameter: usernames',
  },
  {
    case: 'Mentions with Hashtags without hashtags',
    fields: { service: '10', quantity: '100', usernames: 'a' },
    error: 'Missing required parameter: hashtags',
  },
  {
    case: 'Mentions Custom List without usernames',
    fields: { service: '11' },
    error: 'Missing required parameter: usernames',
  },
  {
    case: 'Mentions Hashtag without hashtag',
    fields: { service: '12', quantity: '300' },
    error: 'Missing required parameter: hashtag',
  },
  {
    case: 'Mentions User Followers without username',
    fields: { service: '13', quantity: '100' },
    error: 'Missing required parameter: username',
  },
  {
    case: 'Mentions Media Likers with a bad media link',
    fields: { service: '14', quantity: '100', media: 'not a link' },
    error: 'Bad link',
  },
  {
    case: 'Comment Likes without username',
    fields: { service: '15', quantity: '50' },
    error: 'Missing required parameter: username',
  },
  {
    case: 'Comment Replies without comments',
    fields: { service: '16', username: 'x' },
    error: 'Missing required parameter: comments',
  },
  {
    case: 'Poll with answer 0',
    fields: { service: '17', quantity: '1000', answer_number: '0' },
    error: 'Incorrect answer number',
  },
  {
    case: 'Invites from Groups without groups',
    fields: { service: '18', quantity: '100' },
    error: 'Missing required parameter: groups',
  },
  {
    case: 'Web Traffic with device 9',
    fields: { service: '20', quantity: '1000', country: 'US', device: '9', type_of_traffic: '3' },
    error: 'Incorrect device',
  },
  {
    case: 'Web Traffic by referrer without referring_url',
    fields: { service: '20', quantity: '1000', country: 'US', device: '1', type_of_traffic: '2' },
    error: 'Missing required parameter: referring_url',
  },
  {
    case: 'Web Traffic with traffic type 4',
    fields: { service: '20', quantity: '1000', country: 'US', device: '1', type_of_traffic: '4' },
    error: 'Incorrect type of traffic',
  },
];

describe('sandbox order types', () => {
  let panel: SandboxPanel;

  beforeAll(async () => {
    panel = await startSandboxPanel({ startingBalance: '100' });
  });
  afterAll(async () => {
    await panel.close();
  });

  it.each(ACCEPTED.map((entry, index) => ({ ...entry, index })))(
    'accepts a $type order and charges $charge',
    async ({ fields, charge, index }) => {
      const before = new Big(panel.state.balance());
      const answer = await call(panel, { action: 'add', link: `${LINK}${index}`, ...fields });
      expect(answer).toEqual({ order: expect.any(Number) });
      const status = await call(panel, { action: 'status', order: String(answer.order) });
      expect(status.charge).toBe(charge);
      expect(panel.state.order(answer.order)?.charge).toBe(charge);
      expect(new Big(panel.state.balance()).eq(before.minus(charge))).toBe(true);
    },
  );

  it('accepts a Subscriptions order by username, charged for max units per post', async () => {
    const answer = await call(panel, {
      action: 'add',
      service: '19',
      username: '@brand',
      min: '100',
      max: '200',
      posts: '3',
      delay: '30',
      expiry: '31/12/2030',
    });
    const order = panel.state.order(answer.order);
    expect(order).toMatchObject({ link: 'brand', quantity: 600, charge: '0.15' });
  });

  it.each([
    [{ username: 'b', min: '100', max: '200' }, 'Missing required parameter: delay'],
    [{ username: 'b', min: '100', max: '200', delay: '7' }, 'Incorrect delay'],
    [
      { username: 'b', min: '300', max: '200', delay: '0' },
      'Min quantity can not be greater than max quantity',
    ],
    [
      { username: 'b', min: '100', max: '200', delay: '0', expiry: '31/02/2030' },
      'Incorrect expiry date',
    ],
    [{ min: '100', max: '200', delay: '0' }, 'Missing required parameter: username'],
  ])('refuses the Subscriptions order %j with %s', async (fields, error) => {
    expect(await call(panel, { action: 'add', service: '19', ...fields })).toEqual({ error });
  });

  it.each(REFUSED)('refuses $case with the panel text', async ({ fields, error }) => {
    const before = panel.state.purchases().orders;
    const answer = await call(panel, { action: 'add', link: `${LINK}refused`, ...fields });
    expect(answer).toEqual({ error });
    expect(panel.state.purchases().orders).toBe(before);
  });

  it.each(['not a link', 'ftp://example.test/x', 'example.test/p/1', 'https://'])(
    'refuses the link %s with "Bad link"',
    async (link) => {
      expect(await call(panel, { action: 'add', service: '1', link, quantity: '100' })).toEqual({
        error: 'Bad link',
      });
    },
  );

  it('refuses a missing or unknown service', async () => {
    expect(await call(panel, { action: 'add', link: `${LINK}s`, quantity: '100' })).toEqual({
      error: 'Missing required parameter: service',
    });
    expect(
      await call(panel, { action: 'add', service: '999', link: `${LINK}s`, quantity: '100' }),
    ).toEqual({
      error: 'Incorrect service ID',
    });
  });

  it('refuses an order the balance cannot pay, and charges nothing', async () => {
    panel.state.setBalance('0.05');
    const answer = await call(panel, {
      action: 'add',
      service: '1',
      link: `${LINK}funds`,
      quantity: '100',
    });
    expect(answer).toEqual({ error: 'Not enough funds on balance' });
    expect(panel.state.balance()).toBe('0.05');
  });
});
