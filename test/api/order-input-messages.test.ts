import { describe, expect, it } from 'vitest';
import { encodeOrderInput } from '../../src/api/order-input.js';

function messageOf(input: unknown): string {
  try {
    encodeOrderInput(input as Parameters<typeof encodeOrderInput>[0]);
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('the input was accepted');
}

describe('order input messages', () => {
  it('says a quantity past 2^53 - 1 is out of range, not that it is not a whole number', () => {
    expect(messageOf({ service: 1, link: 'https://x.test/p', quantity: 2 ** 53 + 2 })).toBe(
      'Invalid default order: quantity must be a whole number from 1 to 9007199254740991',
    );
  });

  it("names a negative service id in the SDK's words, not the schema library's", () => {
    expect(messageOf({ service: -1, link: 'https://x.test/p', quantity: 100 })).toBe(
      'Invalid default order: service must be a service id (a non-blank string or a whole number)',
    );
  });
});
