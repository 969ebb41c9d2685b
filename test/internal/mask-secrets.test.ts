import { describe, expect, it } from 'vitest';
import { excerptOf } from '../../src/api/internal/redact.js';
import { maskSecrets } from '../../src/internal/mask-secrets.js';

const SECRET = 'sk-NEWUSER-SECRET-1234';

describe('maskSecrets', () => {
  it('masks the key as written, URL-encoded, and in another letter case', () => {
    expect(maskSecrets(`bad key ${SECRET}`, [SECRET])).toBe('bad key [REDACTED]');
    expect(maskSecrets(`bad key ${SECRET.toLowerCase()}`, [SECRET])).toBe('bad key [REDACTED]');
    expect(maskSecrets(`key=${encodeURIComponent('a b+c/d')}`, ['a b+c/d'])).toBe('key=[REDACTED]');
  });

  it('leaves text alone when no secret is in it, and ignores secrets too short to mask safely', () => {
    expect(maskSecrets('Not enough funds', [SECRET, undefined, 'abc'])).toBe('Not enough funds');
  });

  it('keeps a lower-cased echo of the key out of panel error excerpts', () => {
    const body = `{"error": "Invalid API key ${SECRET.toLowerCase()}"}`;
    expect(excerptOf(body, [SECRET])).toBe('{"error": "Invalid API key [REDACTED]"}');
  });
});
