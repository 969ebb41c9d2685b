import { isLosslessNumber, LosslessNumber, parse } from 'lossless-json';
import { parseWithJsonParse } from './internal/fast-json.js';

/** What {@link parseLosslessJson} found. */
export type LosslessJsonResult = { ok: true; value: unknown } | { ok: false; problem: string };

/**
 * Copies parsed JSON keeping own keys only. The parser assigns keys with `object[key] = value`,
 * so a `"__proto__"` key in a body would become the object's prototype and answer reads of
 * fields the body never had; the copy drops it.
 */
function ownDataOnly(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(ownDataOnly);
  if (typeof value !== 'object' || value === null || isLosslessNumber(value)) return value;

  const copy: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    copy[key] = ownDataOnly((value as Record<string, unknown>)[key]);
  }
  return copy;
}

/**
 * Parses a panel's body as JSON without losing a digit.
 *
 * Every JSON number comes back as a `LosslessNumber` holding its source text, so an order id
 * above 2^53 (`90071992547409931`) and a charge such as `0.08011655652` keep every digit;
 * `JSON.parse` would round both. Strings, booleans, null, arrays and objects are as usual.
 *
 * The text must be JSON and nothing else: a PHP warning printed before the JSON makes the
 * whole body unusable. An id is never dug out of a broken page, since a guess there would
 * settle an order that may not exist.
 *
 * Most bodies take a faster road to the same value (see `internal/fast-json.ts`): `JSON.parse`,
 * used only when it provably loses nothing.
 */
export function parseLosslessJson(text: string): LosslessJsonResult {
  // A UTF-8 byte order mark is not part of JSON, but some PHP panels send one.
  const source = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const fast = parseWithJsonParse(source, toLosslessNumber);
  if (fast !== undefined) return { ok: true, value: fast.value };
  try {
    return { ok: true, value: ownDataOnly(parse(source)) };
  } catch (error) {
    return { ok: false, problem: error instanceof Error ? error.message : 'not JSON' };
  }
}

function toLosslessNumber(sourceText: string): LosslessNumber {
  return new LosslessNumber(sourceText);
}
