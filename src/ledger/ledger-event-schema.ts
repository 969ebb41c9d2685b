import { z } from 'zod';
import type { OrderStatus } from '../api/results.js';
import { PANEL_ERROR_CLASSES, type PanelErrorClass } from '../errors/error-class.js';
import type { SendState } from '../errors/send-state.js';
import type { IntentState } from './ledger.js';
import type { LedgerEvent } from './ledger-event.js';

// The shapes a file ledger line may take. Replay parses every line with these, so a line that
// is valid JSON but not an event is reported as corrupt rather than applied half-way. The
// `satisfies` and `ZodType<...>` annotations make the compiler fail when a contract type
// changes without this file.

/** Every order status a ledger record may hold. */
export const ORDER_STATUSES = [
  'pending',
  'in_progress',
  'processing',
  'completed',
  'partial',
  'canceled',
  'refunded',
  'active',
  'error',
  'unknown',
] as const satisfies readonly OrderStatus[];

const INTENT_STATES = [
  'pending',
  'placed',
  'rejected',
  'unknown',
  'not_placed',
] as const satisfies readonly IntentState[];

/** Every send state an attempt record may hold. */
export const SEND_STATES = [
  'not_sent',
  'maybe_sent',
  'answered',
] as const satisfies readonly SendState[];

const time = z.number().finite();
const text = z.string();
const errorClass = z.enum(PANEL_ERROR_CLASSES as [PanelErrorClass, ...PanelErrorClass[]]);

const intent = z.object({
  key: text.min(1),
  fingerprint: text,
  panel: text,
  params: z.record(text, text),
  expectedCharge: text.optional(),
  currency: text.optional(),
});

const attempt = z.object({
  attempt: z.number().int().min(1),
  startedAt: time,
  endedAt: time.optional(),
  sendState: z.enum(SEND_STATES).optional(),
  httpStatus: z.number().int().optional(),
  errorCode: text.optional(),
  errorClass: errorClass.optional(),
  excerpt: text.optional(),
  orderId: text.optional(),
});

const evidence = z.object({
  at: time,
  kind: text,
  detail: text,
  orderIds: z.array(text).optional(),
});

const panelState = z.object({
  status: z.enum(ORDER_STATUSES),
  rawStatus: text,
  charge: text.optional(),
  remains: z.number().optional(),
  startCount: z.number().optional(),
  currency: text.optional(),
  seenAt: time,
});

const entry = intent.extend({
  state: z.enum(INTENT_STATES),
  orderId: text.optional(),
  rejection: z.object({ errorClass, message: text }).optional(),
  unknownReason: text.optional(),
  attempts: z.array(attempt),
  lease: z.object({ owner: text, expiresAt: time }).optional(),
  panelState: panelState.optional(),
  refund: text.optional(),
  evidence: z.array(evidence),
  createdAt: time,
  updatedAt: time,
  sequence: z.number().int().min(1),
});

const settlement = z.discriminatedUnion('state', [
  z.object({ state: z.literal('placed'), orderId: text }),
  z.object({ state: z.literal('rejected'), errorClass, message: text }),
  z.object({ state: z.literal('unknown'), reason: text }),
]);

const resolution = z.discriminatedUnion('state', [
  z.object({ state: z.literal('placed'), orderId: text, evidence }),
  z.object({ state: z.literal('not_placed'), evidence }),
]);

const key = text.min(1);
const owner = text.min(1);

/** Parses one decoded JSON line into a {@link LedgerEvent}. */
export const ledgerEventSchema: z.ZodType<LedgerEvent> = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('claim'),
    key,
    owner,
    leaseExpiresAt: time,
    at: time,
    intent: intent.optional(),
    sequence: z.number().int().min(1).optional(),
  }),
  z.object({ type: z.literal('attempt'), key, owner, attempt }),
  z.object({ type: z.literal('settle'), key, owner, settlement, at: time }),
  z.object({ type: z.literal('release'), key, owner }),
  z.object({ type: z.literal('resolve'), key, resolution, at: time }),
  z.object({ type: z.literal('evidence'), key, evidence }),
  z.object({ type: z.literal('panel_state'), key, panelState, refund: text.optional() }),
  z.object({ type: z.literal('entry'), entry }),
]);
