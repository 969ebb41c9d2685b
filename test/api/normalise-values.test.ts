import { LosslessNumber } from 'lossless-json';
import { describe, expect, it } from 'vitest';
import {
  normaliseCount,
  normaliseFlag,
  normaliseId,
  normaliseMoney,
} from '../../src/api/normalise-values.js';
import { parseLosslessJson } from '../../src/api/parse-lossless-json.js';

function parsed(text: string): Record<string, unknown> {
  const result = parseLosslessJson(text);
  if (!result.ok) throw new Error(result.problem);
  return result.value as Record<string, unknown>;
}

describe('parseLosslessJson', () => {
  it('keeps every digit of an id above 2^53', () => {
    const body = parsed('{"order": 90071992547409931}');
    expect(normaliseId(body.order)).toBe('90071992547409931');
    expect(String(JSON.parse('{"order": 90071992547409931}').order)).not.toBe('90071992547409931');
  });

  it('keeps the exact digits of money sent as a JSON number', () => {
    expect(normaliseMoney(parsed('{"charge": 0.08011655652}').charge)).toBe('0.08011655652');
    expect(normaliseMoney(parsed('{"rate": 0.0125}').rate)).toBe('0.0125');
    expect(normaliseMoney(parsed('{"rate": 0.1}').rate)).toBe('0.1');
  });

  it('refuses a PHP warning printed before the JSON', () => {
    expect(parseLosslessJson('<br />\n<b>Warning</b>: x<br />\n{"order": 77123}').ok).toBe(false);
  });

  it('reads a body with a byte order mark', () => {
    expect(parsed('\uFEFF{"balance": "1.5"}').balance).toBe('1.5');
  });

  it('does not let a __proto__ key answer for fields the body lacks', () => {
    const body = parsed('{"__proto__": {"order": 5}, "status": "x"}');
    expect(body.order).toBeUndefined();
    expect(Object.getPrototypeOf(body)).toBe(Object.prototype);
  });
});

describe('normaliseId', () => {
  it('keeps strings as opaque ids, trimmed', () => {
    expect(normaliseId('ord_01JD3QW8Z5K2M9XKQ7V4B1N6TR')).toBe('ord_01JD3QW8Z5K2M9XKQ7V4B1N6TR');
    expect(normaliseId(' 23502 ')).toBe('23502');
  });

  it('turns whole numbers into their digits', () => {
    expect(normaliseId(new LosslessNumber('23501'))).toBe('23501');
    expect(normaliseId(42)).toBe('42');
  });

  it('refuses what cannot be an id', () => {
    for (const value of ['', '  ', null, undefined, true, {}, new LosslessNumber('1.5'), -3]) {
      expect(normaliseId(value), String(value)).toBeUndefined();
    }
  });
});

describe('normaliseMoney', () => {
  it('keeps a decimal string exactly as the panel wrote it', () => {
    expect(normaliseMoney('0.90')).toBe('0.90');
    expect(normaliseMoney('4.50000000')).toBe('4.50000000');
    expect(normaliseMoney('95200')).toBe('95200');
  });

  it('writes other decimal forms as plain decimals', () => {
    expect(normaliseMoney(new LosslessNumber('1e-7'))).toBe('0.0000001');
    expect(normaliseMoney('.5')).toBe('0.5');
    expect(normaliseMoney(new LosslessNumber('12.3'))).toBe('12.3');
  });

  it('answers undefined, not zero, for what is not an amount', () => {
    for (const value of ['', 'Unknown', '1,5', null, undefined, '1e1000000', {}]) {
      expect(normaliseMoney(value), String(value)).toBeUndefined();
    }
  });
});

describe('normaliseCount', () => {
  it('reads numbers and numeric strings', () => {
    expect(normaliseCount(new LosslessNumber('1526'))).toBe(1526);
    expect(normaliseCount('157')).toBe(157);
    expect(normaliseCount(' 50 ')).toBe(50);
    expect(normaliseCount('100.0')).toBe(100);
    expect(normaliseCount('0')).toBe(0);
  });

  it('answers undefined for empty, words, null, fractions and negatives', () => {
    for (const value of [
      '',
      'Unknown',
      null,
      undefined,
      'ten',
      '1.5',
      '-1',
      '99999999999999999999',
    ]) {
      expect(normaliseCount(value), String(value)).toBeUndefined();
    }
  });
});

describe('normaliseFlag', () => {
  it('reads true in its usual forms', () => {
    for (const value of [true, '1', 1, new LosslessNumber('1'), 'true', 'TRUE', 'yes']) {
      expect(normaliseFlag(value), String(value)).toBe(true);
    }
  });

  it('reads false, and a missing flag, as false', () => {
    for (const value of [false, '0', 0, new LosslessNumber('0'), 'false', '', null, undefined]) {
      expect(normaliseFlag(value), String(value)).toBe(false);
    }
  });
});
