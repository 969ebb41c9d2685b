/*
 * Why this exists: lossless-json parses in JavaScript, character by character, and a 100-order
 * status answer costs it several times what `JSON.parse` costs (docs/benchmarks.md). `JSON.parse`
 * is exact whenever every number in the text reads back to its own source text, which is true
 * of nearly every panel answer: ids below 2^53, counts, and rates written in their shortest form.
 * This file checks that, and the two other ways the results could differ, on the text and on
 * the parsed value, and otherwise leaves the body to lossless-json.
 */

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COLON = 0x3a;
const MINUS = 0x2d;

function isDigit(code: number): boolean {
  return code >= 0x30 && code <= 0x39;
}

/** Characters that may follow the first one in a JSON number: digits, `.`, `e`, `E`, `+`, `-`. */
function isNumberPart(code: number): boolean {
  return (
    isDigit(code) ||
    code === 0x2e ||
    code === 0x65 ||
    code === 0x45 ||
    code === 0x2b ||
    code === MINUS
  );
}

function isJsonWhitespace(code: number): boolean {
  return code === 0x20 || code === 0x0a || code === 0x0d || code === 0x09;
}

/** Whether the quote at `index` is escaped: an odd run of backslashes before it. */
function isEscaped(text: string, index: number): boolean {
  let backslashes = 0;
  for (let i = index - 1; i >= 0 && text.charCodeAt(i) === BACKSLASH; i--) backslashes++;
  return backslashes % 2 === 1;
}

/**
 * Reads a JSON text that `JSON.parse` accepted and returns how many object keys it writes
 * (duplicates included), or `undefined` when a number would not read back to its own source
 * text after `JSON.parse` (`90071992547409931`, `0.90`, `1e5`, `-0`).
 */
function countKeysWritten(text: string): number | undefined {
  let keys = 0;
  let i = 0;
  const length = text.length;
  while (i < length) {
    const code = text.charCodeAt(i);
    if (code === QUOTE) {
      let end = text.indexOf('"', i + 1);
      while (end !== -1 && isEscaped(text, end)) end = text.indexOf('"', end + 1);
      if (end === -1) return undefined;
      i = end + 1;
      while (isJsonWhitespace(text.charCodeAt(i))) i++;
      if (text.charCodeAt(i) === COLON) keys++;
    } else if (code === MINUS || isDigit(code)) {
      const start = i;
      i++;
      while (i < length && isNumberPart(text.charCodeAt(i))) i++;
      const source = text.slice(start, i);
      if (String(Number(source)) !== source) return undefined;
    } else {
      i++;
    }
  }
  return keys;
}

/**
 * Walks a `JSON.parse` result in place: counts its keys and replaces every number by
 * `wrap(String(number))`, which is the number's source text once `countKeysWritten` passed.
 * `keys` becomes -1 at a `__proto__` key.
 */
class Walker<N> {
  keys = 0;
  constructor(private readonly wrap: (sourceText: string) => N) {}

  /** The value with every number wrapped, or `undefined` after a `__proto__` key. */
  visit(value: unknown): unknown {
    if (typeof value === 'number') return this.wrap(String(value));
    if (typeof value !== 'object' || value === null) return value;
    if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) {
        const item = value[i];
        if (typeof item === 'object' || typeof item === 'number') value[i] = this.visit(item);
        if (this.keys < 0) return undefined;
      }
      return value;
    }
    const object = value as Record<string, unknown>;
    for (const key in object) {
      // lossless-json's result has no such own key (the assignment set the prototype and the
      // copy dropped it): leave the body to it rather than reproduce that here.
      if (key === '__proto__') {
        this.keys = -1;
        return undefined;
      }
      this.keys++;
      const item = object[key];
      if (typeof item === 'object' || typeof item === 'number') object[key] = this.visit(item);
      if (this.keys < 0) return undefined;
    }
    return object;
  }
}

/**
 * The value lossless-json would return for `text`, built with `JSON.parse`, numbers given to
 * `wrap` as their source text; or `undefined` when that cannot be guaranteed and the caller
 * must use lossless-json. It returns `undefined` when:
 * - `JSON.parse` refuses the text (lossless-json then words the problem, as before);
 * - a number would not read back to its source text;
 * - an object repeats a key (lossless-json refuses differing duplicates; `JSON.parse` keeps
 *   the last): seen as fewer keys parsed than written;
 * - a key is `__proto__` (lossless-json's caller drops it).
 */
export function parseWithJsonParse<N>(
  text: string,
  wrap: (sourceText: string) => N,
): { value: unknown } | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return undefined;
  }
  const keysWritten = countKeysWritten(text);
  if (keysWritten === undefined) return undefined;

  const walker = new Walker(wrap);
  let value: unknown;
  try {
    value = walker.visit(parsed);
  } catch {
    // Nesting too deep for recursion: lossless-json decides.
    return undefined;
  }
  if (walker.keys !== keysWritten) return undefined;
  return { value };
}
