import type { ErrorTextRule } from '../errors/classify-error-text.js';
import { InvalidOptionsError } from '../errors/input-errors.js';

/**
 * How a panel accepts an idempotency key on `add`.
 *
 * - `none` (the common case): the key lives only in the ledger; an ambiguous `add` becomes
 *   `unknown` and is settled by the reconciler.
 * - `header`: sent as a request header (`Idempotency-Key` by default).
 * - `form_field`: sent as a form field (`request_id` by default).
 *
 * Declare `header` or `form_field` only for a panel that really deduplicates: the SDK then
 * retries an ambiguous `add` with the same key, trusting the panel to return the first order.
 */
export type IdempotencySupport =
  | { mode: 'none' }
  | { mode: 'header'; name?: string }
  | { mode: 'form_field'; name?: string };

/** What a caller writes to describe a panel. Only `url` and `apiKey` are required. */
export interface PanelProfileOptions {
  /** The panel's full API URL, such as `https://panel.example/api/v2`. Required. */
  url: string;
  /** The API key. Sent only in the POST body; redacted from every log, error and report. */
  apiKey: string;
  /** A short name for logs and the ledger. Default: `standard`. */
  name?: string;
  /** Body encoding. Default: `form` (works on every panel); `json` for the few that want it. */
  encoding?: 'form' | 'json';
  /** Most ids per batch call (`status`, `refill`, `refill_status`, `cancel`). Default: 100. */
  batchLimit?: number;
  /** Whether and how the panel deduplicates `add` by key. Default: `{ mode: 'none' }`. */
  idempotency?: IdempotencySupport;
  /** Extra error texts and their families, checked before the built-in table. Default: none. */
  errorTexts?: readonly ErrorTextRule[];
}

/** A validated profile with every default filled in. */
export interface PanelProfile {
  readonly url: string;
  /** The API key. Not enumerable, so printing or serialising a profile leaves it out. */
  readonly apiKey: string;
  readonly name: string;
  readonly encoding: 'form' | 'json';
  readonly batchLimit: number;
  readonly idempotency: Required<IdempotencySupport> | { mode: 'none' };
  readonly errorTexts: readonly ErrorTextRule[];
  /** True when the panel deduplicates `add` by key (`header` or `form_field`). */
  readonly hasServerIdempotency: boolean;
}

/** Defaults of {@link PanelProfileOptions}, in one place. */
export const PANEL_PROFILE_DEFAULTS = Object.freeze({
  name: 'standard',
  encoding: 'form' as const,
  batchLimit: 100,
  idempotencyHeader: 'Idempotency-Key',
  idempotencyFormField: 'request_id',
});

/**
 * Validates a panel description and fills in the defaults of the `standard` profile, which
 * fits the common API. Throws {@link InvalidOptionsError} naming the bad option.
 */
export function definePanelProfile(options: PanelProfileOptions): PanelProfile {
  const url = parsePanelUrl(options.url);
  if (typeof options.apiKey !== 'string' || options.apiKey.trim() === '') {
    throw new InvalidOptionsError('apiKey', 'must be a non-empty string');
  }
  const batchLimit = options.batchLimit ?? PANEL_PROFILE_DEFAULTS.batchLimit;
  if (!Number.isInteger(batchLimit) || batchLimit < 1 || batchLimit > 100) {
    throw new InvalidOptionsError('batchLimit', 'must be an integer from 1 to 100');
  }
  const encoding = options.encoding ?? PANEL_PROFILE_DEFAULTS.encoding;
  if (encoding !== 'form' && encoding !== 'json') {
    throw new InvalidOptionsError('encoding', "must be 'form' or 'json'");
  }

  const idempotency = resolveIdempotency(options.idempotency);
  const profile = {
    url,
    name: options.name ?? PANEL_PROFILE_DEFAULTS.name,
    encoding,
    batchLimit,
    idempotency,
    errorTexts: Object.freeze([...(options.errorTexts ?? [])]),
    hasServerIdempotency: idempotency.mode !== 'none',
  };
  // Not enumerable: printing a client (`util.inspect`), `JSON.stringify(profile)` and spreads
  // leave the key out, so it cannot reach a log line by accident. Read it as `profile.apiKey`.
  Object.defineProperty(profile, 'apiKey', { value: options.apiKey, enumerable: false });
  return Object.freeze(profile) as PanelProfile;
}

function parsePanelUrl(raw: unknown): string {
  if (typeof raw !== 'string') throw new InvalidOptionsError('url', 'must be a string');
  let parsed: URL;
  try {
    parsed = new URL(raw);
  } catch {
    throw new InvalidOptionsError('url', 'is not a valid URL');
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') {
    throw new InvalidOptionsError('url', 'must use http or https');
  }
  // A key in the URL would travel in logs and proxies; the protocol wants it in the body.
  if (parsed.username || parsed.password || parsed.search.toLowerCase().includes('key=')) {
    throw new InvalidOptionsError('url', 'must not carry credentials; pass apiKey instead');
  }
  return parsed.toString();
}

function resolveIdempotency(
  support: IdempotencySupport | undefined,
): Required<IdempotencySupport> | { mode: 'none' } {
  if (support === undefined || support.mode === 'none') return { mode: 'none' };
  if (support.mode === 'header') {
    return { mode: 'header', name: support.name ?? PANEL_PROFILE_DEFAULTS.idempotencyHeader };
  }
  if (support.mode === 'form_field') {
    return {
      mode: 'form_field',
      name: support.name ?? PANEL_PROFILE_DEFAULTS.idempotencyFormField,
    };
  }
  throw new InvalidOptionsError('idempotency.mode', "must be 'none', 'header' or 'form_field'");
}

/** The profile's URL without its path's secrets, for the ledger's `panel` field and logs. */
export function panelLabel(profile: PanelProfile): string {
  return `${profile.name}@${new URL(profile.url).host}`;
}
