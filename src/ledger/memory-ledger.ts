import { PANEL_ERROR_CLASSES } from '../errors/error-class.js';
import { LedgerError } from '../errors/order-errors.js';
import { EntryIndex } from './entry-index.js';
import { checkAgainstSchema, EventLedger } from './event-ledger.js';
import type { Ledger } from './ledger.js';
import type { LedgerEvent } from './ledger-event.js';
import { ORDER_STATUSES, SEND_STATES } from './ledger-event-schema.js';

/*
 * What an in-memory ledger risks: it lives only as long as the process. A crash or a restart
 * forgets every intent, so
 * - an order whose outcome was `unknown` can no longer be reconciled: the ledger does not
 *   remember that it may exist, and nobody looks for it;
 * - a retry after the restart with the same idempotency key finds no entry, is claimed as new
 *   and sent again: if the first request reached the panel, the order is paid twice;
 * - two processes never see each other's leases.
 * Use it for tests and short scripts; a service that orders for real wants the file, SQLite or
 * PostgreSQL ledger.
 */

/**
 * A ledger held in this process's memory: every method resolves at once, nothing survives the
 * process. Entries are copied in and out, so mutating a returned entry never changes the
 * ledger. See the comment at the top of this file for what that costs after a crash.
 */
export class MemoryLedger extends EventLedger {
  constructor() {
    super(new EntryIndex(), { append: async () => {}, close: async () => {} }, checkChangeFields);
  }
}

/** Creates an empty {@link MemoryLedger}. Nothing is durable: a restart forgets everything. */
export function createMemoryLedger(): Ledger {
  return new MemoryLedger();
}

// Why the memory ledger does not run the event schema (zod) like the file ledger: the schema
// is there so nothing reaches a file that replay would refuse, and nothing is written here.
// It cost more per change than the rest of the change. The check below is hand-written and
// checks the same fields with the same rules (types, non-empty key and owner, finite times,
// integers from 1, known enum values), so the memory ledger refuses what the durable ones
// refuse and tests against it stay honest. It does not copy: the reducer copies what it keeps
// from an event, field by field, and drops fields it does not know, as the schema would.
// A snapshot's `entry` event is never built by a live ledger; it still goes to the schema.

const INTENT_STATES_OF_SETTLE = new Set(['placed', 'rejected', 'unknown']);
const ORDER_STATUS_SET: ReadonlySet<string> = new Set(ORDER_STATUSES);
const SEND_STATE_SET: ReadonlySet<string> = new Set(SEND_STATES);
const ERROR_CLASSES: ReadonlySet<string> = new Set(PANEL_ERROR_CLASSES);

/** Refuses a change whose fields the durable ledgers' schema would refuse; returns it as is. */
export function checkChangeFields(change: LedgerEvent): LedgerEvent {
  if (change?.type === 'entry') return checkAgainstSchema(change);
  const c = change as unknown as Fields;
  const problem = eventProblem(c);
  if (problem !== undefined) {
    throw new LedgerError(`Ledger change for ${String(c?.key)} is malformed (${problem})`);
  }
  return change;
}

type Fields = Record<string, unknown>;

function eventProblem(c: Fields): string | undefined {
  const head = nonEmpty(c.key, 'key');
  if (head !== undefined) return head;
  switch (c.type) {
    case 'claim':
      return (
        nonEmpty(c.owner, 'owner') ??
        time(c.leaseExpiresAt, 'leaseExpiresAt') ??
        time(c.at, 'at') ??
        optional(c.intent, 'intent', intentProblem) ??
        optional(c.sequence, 'sequence', (v, p) => counter(v, p))
      );
    case 'attempt':
      return nonEmpty(c.owner, 'owner') ?? record(c.attempt, 'attempt', attemptProblem);
    case 'settle':
      return (
        nonEmpty(c.owner, 'owner') ??
        time(c.at, 'at') ??
        record(c.settlement, 'settlement', settlementProblem)
      );
    case 'release':
      return nonEmpty(c.owner, 'owner');
    case 'resolve':
      return time(c.at, 'at') ?? record(c.resolution, 'resolution', resolutionProblem);
    case 'evidence':
      return record(c.evidence, 'evidence', evidenceProblem);
    case 'panel_state':
      return (
        record(c.panelState, 'panelState', panelStateProblem) ?? optional(c.refund, 'refund', text)
      );
    default:
      return `type: unknown change ${String(c.type)}`;
  }
}

function intentProblem(v: Fields, p: string): string | undefined {
  const params = v.params;
  if (typeof params !== 'object' || params === null || Array.isArray(params)) {
    return `${p}.params: must be a record of strings`;
  }
  for (const [field, value] of Object.entries(params)) {
    if (typeof value !== 'string') return `${p}.params.${field}: must be a string`;
  }
  return (
    nonEmpty(v.key, `${p}.key`) ??
    text(v.fingerprint, `${p}.fingerprint`) ??
    text(v.panel, `${p}.panel`) ??
    optional(v.expectedCharge, `${p}.expectedCharge`, text) ??
    optional(v.currency, `${p}.currency`, text)
  );
}

function attemptProblem(v: Fields, p: string): string | undefined {
  return (
    counter(v.attempt, `${p}.attempt`) ??
    time(v.startedAt, `${p}.startedAt`) ??
    optional(v.endedAt, `${p}.endedAt`, time) ??
    optional(v.sendState, `${p}.sendState`, (x, q) => oneOf(x, q, SEND_STATE_SET)) ??
    optional(v.httpStatus, `${p}.httpStatus`, integer) ??
    optional(v.errorCode, `${p}.errorCode`, text) ??
    optional(v.errorClass, `${p}.errorClass`, (x, q) => oneOf(x, q, ERROR_CLASSES)) ??
    optional(v.excerpt, `${p}.excerpt`, text) ??
    optional(v.orderId, `${p}.orderId`, text)
  );
}

function settlementProblem(v: Fields, p: string): string | undefined {
  const problem = oneOf(v.state, `${p}.state`, INTENT_STATES_OF_SETTLE);
  if (problem !== undefined) return problem;
  if (v.state === 'placed') return text(v.orderId, `${p}.orderId`);
  if (v.state === 'rejected') {
    return oneOf(v.errorClass, `${p}.errorClass`, ERROR_CLASSES) ?? text(v.message, `${p}.message`);
  }
  return text(v.reason, `${p}.reason`);
}

function resolutionProblem(v: Fields, p: string): string | undefined {
  if (v.state === 'placed') {
    return text(v.orderId, `${p}.orderId`) ?? record(v.evidence, `${p}.evidence`, evidenceProblem);
  }
  if (v.state === 'not_placed') return record(v.evidence, `${p}.evidence`, evidenceProblem);
  return `${p}.state: must be placed or not_placed`;
}

function evidenceProblem(v: Fields, p: string): string | undefined {
  const problem =
    time(v.at, `${p}.at`) ?? text(v.kind, `${p}.kind`) ?? text(v.detail, `${p}.detail`);
  if (problem !== undefined || v.orderIds === undefined) return problem;
  if (!Array.isArray(v.orderIds) || v.orderIds.some((id) => typeof id !== 'string')) {
    return `${p}.orderIds: must be a list of strings`;
  }
  return undefined;
}

function panelStateProblem(v: Fields, p: string): string | undefined {
  return (
    oneOf(v.status, `${p}.status`, ORDER_STATUS_SET) ??
    text(v.rawStatus, `${p}.rawStatus`) ??
    optional(v.charge, `${p}.charge`, text) ??
    optional(v.remains, `${p}.remains`, finite) ??
    optional(v.startCount, `${p}.startCount`, finite) ??
    optional(v.currency, `${p}.currency`, text) ??
    time(v.seenAt, `${p}.seenAt`)
  );
}

type Check = (value: unknown, path: string) => string | undefined;

function optional<T>(
  value: unknown,
  path: string,
  check: (value: T, path: string) => string | undefined,
): string | undefined {
  return value === undefined ? undefined : check(value as T, path);
}

function record(
  value: unknown,
  path: string,
  check: (value: Fields, path: string) => string | undefined,
): string | undefined {
  if (typeof value !== 'object' || value === null) return `${path}: must be an object`;
  return check(value as Fields, path);
}

const text: Check = (value, path) =>
  typeof value === 'string' ? undefined : `${path}: must be a string`;

const nonEmpty: Check = (value, path) =>
  typeof value === 'string' && value.length > 0 ? undefined : `${path}: must be a non-empty string`;

const finite: Check = (value, path) =>
  typeof value === 'number' && Number.isFinite(value)
    ? undefined
    : `${path}: must be a finite number`;

const time = finite;

const integer: Check = (value, path) =>
  Number.isInteger(value) ? undefined : `${path}: must be an integer`;

const counter: Check = (value, path) =>
  Number.isInteger(value) && (value as number) >= 1
    ? undefined
    : `${path}: must be an integer from 1`;

function oneOf(value: unknown, path: string, allowed: ReadonlySet<string>): string | undefined {
  return typeof value === 'string' && allowed.has(value) ? undefined : `${path}: unknown value`;
}
