import type { SandboxService } from './catalogue.js';
import { type Decimal, perThousand, toDecimal } from './money.js';
import {
  findOrderTypeRule,
  type OrderTypeRule,
  SUBSCRIPTION_DELAYS_MINUTES,
} from './order-types.js';
import {
  missingParameterText,
  quantityAboveMaxText,
  quantityBelowMinText,
  SANDBOX_ERROR_TEXTS as TEXTS,
} from './panel-texts.js';

/** The fields of one request, as the panel decoded them. */
export type RequestParams = ReadonlyMap<string, string>;

/** An `add` request the panel accepted, before any money moves. */
export interface ValidOrder {
  /** The target: the link, or the username of a Subscriptions order. */
  target: string;
  /**
   * Units in total (runs × quantity for drip-feed; max × posts for Subscriptions; 1 for
   * packages).
   */
  quantity: number;
  /** Units per run of a drip-feed order; equal to `quantity` otherwise. */
  perRunQuantity: number;
  /** Drip-feed runs, when asked for. */
  runs: number | undefined;
  /** Drip-feed interval in minutes, when asked for. */
  intervalMinutes: number | undefined;
  charge: Decimal;
  isPackage: boolean;
  isSubscription: boolean;
}

/** The answer of {@link validateOrder}: the order, or the panel's refusal text. */
export type OrderValidation = { ok: true; order: ValidOrder } | { ok: false; error: string };

// Quantities past this are refused as above any maximum instead of losing precision.
const LARGEST_COUNT = 1e15;
const WHOLE_NUMBER = /^\d+$/;
const EXPIRY_PATTERN = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/;

function field(params: RequestParams, name: string): string | undefined {
  const value = params.get(name)?.trim();
  return value === undefined || value === '' ? undefined : value;
}

function wholeNumber(value: string | undefined): number | undefined {
  if (value === undefined || !WHOLE_NUMBER.test(value)) return undefined;
  const parsed = Number(value);
  return Math.min(parsed, LARGEST_COUNT);
}

/** Whether a text is an absolute http or https URL with a host, as panels require of links. */
export function isHttpLink(value: string): boolean {
  if (/\s/.test(value)) return false;
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
  } catch {
    return false;
  }
}

function countLines(text: string): number {
  return text.split(/\r?\n/).filter((line) => line.trim() !== '').length;
}

function checkRange(quantity: number, service: SandboxService): string | undefined {
  if (quantity < service.min) return quantityBelowMinText(service.min);
  if (quantity > service.max) return quantityAboveMaxText(service.max);
  return undefined;
}

function isValidExpiry(text: string): boolean {
  const match = EXPIRY_PATTERN.exec(text);
  if (match === null) return false;
  const [day, month, year] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCDate() === day && date.getUTCMonth() === month - 1;
}

/** Checks the extra fields of Subscriptions, Web Traffic and Poll orders. */
function checkTypeFields(rule: OrderTypeRule, params: RequestParams): string | undefined {
  if (rule.name === 'Poll') {
    const answer = wholeNumber(field(params, 'answer_number'));
    return answer === undefined || answer < 1 ? TEXTS.incorrectAnswerNumber : undefined;
  }
  if (rule.name === 'Web Traffic') {
    const device = wholeNumber(field(params, 'device'));
    if (device === undefined || device < 1 || device > 5) return TEXTS.incorrectDevice;
    const traffic = wholeNumber(field(params, 'type_of_traffic'));
    if (traffic === undefined || traffic < 1 || traffic > 3) return TEXTS.incorrectTrafficType;
    if (traffic === 1 && field(params, 'google_keyword') === undefined) {
      return missingParameterText('google_keyword');
    }
    if (traffic === 2) {
      const referrer = field(params, 'referring_url');
      if (referrer === undefined) return missingParameterText('referring_url');
      if (!isHttpLink(referrer)) return TEXTS.badLink;
    }
  }
  return undefined;
}

function checkDripfeed(
  rule: OrderTypeRule,
  service: SandboxService,
  params: RequestParams,
): { error: string } | { runs: number | undefined; interval: number | undefined } {
  const runsText = field(params, 'runs');
  const intervalText = field(params, 'interval');
  // Types without drip-feed ignore the fields, as panels ignore any field they do not know.
  if (!rule.acceptsDripfeed || (runsText === undefined && intervalText === undefined)) {
    return { runs: undefined, interval: undefined };
  }
  if (!service.dripfeed) return { error: TEXTS.dripfeedDisabled };
  if (runsText === undefined) return { error: missingParameterText('runs') };
  if (intervalText === undefined) return { error: missingParameterText('interval') };
  const runs = wholeNumber(runsText);
  if (runs === undefined || runs < 2 || runs > 1000) return { error: TEXTS.incorrectRuns };
  const interval = wholeNumber(intervalText);
  if (interval === undefined || interval < 1) return { error: TEXTS.incorrectInterval };
  return { runs, interval };
}

function validateSubscription(service: SandboxService, params: RequestParams): OrderValidation {
  const min = wholeNumber(field(params, 'min'));
  const max = wholeNumber(field(params, 'max'));
  if (min === undefined || max === undefined) return { ok: false, error: TEXTS.incorrectQuantity };
  const rangeError = checkRange(min, service) ?? checkRange(max, service);
  if (rangeError !== undefined) return { ok: false, error: rangeError };
  if (min > max) return { ok: false, error: TEXTS.minAboveMax };
  const delay = wholeNumber(field(params, 'delay'));
  if (delay === undefined || !SUBSCRIPTION_DELAYS_MINUTES.includes(delay)) {
    return { ok: false, error: TEXTS.incorrectDelay };
  }
  const postsText = field(params, 'posts');
  const posts = postsText === undefined ? 1 : wholeNumber(postsText);
  if (posts === undefined || posts < 1) return { ok: false, error: TEXTS.incorrectPosts };
  const oldPosts = field(params, 'old_posts');
  if (oldPosts !== undefined && wholeNumber(oldPosts) === undefined) {
    return { ok: false, error: TEXTS.incorrectPosts };
  }
  const expiry = field(params, 'expiry');
  if (expiry !== undefined && !isValidExpiry(expiry))
    return { ok: false, error: TEXTS.incorrectExpiry };

  // Real panels charge a subscription post by post as posts appear; the sandbox charges the
  // `posts` announced (one when not given) up front, `max` units each, so money stays simple.
  const quantity = max * posts;
  const target = (field(params, 'username') ?? '').replace(/^@/, '');
  return {
    ok: true,
    order: {
      target,
      quantity,
      perRunQuantity: quantity,
      runs: undefined,
      intervalMinutes: undefined,
      charge: perThousand(toDecimal(service.rate), quantity),
      isPackage: false,
      isSubscription: true,
    },
  };
}

/**
 * Checks an `add` request for one service the way a panel does, in its order: required fields,
 * link, quantity and its limits, the type's own fields, drip-feed. Returns the order, priced, or
 * the panel's text. Funds, duplicates and idempotency are checked later, against the state.
 */
export function validateOrder(service: SandboxService, params: RequestParams): OrderValidation {
  const rule = findOrderTypeRule(service.type);
  if (rule === undefined) return { ok: false, error: TEXTS.incorrectServiceId };

  for (const name of rule.required) {
    if (field(params, name) === undefined) return { ok: false, error: missingParameterText(name) };
  }
  if (rule.quantity.from === 'subscription') return validateSubscription(service, params);

  const link = field(params, 'link') ?? '';
  if (!isHttpLink(link)) return { ok: false, error: TEXTS.badLink };
  if (rule.name === 'Mentions Media Likers' && !isHttpLink(field(params, 'media') ?? '')) {
    return { ok: false, error: TEXTS.badLink };
  }

  let perRun = 1;
  if (rule.quantity.from === 'field') {
    const quantity = wholeNumber(field(params, 'quantity'));
    if (quantity === undefined) return { ok: false, error: TEXTS.incorrectQuantity };
    perRun = quantity;
  } else if (rule.quantity.from === 'lines') {
    perRun = countLines(field(params, rule.quantity.field) ?? '');
  }
  const isPackage = rule.quantity.from === 'package';
  if (!isPackage) {
    const rangeError = checkRange(perRun, service);
    if (rangeError !== undefined) return { ok: false, error: rangeError };
  }

  const typeError = checkTypeFields(rule, params);
  if (typeError !== undefined) return { ok: false, error: typeError };
  const dripfeed = checkDripfeed(rule, service, params);
  if ('error' in dripfeed) return { ok: false, error: dripfeed.error };

  const quantity = perRun * (dripfeed.runs ?? 1);
  const rate = toDecimal(service.rate);
  return {
    ok: true,
    order: {
      target: link,
      quantity,
      perRunQuantity: perRun,
      runs: dripfeed.runs,
      intervalMinutes: dripfeed.interval,
      charge: isPackage ? rate : perThousand(rate, quantity),
      isPackage,
      isSubscription: false,
    },
  };
}
