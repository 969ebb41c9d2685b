import { describe, expect, it } from 'vitest';
import { fingerprintOrder } from '../../src/idempotency/fingerprint.js';

const ORDER = { service: '1', link: 'https://x/p', quantity: '100' };

describe('fingerprintOrder', () => {
  it('gives v1: and a SHA-256 in hex, the same in every release', () => {
    // Frozen on purpose (and checked against Python's hashlib): a change here makes every
    // stored intent look like a conflict with its own replay.
    expect(fingerprintOrder(ORDER)).toBe(
      'v1:7ebc8aaf006578683e2e4cc926b83d907e8ee5f0cc22c2586682b911fe55286c',
    );
  });

  it('gives the same fingerprint for the same parameters in any key order', () => {
    expect(fingerprintOrder({ quantity: '100', link: 'https://x/p', service: '1' })).toBe(
      fingerprintOrder(ORDER),
    );
  });

  it('changes when any value changes, or a field is added or removed', () => {
    const base = fingerprintOrder(ORDER);
    const variants = [
      { ...ORDER, quantity: '101' },
      { ...ORDER, link: 'https://x/P' },
      { ...ORDER, service: '2' },
      { ...ORDER, runs: '2' },
      { service: '1', link: 'https://x/p' },
      { ...ORDER, quantity: ' 100' },
    ];
    const fingerprints = variants.map(fingerprintOrder);
    for (const fingerprint of fingerprints) expect(fingerprint).not.toBe(base);
    expect(new Set(fingerprints).size).toBe(variants.length);
  });

  it('does not confuse a value moved from one field to another', () => {
    expect(fingerprintOrder({ a: 'xy', b: '' })).not.toBe(fingerprintOrder({ a: 'x', b: 'y' }));
    expect(fingerprintOrder({ a: '1', b: '2' })).not.toBe(fingerprintOrder({ a: '2', b: '1' }));
  });

  it('never includes the API key or the action', () => {
    expect(fingerprintOrder({ ...ORDER, key: 'secret', action: 'add' })).toBe(
      fingerprintOrder(ORDER),
    );
  });

  it('treats \\r\\n as \\n in one-per-line fields only', () => {
    const comments = { service: '5', link: 'https://x/p', comments: 'nice\nwow\n' };
    expect(fingerprintOrder({ ...comments, comments: 'nice\r\nwow\r\n' })).toBe(
      fingerprintOrder(comments),
    );
    expect(fingerprintOrder({ ...ORDER, link: 'https://x/p\r\n' })).not.toBe(
      fingerprintOrder({ ...ORDER, link: 'https://x/p\n' }),
    );
  });

  it('counts a field set to undefined as absent', () => {
    const withUndefined = { ...ORDER, runs: undefined } as unknown as Record<string, string>;
    expect(fingerprintOrder(withUndefined)).toBe(fingerprintOrder(ORDER));
  });

  it('refuses a value that is not a string, naming the field', () => {
    const bad = { ...ORDER, quantity: 100 } as unknown as Record<string, string>;
    expect(() => fingerprintOrder(bad)).toThrow(
      expect.objectContaining({
        code: 'SMM_INVALID_INPUT',
        issues: [expect.objectContaining({ path: 'quantity' })],
      }),
    );
  });
});
