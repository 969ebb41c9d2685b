import { InvalidOptionsError } from '../errors/input-errors.js';
import type { SandboxService } from './catalogue.js';
import { isDecimalString } from './money.js';
import type { SandboxOptions } from './options.js';
import { findOrderTypeRule } from './order-types.js';

function check(condition: boolean, option: string, message: string): void {
  if (!condition) throw new InvalidOptionsError(option, message);
}

function isWhole(value: unknown, min: number, max = Number.MAX_SAFE_INTEGER): boolean {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= min && value <= max;
}

function isDuration(value: unknown): boolean {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0;
}

/** Checks one catalogue entry; `where` names it in the message (`services[3]`). */
export function validateSandboxService(entry: SandboxService, where: string): void {
  check(typeof entry === 'object' && entry !== null, where, 'must be an object');
  check(isWhole(entry.id, 1), `${where}.id`, 'must be a positive whole number');
  check(typeof entry.name === 'string' && entry.name !== '', `${where}.name`, 'must be a text');
  check(
    typeof entry.type === 'string' && findOrderTypeRule(entry.type) !== undefined,
    `${where}.type`,
    'must be an order type of docs/panel-api.md (Default, Package, Custom Comments...)',
  );
  check(typeof entry.category === 'string', `${where}.category`, 'must be a text');
  check(isDecimalString(entry.rate), `${where}.rate`, 'must be a decimal string such as "0.90"');
  check(isWhole(entry.min, 1), `${where}.min`, 'must be a positive whole number');
  check(isWhole(entry.max, entry.min), `${where}.max`, 'must be a whole number not below min');
  for (const flag of ['refill', 'cancel', 'dripfeed'] as const) {
    check(typeof entry[flag] === 'boolean', `${where}.${flag}`, 'must be a boolean');
  }
}

/** Throws `InvalidOptionsError` for the first invalid option. */
export function validateSandboxOptions(options: SandboxOptions): void {
  const o = options;
  check(typeof o === 'object' && o !== null, 'options', 'must be an object');
  if (o.apiKey !== undefined) {
    check(
      typeof o.apiKey === 'string' && o.apiKey.trim() !== '',
      'apiKey',
      'must be a non-empty text',
    );
  }
  if (o.startingBalance !== undefined) {
    check(
      isDecimalString(o.startingBalance),
      'startingBalance',
      'must be a decimal string such as "1000"',
    );
  }
  if (o.currency !== undefined) {
    check(
      typeof o.currency === 'string' && o.currency !== '',
      'currency',
      'must be a non-empty text',
    );
  }
  if (o.services !== undefined) {
    check(
      Array.isArray(o.services) && o.services.length > 0,
      'services',
      'must be a non-empty array',
    );
    const ids = new Set<number>();
    o.services.forEach((entry, index) => {
      validateSandboxService(entry, `services[${index}]`);
      check(!ids.has(entry.id), `services[${index}].id`, `duplicates service id ${entry.id}`);
      ids.add(entry.id);
    });
  }
  if (o.clock !== undefined) check(typeof o.clock === 'function', 'clock', 'must be a function');
  for (const name of ['pendingMs', 'deliveryMs', 'cancelDelayMs', 'refillMs'] as const) {
    if (o[name] !== undefined) check(isDuration(o[name]), name, 'must be a finite number >= 0');
  }
  if (o.partialFraction !== undefined) {
    const value = o.partialFraction;
    check(isDuration(value) && value <= 1, 'partialFraction', 'must be a number from 0 to 1');
  }
  if (o.otherUsersOrderRate !== undefined) {
    const value = o.otherUsersOrderRate;
    check(isDuration(value) && value <= 1000, 'otherUsersOrderRate', 'must be from 0 to 1000');
  }
  if (o.firstOrderId !== undefined) {
    check(isWhole(o.firstOrderId, 1, 2 ** 50), 'firstOrderId', 'must be a positive whole number');
  }
  if (o.firstRefillId !== undefined) {
    check(isWhole(o.firstRefillId, 1, 2 ** 50), 'firstRefillId', 'must be a positive whole number');
  }
  if (o.idempotency !== undefined) {
    const mode = o.idempotency?.mode;
    check(
      mode === 'none' || mode === 'header' || mode === 'form_field',
      'idempotency.mode',
      "must be 'none', 'header' or 'form_field'",
    );
    const name = o.idempotency.name;
    if (name !== undefined) {
      check(
        typeof name === 'string' && /^[\w-]+$/.test(name),
        'idempotency.name',
        'must be a token',
      );
    }
  }
  if (o.rateLimit !== undefined) {
    check(
      isWhole(o.rateLimit?.maxRequests, 1),
      'rateLimit.maxRequests',
      'must be a whole number >= 1',
    );
    check(
      isDuration(o.rateLimit.windowMs) && o.rateLimit.windowMs > 0,
      'rateLimit.windowMs',
      'must be a number > 0',
    );
  }
  if (o.duplicateLinkRule !== undefined) {
    check(typeof o.duplicateLinkRule === 'boolean', 'duplicateLinkRule', 'must be a boolean');
  }
  if (o.seed !== undefined)
    check(isWhole(o.seed, 0, 2 ** 32 - 1), 'seed', 'must be a 32-bit whole number');
  if (o.port !== undefined) check(isWhole(o.port, 0, 65535), 'port', 'must be from 0 to 65535');
  if (o.maxBodyBytes !== undefined) {
    check(isWhole(o.maxBodyBytes, 1024), 'maxBodyBytes', 'must be a whole number >= 1024');
  }
}
