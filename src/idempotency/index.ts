export { FINGERPRINT_VERSION, fingerprintOrder } from './fingerprint.js';
export {
  deriveIdempotencyKey,
  type GenerateIdempotencyKeyOptions,
  generateIdempotencyKey,
  MAX_IDEMPOTENCY_KEY_LENGTH,
  validateIdempotencyKey,
} from './idempotency-key.js';
