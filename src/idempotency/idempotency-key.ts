import { createHash, randomFillSync } from 'node:crypto';
import { InvalidInputError } from '../errors/input-errors.js';

/** The longest idempotency key accepted, in characters. */
export const MAX_IDEMPOTENCY_KEY_LENGTH = 128;

// Characters that survive a header, a form field, a URL, a log line and a SQL text column
// unchanged, on every panel we know of.
const KEY_PATTERN = /^[A-Za-z0-9._:-]+$/;

// Crockford's base32 alphabet in lower case: no i, l, o or u, so keys read back unambiguously.
const BASE32_ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz';

// Part of the derived key's canonical encoding. Changing it changes every derived key, so it
// changes only with a new version tag (and a note that old keys no longer match).
const DERIVE_DOMAIN = 'smm-panel-client/idempotency-key';
const DERIVE_VERSION = 1;

/**
 * Checks a caller's idempotency key and returns it unchanged.
 *
 * @throws InvalidInputError naming `idempotencyKey` unless the key is a string of 1 to 128
 * characters from `A-Z a-z 0-9 . _ : -`.
 */
export function validateIdempotencyKey(key: unknown): string {
  if (typeof key !== 'string' || key.length === 0) {
    throw invalid('idempotencyKey', 'must be a non-empty string');
  }
  if (key.length > MAX_IDEMPOTENCY_KEY_LENGTH) {
    throw invalid('idempotencyKey', `must be at most ${MAX_IDEMPOTENCY_KEY_LENGTH} characters`);
  }
  if (!KEY_PATTERN.test(key)) {
    throw invalid('idempotencyKey', 'may contain only letters, digits and . _ : -');
  }
  return key;
}

/** Options of {@link generateIdempotencyKey}. */
export interface GenerateIdempotencyKeyOptions {
  /**
   * Where the 16 random bytes come from. Default: `node:crypto`'s CSPRNG, read 4 KiB at a time
   * into a pool that serves 256 keys (see {@link pooledRandomBytes}).
   */
  randomBytes?: (size: number) => Uint8Array;
}

/**
 * A fresh random key: `smm_` and 26 base32 characters (128 random bits). Use it when the
 * caller gave no key; it protects the retries of this one call, not a second call.
 */
export function generateIdempotencyKey(options: GenerateIdempotencyKeyOptions = {}): string {
  const bytes = (options.randomBytes ?? pooledRandomBytes)(16);
  return `smm_${toBase32(bytes)}`;
}

/**
 * A key derived from a business id, the same in every process and every release: `smm_` and
 * 32 base32 characters (the first 160 bits of a SHA-256 of a versioned, unambiguous encoding
 * of both arguments). Deriving the key from the caller's own id (an invoice line, a cart item)
 * makes a crashed job that runs again find its first order instead of buying a second.
 *
 * The namespace separates id spaces: two jobs whose ids may coincide ("order 17" in two
 * shops, or a nightly job that reuses yesterday's numbers) must use different namespaces,
 * or the second order is taken for a replay of the first and never sent.
 *
 * @throws InvalidInputError naming `namespace` or `businessId` when either is not a
 * non-empty string.
 */
export function deriveIdempotencyKey(namespace: string, businessId: string): string {
  requireNonEmpty('namespace', namespace);
  requireNonEmpty('businessId', businessId);

  // JSON of an array keeps the parts apart: ("a:b", "c") and ("a", "b:c") encode differently.
  const canonical = JSON.stringify([DERIVE_DOMAIN, DERIVE_VERSION, namespace, businessId]);
  const digest = createHash('sha256').update(canonical, 'utf8').digest();
  return `smm_${toBase32(digest.subarray(0, 20))}`;
}

// One `randomBytes(16)` per key cost about a tenth of an order's own CPU: each call crosses
// into the CSPRNG and allocates a Buffer. Filling 4 KiB at once and handing out slices gives the
// same bytes from the same source (crypto random, never Math.random); each slice is handed out
// once, copied, and the pool is refilled before any byte is reused.
const POOL_BYTES = 4096;
const pool = Buffer.allocUnsafe(POOL_BYTES);
let poolOffset = POOL_BYTES;

/**
 * `size` bytes from `node:crypto`'s CSPRNG, served from a pool refilled 4 KiB at a time
 * (`randomFillSync`). The result is a fresh copy; no byte is ever handed out twice.
 */
export function pooledRandomBytes(size: number): Uint8Array {
  if (size > POOL_BYTES) return randomFillSync(new Uint8Array(size));
  if (poolOffset + size > POOL_BYTES) {
    randomFillSync(pool);
    poolOffset = 0;
  }
  const bytes = pool.subarray(poolOffset, poolOffset + size);
  poolOffset += size;
  return new Uint8Array(bytes);
}

function requireNonEmpty(field: string, value: unknown): void {
  if (typeof value !== 'string' || value.length === 0) {
    throw invalid(field, 'must be a non-empty string');
  }
}

function invalid(path: string, message: string): InvalidInputError {
  return new InvalidInputError(`Invalid ${path}: ${message}`, [{ path, message }]);
}

/** Base32 without padding: 5 bits per character, most significant first. */
function toBase32(bytes: Uint8Array): string {
  let out = '';
  let buffer = 0;
  let bits = 0;
  for (const byte of bytes) {
    buffer = (buffer << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      bits -= 5;
      out += BASE32_ALPHABET[(buffer >>> bits) & 31];
    }
    // Keep only the bits not yet written, so the buffer never outgrows 32 bits.
    buffer &= (1 << bits) - 1;
  }
  if (bits > 0) out += BASE32_ALPHABET[(buffer << (5 - bits)) & 31];
  return out;
}
