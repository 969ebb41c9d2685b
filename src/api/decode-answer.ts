import type { z } from 'zod';
import { classifyErrorText, type ErrorTextRule } from '../errors/classify-error-text.js';
import type { PanelErrorClass } from '../errors/error-class.js';
import {
  InvalidResponseError,
  PanelRejectedError,
  PanelUnavailableError,
  RateLimitedError,
} from '../errors/panel-errors.js';
import type { TransportResponse } from '../transport/transport.js';
import { ANSWER_SHAPE_ACTIONS, type AnswerShape, type ShapeResult } from './answer-shapes.js';
import { ANSWER_SCHEMAS } from './internal/answer-schemas.js';
import { readUsualAnswer } from './internal/fast-answers.js';
import { excerptOf, redact } from './internal/redact.js';
import { refusalTextOf } from './internal/refusal-text-of.js';
import { normaliseId } from './normalise-values.js';
import { parseLosslessJson } from './parse-lossless-json.js';
import type { ItemError } from './results.js';
import { hasRetryAfter, retryAfterMsFromHeaders } from './retry-after.js';

/**
 * What a panel's answer means, before any retry decision:
 *
 * - `ok`: a valid answer of the expected shape;
 * - `rejected`: the panel said no (`{"error": ...}`, whatever the HTTP status);
 * - `throttled`: 429, a 503 with `Retry-After`, or a rate-limit text: nothing was processed;
 * - `unusable`: no usable answer (empty, HTML, broken JSON, a 5xx without a JSON error), or
 *   JSON of the wrong shape. Whether the panel processed the request is unknown.
 */
export type DecodedAnswer<T> =
  | { kind: 'ok'; value: T }
  | { kind: 'rejected'; error: PanelRejectedError }
  | { kind: 'throttled'; error: RateLimitedError }
  | { kind: 'unusable'; error: PanelUnavailableError | InvalidResponseError };

/** How to read an answer. */
export interface DecodeOptions {
  /** A panel profile's own error texts, checked before the defaults. Default: none. */
  errorRules?: readonly ErrorTextRule[];
  /** Strings (the API key) replaced by `[REDACTED]` in excerpts and messages. Default: none. */
  secrets?: readonly string[];
  /** The clock (epoch milliseconds), for `Retry-After` dates. Default: `Date.now`. */
  now?: () => number;
}

/** Defaults of {@link DecodeOptions}. */
export const DECODE_DEFAULTS = Object.freeze({
  errorRules: Object.freeze([]) as readonly ErrorTextRule[],
  secrets: Object.freeze([]) as readonly string[],
  now: (): number => Date.now(),
});

/** A panel's own text is kept whole, but not without bound: a whole page in `error` is cut. */
const MAX_PANEL_MESSAGE_LENGTH = 1000;

// Families that a 503 with `Retry-After` does not turn into a rate limit: the text says
// plainly what is wrong, and waiting will not change it.
const PERMANENT_CLASSES: ReadonlySet<PanelErrorClass> = new Set([
  'auth',
  'funds',
  'validation',
  'duplicate_link',
  'not_found',
  'not_eligible',
]);

interface AnswerContext {
  action: string;
  httpStatus: number;
  /** Built only for errors: redacting a large catalogue that decoded fine would be waste. */
  excerpt: () => string;
  /** Read only when an error needs it: most answers are successes without such headers. */
  retryAfterMs: () => number | undefined;
  /** A 503 that carries `Retry-After`: the panel says "try later". */
  saysTryLater: boolean;
  rules: readonly ErrorTextRule[];
  secrets: readonly string[];
}

function panelText(text: string, secrets: readonly string[]): string {
  const clean = redact(text, secrets);
  return clean.length <= MAX_PANEL_MESSAGE_LENGTH
    ? clean
    : `${clean.slice(0, MAX_PANEL_MESSAGE_LENGTH - 1)}…`;
}

function throttled(ctx: AnswerContext): DecodedAnswer<never> {
  const { action, httpStatus } = ctx;
  const retryAfterMs = ctx.retryAfterMs();
  return {
    kind: 'throttled',
    error: new RateLimitedError({ action, httpStatus, excerpt: ctx.excerpt(), retryAfterMs }),
  };
}

function unavailable(ctx: AnswerContext, reason: PanelUnavailableError['reason']) {
  const { action, httpStatus } = ctx;
  const retryAfterMs = ctx.retryAfterMs();
  const excerpt = ctx.excerpt();
  const error = new PanelUnavailableError({ action, httpStatus, excerpt, reason, retryAfterMs });
  return { kind: 'unusable', error } as const;
}

function invalid(ctx: AnswerContext, problem: string) {
  const { action, httpStatus } = ctx;
  return {
    kind: 'unusable',
    error: new InvalidResponseError({ action, httpStatus, excerpt: ctx.excerpt(), problem }),
  } as const;
}

function refused(ctx: AnswerContext, item: ItemError): DecodedAnswer<never> {
  if (item.errorClass === 'rate_limit') return throttled(ctx);
  if (ctx.saysTryLater && !PERMANENT_CLASSES.has(item.errorClass)) return throttled(ctx);

  const { action, httpStatus } = ctx;
  const error = new PanelRejectedError({
    action,
    httpStatus,
    excerpt: ctx.excerpt(),
    errorClass: item.errorClass,
    panelMessage: item.message,
  });
  return { kind: 'rejected', error };
}

/** Classifies and redacts the per-item errors of a batch answer, which the schemas leave raw. */
function classifyItems<T>(value: T, toItemError: (text: string) => ItemError): T {
  if (!(value instanceof Map)) return value;
  for (const [id, item] of value) {
    if ((item as { ok?: unknown }).ok === false)
      value.set(id, toItemError((item as ItemError).message));
  }
  return value;
}

function looksLikeHtml(response: TransportResponse, body: string): boolean {
  const type = response.headers['content-type'] ?? '';
  return body.startsWith('<') || /html/i.test(type);
}

function describeIssues(issues: readonly z.core.$ZodIssue[]): string {
  const first = issues[0];
  if (first === undefined) return 'unexpected shape';

  const where = first.path.length > 0 ? first.path.map(String).join('.') : 'answer';
  const more = issues.length > 1 ? ` (and ${issues.length - 1} more)` : '';
  return `${where}: ${first.message}${more}`;
}

/**
 * Reads a panel's answer to one action.
 *
 * Success or failure is decided from the body, whatever the status line: 201 with
 * `{"order": 42}` is a placed order, 403 or 200 with `{"error": "Invalid API key"}` a
 * rejection. Only 429 is taken from the status line alone. Numbers are parsed without loss,
 * so ids keep every digit and money is an exact decimal string.
 *
 * Never throws for anything the panel sends: every answer becomes one of the
 * {@link DecodedAnswer} kinds. Excerpts and messages have `secrets` redacted.
 */
export function decodeAnswer<K extends AnswerShape>(
  shape: K,
  response: TransportResponse,
  options: DecodeOptions = {},
): DecodedAnswer<ShapeResult[K]> {
  const rules = options.errorRules ?? DECODE_DEFAULTS.errorRules;
  const secrets = options.secrets ?? DECODE_DEFAULTS.secrets;
  const nowMs = (options.now ?? DECODE_DEFAULTS.now)();
  const httpStatus = response.status;
  const ctx: AnswerContext = {
    action: ANSWER_SHAPE_ACTIONS[shape],
    httpStatus,
    excerpt: () => excerptOf(response.body, secrets),
    retryAfterMs: () => retryAfterMsFromHeaders(response.headers, nowMs),
    saysTryLater: httpStatus === 503 && hasRetryAfter(response.headers, nowMs),
    rules,
    secrets,
  };
  const toItemError = (text: string): ItemError => ({
    ok: false,
    errorClass: classifyErrorText(text, rules),
    message: panelText(text, secrets),
  });

  // A 429 means "not processed" whatever its body says.
  if (httpStatus === 429) return throttled(ctx);

  const body = response.body.replace(/^\uFEFF/, '').trim();
  if (body.length === 0) return ctx.saysTryLater ? throttled(ctx) : unavailable(ctx, 'empty');

  const parsed = parseLosslessJson(body);
  if (!parsed.ok) {
    if (ctx.saysTryLater) return throttled(ctx);
    return unavailable(ctx, looksLikeHtml(response, body) ? 'html' : 'invalid_json');
  }

  const refusal = refusalTextOf(parsed.value, httpStatus, 'before_shape');
  if (refusal !== undefined) {
    // An id beside an error cannot be settled either way: a paid order must not be recorded
    // as refused when the panel may have placed it.
    const order = (parsed.value as { order?: unknown }).order;
    if (shape === 'add' && normaliseId(order) !== undefined) {
      return invalid(ctx, 'the answer holds both an order id and an error');
    }
    return refused(ctx, toItemError(refusal));
  }

  // The usual status answers skip zod's field-by-field walk; the result is the same.
  const usual = readUsualAnswer(shape, parsed.value);
  if (usual !== undefined) {
    return { kind: 'ok', value: classifyItems(usual.value, toItemError) as ShapeResult[K] };
  }

  const decoded = ANSWER_SCHEMAS[shape].safeParse(parsed.value);
  if (decoded.success) {
    const outcome = decoded.data;
    if ('rejected' in outcome) return refused(ctx, toItemError(outcome.rejected.message));
    return { kind: 'ok', value: classifyItems(outcome.value, toItemError) as ShapeResult[K] };
  }

  const late = refusalTextOf(parsed.value, httpStatus, 'after_shape');
  if (late !== undefined) return refused(ctx, toItemError(late));
  if (ctx.saysTryLater) return throttled(ctx);
  if (httpStatus >= 500) return unavailable(ctx, 'server_error');
  return invalid(ctx, describeIssues(decoded.error.issues));
}
