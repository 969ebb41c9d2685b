import { randomBytes } from 'node:crypto';
import { DEFAULT_SANDBOX_SERVICES, type SandboxService } from './catalogue.js';
import { validateSandboxOptions } from './options-validation.js';

/** Whether and how the sandbox honours an idempotency key on `add`. */
export interface SandboxIdempotencyOptions {
  /**
   * `none`: keys are ignored (most real panels); `header`: read from a request header;
   * `form_field`: read from a form field. Default: `none`.
   */
  mode: 'none' | 'header' | 'form_field';
  /**
   * The header or field name. Default: `Idempotency-Key` in `header` mode, `request_id` in
   * `form_field` mode. Header names are compared without case.
   */
  name?: string;
}

/** A fixed-window request limit per API key; over it the sandbox answers 429 with Retry-After. */
export interface SandboxRateLimitOptions {
  /** Requests allowed in one window, for one key. */
  maxRequests: number;
  /** Length of a window in milliseconds, measured on the sandbox clock. */
  windowMs: number;
}

/** Options of {@link startSandboxPanel} and {@link createSandboxState}. */
export interface SandboxOptions {
  /** The API key the panel accepts. Default: a random `sandbox-<32 hex digits>` string. */
  apiKey?: string;
  /** The balance at start, a decimal string. Default: `"1000"`. */
  startingBalance?: string;
  /** The currency code in `balance` and `status` answers. Default: `"USD"`. */
  currency?: string;
  /** The catalogue. Default: {@link DEFAULT_SANDBOX_SERVICES}, every order type at least once. */
  services?: readonly SandboxService[];
  /** The clock in epoch milliseconds; give your own to move time in tests. Default: `Date.now`. */
  clock?: () => number;
  /** Milliseconds an order stays `Pending` before it starts. Default: 300. */
  pendingMs?: number;
  /** Milliseconds from start to the end of delivery (`Completed` or `Partial`). Default: 1500. */
  deliveryMs?: number;
  /** Milliseconds from an accepted cancel to the `Canceled` status and its refund. Default: 200. */
  cancelDelayMs?: number;
  /**
   * Milliseconds a refill takes from request to `Completed` (half of it `Pending`).
   * Default: 1000.
   */
  refillMs?: number;
  /**
   * Share of orders, 0 to 1, that stop early and end `Partial` (drawn with the seed).
   * Default: 0.
   */
  partialFraction?: number;
  /**
   * Mean number of orders that simulated other users place between two of ours; they take ids
   * from the same sequence, so our ids are not contiguous. 0 turns them off. Default: 1.
   */
  otherUsersOrderRate?: number;
  /** The first id of the order sequence. Default: 10000. */
  firstOrderId?: number;
  /** The first refill id. Default: 1. */
  firstRefillId?: number;
  /** Whether and how an idempotency key on `add` is honoured. Default: `{ mode: 'none' }`. */
  idempotency?: SandboxIdempotencyOptions;
  /** A request limit per key. Default: `undefined` (no limit). */
  rateLimit?: SandboxRateLimitOptions;
  /**
   * Whether a second active order of ours for the same link and service is refused with
   * "You have active order with this link...". Default: `true`.
   */
  duplicateLinkRule?: boolean;
  /** The seed of every random draw (other users, Partial outcomes, start counts). Default: 1. */
  seed?: number;
  /** The TCP port on 127.0.0.1; 0 picks a free one. Default: 0. Ignored by `createSandboxState`. */
  port?: number;
  /** The largest request body accepted, in bytes; larger ones get 413. Default: 1048576. */
  maxBodyBytes?: number;
}

/** The defaults of {@link SandboxOptions} (the API key is drawn at random when not given). */
export const SANDBOX_DEFAULTS = Object.freeze({
  startingBalance: '1000',
  currency: 'USD',
  services: DEFAULT_SANDBOX_SERVICES,
  clock: Date.now,
  pendingMs: 300,
  deliveryMs: 1500,
  cancelDelayMs: 200,
  refillMs: 1000,
  partialFraction: 0,
  otherUsersOrderRate: 1,
  firstOrderId: 10000,
  firstRefillId: 1,
  idempotency: Object.freeze({ mode: 'none' }) as SandboxIdempotencyOptions,
  rateLimit: undefined as SandboxRateLimitOptions | undefined,
  duplicateLinkRule: true,
  seed: 1,
  port: 0,
  maxBodyBytes: 1024 * 1024,
});

/** The default idempotency names per mode. */
export const DEFAULT_IDEMPOTENCY_NAMES = Object.freeze({
  header: 'Idempotency-Key',
  form_field: 'request_id',
});

/** Every option filled in. */
export interface ResolvedSandboxOptions
  extends Required<Omit<SandboxOptions, 'rateLimit' | 'idempotency'>> {
  rateLimit: SandboxRateLimitOptions | undefined;
  idempotency: { mode: SandboxIdempotencyOptions['mode']; name: string };
}

/** Fills in defaults and validates; throws `InvalidOptionsError` naming the bad option. */
export function resolveSandboxOptions(options: SandboxOptions = {}): ResolvedSandboxOptions {
  validateSandboxOptions(options);
  const idempotency = options.idempotency ?? SANDBOX_DEFAULTS.idempotency;
  const name =
    idempotency.name ??
    (idempotency.mode === 'form_field'
      ? DEFAULT_IDEMPOTENCY_NAMES.form_field
      : DEFAULT_IDEMPOTENCY_NAMES.header);
  return {
    apiKey: options.apiKey ?? `sandbox-${randomBytes(16).toString('hex')}`,
    startingBalance: options.startingBalance ?? SANDBOX_DEFAULTS.startingBalance,
    currency: options.currency ?? SANDBOX_DEFAULTS.currency,
    services: Object.freeze([...(options.services ?? SANDBOX_DEFAULTS.services)]),
    clock: options.clock ?? SANDBOX_DEFAULTS.clock,
    pendingMs: options.pendingMs ?? SANDBOX_DEFAULTS.pendingMs,
    deliveryMs: options.deliveryMs ?? SANDBOX_DEFAULTS.deliveryMs,
    cancelDelayMs: options.cancelDelayMs ?? SANDBOX_DEFAULTS.cancelDelayMs,
    refillMs: options.refillMs ?? SANDBOX_DEFAULTS.refillMs,
    partialFraction: options.partialFraction ?? SANDBOX_DEFAULTS.partialFraction,
    otherUsersOrderRate: options.otherUsersOrderRate ?? SANDBOX_DEFAULTS.otherUsersOrderRate,
    firstOrderId: options.firstOrderId ?? SANDBOX_DEFAULTS.firstOrderId,
    firstRefillId: options.firstRefillId ?? SANDBOX_DEFAULTS.firstRefillId,
    idempotency: { mode: idempotency.mode, name },
    rateLimit: options.rateLimit ?? SANDBOX_DEFAULTS.rateLimit,
    duplicateLinkRule: options.duplicateLinkRule ?? SANDBOX_DEFAULTS.duplicateLinkRule,
    seed: options.seed ?? SANDBOX_DEFAULTS.seed,
    port: options.port ?? SANDBOX_DEFAULTS.port,
    maxBodyBytes: options.maxBodyBytes ?? SANDBOX_DEFAULTS.maxBodyBytes,
  };
}
