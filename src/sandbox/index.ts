/**
 * The sandbox panel: a stateful simulator of the SMM panel API over a real HTTP server, with
 * fault injection and an inspection API. Imported as `smm-panel-client/sandbox`.
 *
 * The CLI starts it with {@link startSandboxPanel} and prints `url` and `apiKey` itself.
 *
 * @packageDocumentation
 */
export { DEFAULT_SANDBOX_SERVICES, type SandboxService } from './catalogue.js';
export {
  SANDBOX_FAULT_DEFAULTS,
  SANDBOX_FAULT_KINDS,
  type SandboxFaultKind,
  type SandboxFaultRule,
  type SandboxFaultSpec,
  type SandboxFaultStep,
  type SandboxFaultTarget,
} from './fault-kinds.js';
export type { SandboxFaults } from './faults.js';
export type {
  OrderOrigin,
  SandboxFaultCounts,
  SandboxOrder,
  SandboxOrderStatus,
  SandboxOrphanInput,
  SandboxPurchases,
  SandboxRefill,
  SandboxRequestCounts,
} from './inspection-types.js';
export {
  DEFAULT_IDEMPOTENCY_NAMES,
  SANDBOX_DEFAULTS,
  type SandboxIdempotencyOptions,
  type SandboxOptions,
  type SandboxRateLimitOptions,
} from './options.js';
export { SANDBOX_ORDER_TYPES, SUBSCRIPTION_DELAYS_MINUTES } from './order-types.js';
export {
  missingParameterText,
  quantityAboveMaxText,
  quantityBelowMinText,
  SANDBOX_ERROR_TEXTS,
} from './panel-texts.js';
export { type SandboxPanel, startSandboxPanel } from './server.js';
export { createSandboxState, SandboxState } from './state.js';
