import Big from 'big.js';
import { describe, expect, it } from 'vitest';
import { type DecodedAnswer, decodeAnswer } from '../../src/api/decode-answer.js';
import {
  addOutcome,
  type Fixture,
  isRetriedAutomatically,
  loadFixtures,
  readOutcome,
  shapeOf,
} from './fixture-outcomes.js';

const NOW_MS = Date.UTC(2025, 0, 15, 12, 0, 0);
const fixtures = loadFixtures();

// Fixture fact names that differ from the SDK's field names.
const FIELD_ALIASES: Readonly<Record<string, string>> = {
  class: 'errorClass',
  start_count: 'startCount',
  terminal: 'isTerminal',
  raw: 'rawStatus',
};
const MONEY_FIELDS = new Set(['rate', 'charge', 'balance']);
const KNOWN_OUTCOMES = new Set(['ok', 'placed', 'rejected', 'transient', 'unknown']);

function decode(fixture: Fixture): DecodedAnswer<unknown> {
  return decodeAnswer(shapeOf(fixture), fixture.response, { now: () => NOW_MS });
}

function outcomeOf(fixture: Fixture, decoded: DecodedAnswer<unknown>): string {
  return fixture.action === 'add' ? addOutcome(decoded) : readOutcome(decoded);
}

/** Steps into one field of a decoded value; throws when the fact names nothing there. */
function step(target: unknown, segment: string, fact: string): unknown {
  if (Array.isArray(target)) {
    const index = { first: 0, second: 1, third: 2 }[segment];
    if (index === undefined || index >= target.length) {
      throw new Error(`fact ${fact}: no list entry ${segment}`);
    }
    return target[index];
  }
  if (target instanceof Map) {
    if (!target.has(segment)) throw new Error(`fact ${fact}: no batch item ${segment}`);
    return target.get(segment);
  }

  const field = FIELD_ALIASES[segment] ?? segment;
  if (typeof target !== 'object' || target === null || !(field in target)) {
    throw new Error(`fact ${fact} is not checked: nothing named ${field} in the result`);
  }
  return (target as Record<string, unknown>)[field];
}

/** The value a fact points at, from the decoded answer. */
function factValue(fixture: Fixture, decoded: DecodedAnswer<unknown>, fact: string): unknown {
  if (fact === 'retried') return isRetriedAutomatically(fixture.action, decoded);
  if (fact === 'readsRetry') {
    return (
      readOutcome(decodeAnswer('status', fixture.response, { now: () => NOW_MS })) === 'transient'
    );
  }

  const base = decoded.kind === 'ok' ? decoded.value : decoded.error;
  if (fact === 'count') {
    if (!Array.isArray(base)) throw new Error('fact count: the result is not a list');
    return base.length;
  }
  if (fact === 'items') {
    if (!(base instanceof Map)) throw new Error('fact items: the result is not a batch');
    return base.size;
  }
  return fact.split('.').reduce((target, segment) => step(target, segment, fact), base);
}

function expectFact(fact: string, actual: unknown, expected: unknown): void {
  const field = fact.split('.').pop() ?? fact;
  if (expected === null) {
    expect(actual, fact).toBeUndefined();
  } else if (MONEY_FIELDS.has(field) && typeof expected === 'string') {
    // Trailing zeros may be kept ("4.50000000") or dropped ("4.5"): compare by value.
    expect(typeof actual, fact).toBe('string');
    expect(new Big(actual as string).eq(expected), `${fact}: ${actual} = ${expected}`).toBe(true);
  } else {
    expect(actual, fact).toEqual(expected);
  }
}

describe('panel answers from the fixture files', () => {
  it('finds the shared fixtures and our own', () => {
    expect(fixtures.filter((f) => f.file.startsWith('shared/')).length).toBeGreaterThanOrEqual(40);
    expect(fixtures.filter((f) => f.file.startsWith('own/')).length).toBeGreaterThanOrEqual(3);
  });

  it.each(fixtures.map((f) => [f.file, f] as const))(
    '%s yields its outcome and facts',
    (_, fixture) => {
      const unexpectedKeys = Object.keys(fixture.expect).filter(
        (k) => k !== 'outcome' && k !== 'facts',
      );
      expect(unexpectedKeys, 'expect holds only outcome and facts').toEqual([]);
      expect(KNOWN_OUTCOMES.has(fixture.expect.outcome), `outcome ${fixture.expect.outcome}`).toBe(
        true,
      );

      const decoded = decode(fixture);
      expect(outcomeOf(fixture, decoded), JSON.stringify(decoded)).toBe(fixture.expect.outcome);

      for (const [fact, expected] of Object.entries(fixture.expect.facts ?? {})) {
        expectFact(fact, factValue(fixture, decoded, fact), expected);
      }
    },
  );
});
