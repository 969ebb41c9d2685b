import { describe, expect, it } from 'vitest';
import {
  deriveIdempotencyKey,
  generateIdempotencyKey,
  pooledRandomBytes,
  validateIdempotencyKey,
} from '../../src/idempotency/idempotency-key.js';

function thrownBy(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw');
}

describe('validateIdempotencyKey', () => {
  it('accepts 1 to 128 characters of letters, digits and . _ : - and returns the key', () => {
    for (const key of ['a', 'smm_01hx', 'Order-17:line.3', 'x'.repeat(128)]) {
      expect(validateIdempotencyKey(key)).toBe(key);
    }
  });

  it.each([
    ['an empty string', ''],
    ['129 characters', 'x'.repeat(129)],
    ['a space', 'order 17'],
    ['a slash', 'a/b'],
    ['a non-ASCII letter', 'commande-é'],
    ['a newline', 'a\nb'],
    ['a number', 17],
    ['undefined', undefined],
  ])('refuses %s, naming idempotencyKey', (_label, key) => {
    const error = thrownBy(() => validateIdempotencyKey(key));
    expect(error).toMatchObject({
      code: 'SMM_INVALID_INPUT',
      issues: [expect.objectContaining({ path: 'idempotencyKey' })],
    });
  });
});

describe('generateIdempotencyKey', () => {
  it('gives smm_ and 26 base32 characters, a valid key', () => {
    const key = generateIdempotencyKey();
    expect(key).toMatch(/^smm_[0-9a-hjkmnp-tv-z]{26}$/);
    expect(validateIdempotencyKey(key)).toBe(key);
  });

  it('gives a new key each time', () => {
    const keys = new Set(Array.from({ length: 200 }, () => generateIdempotencyKey()));
    expect(keys.size).toBe(200);
  });

  it('encodes all 128 random bits of the injected source', () => {
    expect(generateIdempotencyKey({ randomBytes: (n) => new Uint8Array(n) })).toBe(
      `smm_${'0'.repeat(26)}`,
    );
    expect(generateIdempotencyKey({ randomBytes: (n) => new Uint8Array(n).fill(255) })).toBe(
      `smm_${'z'.repeat(25)}w`,
    );
  });
});

describe('pooledRandomBytes', () => {
  it('never hands out the same bytes twice, across several refills of the pool', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 1000; i += 1) seen.add(Buffer.from(pooledRandomBytes(16)).toString('hex'));
    expect(seen.size).toBe(1000);
  });

  it('returns a copy: changing it changes no later result', () => {
    const first = pooledRandomBytes(16);
    first.fill(0);
    const second = pooledRandomBytes(16);
    expect(second).toHaveLength(16);
    expect(second.buffer).not.toBe(first.buffer);
    expect(second.every((byte) => byte === 0)).toBe(false);
  });

  it('serves a request larger than the pool straight from the source', () => {
    expect(pooledRandomBytes(5000)).toHaveLength(5000);
  });
});

describe('deriveIdempotencyKey', () => {
  it('gives the same key as every earlier release for the same input', () => {
    // Computed once and frozen here (and checked against Python's hashlib + base64): if this
    // changes, keys derived by deployed jobs no longer match and a re-run buys twice.
    expect(deriveIdempotencyKey('shop-1', 'invoice-17')).toBe(
      'smm_573edvfe8xd9zkx7p6atcjckcwneyx36',
    );
  });

  it('is a valid key of smm_ and 32 base32 characters', () => {
    const key = deriveIdempotencyKey('ns', 'id');
    expect(key).toMatch(/^smm_[0-9a-hjkmnp-tv-z]{32}$/);
    expect(validateIdempotencyKey(key)).toBe(key);
  });

  it('changes with the namespace and with the business id', () => {
    const key = deriveIdempotencyKey('shop-1', 'invoice-17');
    expect(deriveIdempotencyKey('shop-2', 'invoice-17')).not.toBe(key);
    expect(deriveIdempotencyKey('shop-1', 'invoice-18')).not.toBe(key);
  });

  it('keeps the two parts apart: moving a separator between them changes the key', () => {
    expect(deriveIdempotencyKey('a:b', 'c')).not.toBe(deriveIdempotencyKey('a', 'b:c'));
    expect(deriveIdempotencyKey('ab', 'c')).not.toBe(deriveIdempotencyKey('a', 'bc'));
  });

  it('takes the values exactly: case and spaces count', () => {
    expect(deriveIdempotencyKey('shop', 'A1')).not.toBe(deriveIdempotencyKey('shop', 'a1'));
    expect(deriveIdempotencyKey('shop', 'A1')).not.toBe(deriveIdempotencyKey('shop', 'A1 '));
  });

  it('refuses an empty namespace or business id, naming it', () => {
    expect(thrownBy(() => deriveIdempotencyKey('', 'x'))).toMatchObject({
      code: 'SMM_INVALID_INPUT',
      issues: [expect.objectContaining({ path: 'namespace' })],
    });
    expect(thrownBy(() => deriveIdempotencyKey('ns', ''))).toMatchObject({
      code: 'SMM_INVALID_INPUT',
      issues: [expect.objectContaining({ path: 'businessId' })],
    });
  });
});
