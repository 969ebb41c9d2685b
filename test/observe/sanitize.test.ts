import { describe, expect, it } from 'vitest';
import { sanitizeForLog, sanitizeText } from '../../src/observe/sanitize.js';

const SECRET = 'sk-TEST-SECRET-0123456789';

describe('sanitizeForLog', () => {
  it('redacts secret-named fields at any depth, where pino paths stop', () => {
    const out = sanitizeForLog({ a: { b: { c: { apiKey: SECRET, key: SECRET, ok: 1 } } } }, []);
    expect(out).toEqual({ a: { b: { c: { apiKey: '[REDACTED]', key: '[REDACTED]', ok: 1 } } } });
  });

  it('masks key= inside form bodies and query strings', () => {
    expect(sanitizeText(`action=add&key=${SECRET}&link=x`, [])).toBe(
      'action=add&key=[REDACTED]&link=x',
    );
    expect(sanitizeText(`key=${SECRET}&action=status`, [])).toBe('key=[REDACTED]&action=status');
    expect(sanitizeText('https://p.test/api?api_key=abc&x=1', [])).toBe(
      'https://p.test/api?api_key=[REDACTED]&x=1',
    );
  });

  it('masks a known secret wherever it appears, in arrays and error messages too', () => {
    const out = sanitizeForLog(
      { list: [`token ${SECRET}`], error: new Error(`bad key ${SECRET}`) },
      [SECRET],
    );
    expect(JSON.stringify(out)).not.toContain(SECRET);
    expect(out).toEqual({
      list: ['token [REDACTED]'],
      error: { name: 'Error', message: 'bad key [REDACTED]', code: undefined },
    });
  });

  it('leaves values without secrets unchanged', () => {
    expect(sanitizeForLog({ action: 'add', attempt: 2, keyed: true }, [SECRET])).toEqual({
      action: 'add',
      attempt: 2,
      keyed: true,
    });
  });
});
