import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AnswerShape } from '../../src/api/answer-shapes.js';
import type { DecodedAnswer } from '../../src/api/decode-answer.js';

// Helpers for the fixture test. The real retry classification lives in src/retry; these only
// map a decoded answer onto the fixture vocabulary (README in test/fixtures/shared).

/** One exchange from test/fixtures/{shared,own}. */
export interface Fixture {
  file: string;
  name: string;
  action: string;
  params: Record<string, string>;
  response: { status: number; headers: Record<string, string>; body: string };
  expect: { outcome: string; facts?: Record<string, unknown> };
  note?: string;
}

const here = dirname(fileURLToPath(import.meta.url));
const FIXTURE_DIRS = [join(here, '../fixtures/shared'), join(here, '../fixtures/own')];

/** Every JSON fixture file, shared ones first. */
export function loadFixtures(): Fixture[] {
  const fixtures: Fixture[] = [];
  for (const dir of FIXTURE_DIRS) {
    if (!existsSync(dir)) continue;
    for (const name of readdirSync(dir).sort()) {
      if (!name.endsWith('.json')) continue;
      const parsed = JSON.parse(readFileSync(join(dir, name), 'utf8')) as Omit<Fixture, 'file'>;
      fixtures.push({ file: `${dir.split('/').pop()}/${name}`, ...parsed });
    }
  }
  return fixtures;
}

/** The answer shape a fixture's request asks for (batch when `orders`/`refills` is sent). */
export function shapeOf(fixture: Fixture): AnswerShape {
  const many = 'orders' in fixture.params || 'refills' in fixture.params;
  switch (fixture.action) {
    case 'services':
    case 'balance':
    case 'add':
      return fixture.action;
    case 'status':
      return many ? 'status_many' : 'status';
    case 'refill':
      return many ? 'refill_many' : 'refill';
    case 'refill_status':
      return many ? 'refill_status_many' : 'refill_status';
    case 'cancel':
      return many ? 'cancel_many' : 'cancel';
    default:
      throw new Error(`fixture ${fixture.name}: no answer shape for action ${fixture.action}`);
  }
}

/** `add` outcomes: a placed order, a refusal, or an order that may or may not exist. */
export function addOutcome(decoded: DecodedAnswer<unknown>): 'placed' | 'rejected' | 'unknown' {
  if (decoded.kind === 'ok') return 'placed';
  if (decoded.kind === 'rejected') return 'rejected';
  return 'unknown';
}

/** Read outcomes: a panel that said "try again", or gave nothing usable, is `transient`. */
export function readOutcome(decoded: DecodedAnswer<unknown>): 'ok' | 'rejected' | 'transient' {
  if (decoded.kind === 'ok') return 'ok';
  if (decoded.kind === 'rejected') {
    return decoded.error.errorClass === 'transient' ? 'transient' : 'rejected';
  }
  return 'transient';
}

/**
 * Whether the call would be retried automatically: reads retry what is transient; an `add`
 * retries only a throttled answer (nothing processed). An `unknown` text is never retried.
 */
export function isRetriedAutomatically(action: string, decoded: DecodedAnswer<unknown>): boolean {
  if (action === 'add') return decoded.kind === 'throttled';
  return readOutcome(decoded) === 'transient';
}
