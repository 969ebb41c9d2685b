import { describe, expect, it } from 'vitest';
import { encodeOrderInput } from '../../src/api/order-input.js';
import type { OrderInput } from '../../src/api/order-input-types.js';
import { ORDER_TYPES } from '../../src/api/order-types.js';
import { InvalidInputError } from '../../src/errors/input-errors.js';
import { INVALID } from './order-input-invalid-examples.js';
import { LINK, VALID } from './order-input-valid-examples.js';

function issuePaths(input: unknown): string[] {
  try {
    encodeOrderInput(input as OrderInput);
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidInputError);
    expect((error as InvalidInputError).code).toBe('SMM_INVALID_INPUT');
    return (error as InvalidInputError).issues.map((issue) => issue.path);
  }
  throw new Error('expected InvalidInputError');
}

describe('encodeOrderInput', () => {
  it('has a valid example for every order type', () => {
    expect(Object.keys(VALID).sort()).toEqual([...ORDER_TYPES].sort());
    expect(new Set(INVALID.map(([type]) => type))).toEqual(new Set(ORDER_TYPES));
  });

  it.each(ORDER_TYPES)('encodes a valid %s order as its form fields', (type) => {
    const { input, form } = VALID[type];
    expect(encodeOrderInput(input)).toEqual(form);
  });

  it.each(INVALID)('refuses an invalid %s order, naming %s', (_, input, path) => {
    expect(issuePaths(input)).toContain(path);
  });

  it('takes a default order without a type and without drip-feed', () => {
    expect(encodeOrderInput({ service: 'abc-1', link: LINK, quantity: 1 })).toEqual({
      service: 'abc-1',
      link: LINK,
      quantity: '1',
    });
  });

  it('sends a d/m/Y expiry text as written and a referrer for traffic type 2', () => {
    const subscription = encodeOrderInput({
      type: 'subscriptions',
      service: 1,
      username: 'a',
      min: 1,
      max: 1,
      delay: 30,
      expiry: '01/02/2026',
    });
    expect(subscription.expiry).toBe('01/02/2026');

    const traffic = encodeOrderInput({
      type: 'web_traffic',
      service: 1,
      link: LINK,
      quantity: 1,
      country: 'US',
      device: 5,
      typeOfTraffic: 2,
      referringUrl: 'https://ref.example.test/',
      runs: 2,
      interval: 10,
    });
    expect(traffic).toMatchObject({
      referring_url: 'https://ref.example.test/',
      type_of_traffic: '2',
      runs: '2',
    });
  });

  it('passes extra fields through after the typed ones', () => {
    const form = encodeOrderInput({
      service: 1,
      link: LINK,
      quantity: 1,
      extra: { coupon: 'SPRING', request_id: 'r-1' },
    });
    expect(form).toEqual({
      service: '1',
      link: LINK,
      quantity: '1',
      coupon: 'SPRING',
      request_id: 'r-1',
    });
  });

  it.each(['key', 'action', 'KEY', 'quantity', 'link', 'answer_number', 'comments'])(
    'refuses an extra field named %s',
    (name) => {
      expect(issuePaths({ service: 1, link: LINK, quantity: 1, extra: { [name]: 'x' } })).toContain(
        `extra.${name}`,
      );
    },
  );

  it('refuses a field the order type does not take, instead of dropping it', () => {
    expect(issuePaths({ service: 1, link: LINK, quantity: 1, comments: ['x'] })).toContain(
      'comments',
    );
  });

  it('refuses an unknown type and a missing service', () => {
    expect(issuePaths({ type: 'likes', service: 1, link: LINK })).toEqual(['type']);
    expect(issuePaths({ link: LINK, quantity: 1 })).toContain('service');
    expect(issuePaths(null)).toEqual(['']);
  });

  it('names the field but never echoes its value in the message', () => {
    try {
      encodeOrderInput({
        service: 1,
        link: 'https://secret.example.test/private token',
        quantity: 1,
      });
      throw new Error('expected InvalidInputError');
    } catch (error) {
      expect((error as Error).message).toContain('link');
      expect((error as Error).message).not.toContain('private token');
    }
  });
});
