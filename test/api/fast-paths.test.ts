import { isLosslessNumber, parse } from 'lossless-json';
import { describe, expect, it } from 'vitest';
import { ANSWER_SCHEMAS } from '../../src/api/internal/answer-schemas.js';
import { readUsualAnswer } from '../../src/api/internal/fast-answers.js';
import { parseWithJsonParse } from '../../src/api/internal/fast-json.js';
import { parseLosslessJson } from '../../src/api/parse-lossless-json.js';
import { loadFixtures } from './fixture-outcomes.js';

// The fast paths are worth having only if they change nothing: each test compares one with the
// slow road it replaces, on the shared fixtures and on bodies chosen to make them differ.

/** lossless-json's own reading, keys copied as parseLosslessJson's slow road copies them. */
function slowRoad(text: string): unknown {
  const copy = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(copy);
    if (typeof value !== 'object' || value === null || isLosslessNumber(value)) return value;
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value)) out[key] = copy((value as Record<string, unknown>)[key]);
    return out;
  };
  return copy(parse(text));
}

const usualBodies = [
  '{"order": 10023}',
  '{"order": "10023"}',
  '[{"service": 1, "rate": "0.90", "min": "50", "max": 10000, "refill": true}]',
  '{"balance": "100.84292", "currency": "USD"}',
  '{"1": {"charge": 0.27819, "status": "Partial"}, "10": {"error": "Incorrect order ID"}}',
  '{"a": [1, -2, 3.5, 0, 1.5e-7, 9007199254740991], "b": null, "c": false}',
  '{"text": "quote \\" then 123 and \\\\", "n": 7}',
  ' \n\t{ "spaced" : [ 1 , 2 ] } \r\n',
  '"just a string"',
  '42',
  '[]',
  '{}',
];

describe('parseLosslessJson fast path', () => {
  it('gives lossless-json’s value for every shared fixture body that is JSON', () => {
    for (const fixture of loadFixtures()) {
      const body = fixture.response.body.replace(/^\uFEFF/, '').trim();
      let expected: unknown;
      try {
        expected = slowRoad(body);
      } catch {
        expect(parseLosslessJson(body).ok, fixture.name).toBe(false);
        continue;
      }
      const result = parseLosslessJson(body);
      expect(result.ok, fixture.name).toBe(true);
      if (result.ok) expect(result.value, fixture.name).toStrictEqual(expected);
    }
  });

  it('takes JSON.parse for usual bodies and gives the same value', () => {
    for (const body of usualBodies) {
      const fast = parseWithJsonParse(body, (text) => parse(text) as unknown);
      expect(fast, body).toBeDefined();
      expect(fast?.value, body).toStrictEqual(slowRoad(body));
      expect(parseLosslessJson(body)).toStrictEqual({ ok: true, value: slowRoad(body) });
    }
  });

  it('leaves to lossless-json every number that JSON.parse would change', () => {
    for (const number of ['90071992547409931', '0.90', '1e5', '-0', '1E2', '100.0', '1e400']) {
      const body = `{"value": ${number}}`;
      expect(parseWithJsonParse(body, String), body).toBeUndefined();
      const result = parseLosslessJson(body);
      expect(result.ok && String((result.value as { value: unknown }).value)).toBe(number);
    }
  });

  it('leaves repeated keys to lossless-json, which refuses differing values', () => {
    expect(parseWithJsonParse('{"order": 1, "order": 2}', String)).toBeUndefined();
    expect(parseLosslessJson('{"order": 1, "order": 2}').ok).toBe(false);
    expect(parseLosslessJson('{"a": {"x": "1"}, "b": {"x": "1", "x": "1"}}')).toStrictEqual({
      ok: true,
      value: slowRoad('{"a": {"x": "1"}, "b": {"x": "1"}}'),
    });
  });

  it('leaves a __proto__ key, written plainly or escaped, to the slow road that drops it', () => {
    for (const body of ['{"__proto__": {"order": 5}}', '{"\\u005f_proto__": {"order": 5}}']) {
      expect(parseWithJsonParse(body, String), body).toBeUndefined();
      const result = parseLosslessJson(body);
      expect(result.ok && (result.value as { order?: unknown }).order, body).toBeUndefined();
    }
  });

  it('leaves text JSON.parse refuses to lossless-json, which words the problem', () => {
    const result = parseLosslessJson('{"order": 77123');
    expect(result.ok).toBe(false);
    expect(result.ok ? '' : result.problem).toMatch(/expected/i);
  });
});

const statusItems: unknown[] = [
  { charge: '0.27819', start_count: '3572', status: 'Partial', remains: '157', currency: 'USD' },
  { charge: 0.5, start_count: 10, status: 'In progress', remains: 0 },
  { status: 'Completed' },
  { status: 'canceled', charge: '', start_count: 'Unknown', remains: '-1', currency: 5 },
  { status: ' Pending ', start_count: '007', remains: '1.0', extra: { x: 1 } },
  { status: 'Processing', start_count: '9999999999999999', remains: '123456789012345' },
  { status: 'Completed', orders: [1, 2] },
  { status: 'Completed', orders: null },
  { status: '' },
  { status: 7 },
  { error: 'Incorrect order ID' },
  { error: { message: 'nested' } },
  { error: null, status: 'Completed' },
  [],
  null,
  'Completed',
];

function schemaValue(shape: 'status' | 'status_many', raw: unknown): unknown {
  const parsed = ANSWER_SCHEMAS[shape].safeParse(raw);
  return parsed.success && 'value' in parsed.data ? parsed.data.value : undefined;
}

describe('readUsualAnswer', () => {
  it('reads a single status as the schema does, or leaves it to the schema', () => {
    let read = 0;
    for (const raw of statusItems) {
      const usual = readUsualAnswer('status', raw);
      if (usual === undefined) continue;
      read++;
      expect(usual.value, JSON.stringify(raw)).toStrictEqual(schemaValue('status', raw));
    }
    expect(read).toBeGreaterThanOrEqual(6);
  });

  it('reads a keyed batch as the schema does, or leaves the whole batch to it', () => {
    const usual = statusItems.filter((raw) => readUsualAnswer('status', raw) !== undefined);
    const keyed = Object.fromEntries(usual.map((raw, i) => [String(100 - i), raw]));
    keyed['7'] = { error: 'Incorrect order ID' };
    const fast = readUsualAnswer('status_many', keyed);
    expect(fast?.value).toStrictEqual(schemaValue('status_many', keyed));
    expect([...(fast?.value.keys() ?? [])]).toStrictEqual([
      ...(schemaValue('status_many', keyed) as Map<string, unknown>).keys(),
    ]);

    for (const raw of statusItems) {
      if (readUsualAnswer('status', raw) !== undefined) continue;
      const mixed = { ...keyed, '8': raw };
      const read = readUsualAnswer('status_many', mixed);
      if (read !== undefined) {
        // Only an item error may be read directly among unusual items.
        expect(read.value, JSON.stringify(raw)).toStrictEqual(schemaValue('status_many', mixed));
      }
    }
    expect(readUsualAnswer('status_many', [{ order: 1, status: 'Completed' }])).toBeUndefined();
  });

  it('reads an add answer as the schema does, or leaves it to the schema', () => {
    const answers: unknown[] = [
      { order: '10023' },
      { order: 10023, status: 'success' },
      { order: ' ord_01JD ' },
      { order: parse('90071992547409931') },
      { order: '' },
      { order: 1.5 },
      { order: null },
      {},
      [{ order: 1 }],
      '10023',
    ];
    let read = 0;
    for (const raw of answers) {
      const usual = readUsualAnswer('add', raw);
      if (usual === undefined) continue;
      read++;
      const schema = ANSWER_SCHEMAS.add.safeParse(raw);
      const expected = schema.success && 'value' in schema.data ? schema.data.value : undefined;
      expect(usual.value, JSON.stringify(raw)).toStrictEqual(expected);
    }
    expect(read).toBe(4);
  });

  it('reads no other shape', () => {
    expect(readUsualAnswer('balance', { balance: '1' })).toBeUndefined();
    expect(readUsualAnswer('services', [])).toBeUndefined();
  });
});
