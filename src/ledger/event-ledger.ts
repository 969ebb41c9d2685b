import type { Money } from '../api/results.js';
import { SmmPanelError } from '../errors/base-error.js';
import { LedgerError } from '../errors/order-errors.js';
import { applyLedgerEvent } from './apply-ledger-event.js';
import { cloneEntry } from './clone-entry.js';
import { decideClaim } from './decide-claim.js';
import type { EntryIndex } from './entry-index.js';
import type {
  AttemptRecord,
  ClaimOptions,
  ClaimResult,
  Evidence,
  Ledger,
  LedgerEntry,
  LedgerPage,
  ListOptions,
  OrderIntent,
  PanelOrderState,
  Resolution,
  Settlement,
} from './ledger.js';
import type { LedgerEvent, PanelStateEvent } from './ledger-event.js';
import { ledgerEventSchema } from './ledger-event-schema.js';

/** Where an {@link EventLedger} makes its events durable. */
export interface EventSink {
  /** Resolves only once the event is as durable as the adapter promises. */
  append(event: LedgerEvent): Promise<void>;
  /** Called once, after the last append has settled. */
  close(): Promise<void>;
}

/**
 * Checks one change before it is applied and handed to the sink, and returns the event to
 * apply and append; throws `LedgerError` for a malformed change.
 */
export type ChangeCheck = (change: LedgerEvent) => LedgerEvent;

/**
 * The check an {@link EventLedger} runs by default: the event schema that replay uses. A
 * value JSON cannot carry faithfully (a number as a param, NaN, a field of the wrong type) is
 * refused now, instead of being written and making the file unreadable at the next open.
 * Parsing also copies the caller's objects and drops fields the ledger does not know.
 */
export function checkAgainstSchema(change: LedgerEvent): LedgerEvent {
  const parsed = ledgerEventSchema.safeParse(change);
  if (parsed.success) return parsed.data;
  const key = change.type === 'entry' ? change.entry?.key : change.key;
  const issue = parsed.error.issues[0];
  const where = issue === undefined ? '' : `${issue.path.join('.')}: ${issue.message}`;
  throw new LedgerError(`Ledger change for ${String(key)} is malformed (${where})`);
}

/**
 * A ledger whose state lives in memory and whose every change is one {@link LedgerEvent}:
 * decided, checked against the event schema and by the reducer, handed to the sink, and only
 * then applied. The memory ledger's sink does nothing; the file ledger's appends a line and
 * syncs it.
 *
 * Entries are copied in (by the reducer) and out (`cloneEntry`), never handed out as stored.
 *
 * Mutations run one at a time (a promise chain), so two concurrent claims of one key see each
 * other: exactly one is `claimed`. Reads do not wait in that queue; they see every change
 * whose promise has resolved.
 */
export class EventLedger implements Ledger {
  protected readonly index: EntryIndex;
  readonly #sink: EventSink;
  readonly #check: ChangeCheck;
  #tail: Promise<unknown> = Promise.resolve();
  #isClosed = false;

  /**
   * @param check - runs on every change before it is applied (default
   * {@link checkAgainstSchema}, which a durable sink needs: see there).
   */
  constructor(index: EntryIndex, sink: EventSink, check: ChangeCheck = checkAgainstSchema) {
    this.index = index;
    this.#sink = sink;
    this.#check = check;
  }

  claim(intent: OrderIntent, options: ClaimOptions): Promise<ClaimResult> {
    return this.exclusive(async () => {
      checkText(intent?.key, 'intent.key');
      checkText(intent.fingerprint, 'intent.fingerprint');
      checkText(options?.owner, 'options.owner');
      checkTime(options.now, 'options.now');
      if (!(Number.isFinite(options.leaseMs) && options.leaseMs > 0)) {
        throw new LedgerError('claim: options.leaseMs must be a positive number of milliseconds');
      }

      const current = this.index.peek(intent.key);
      const decision = decideClaim(current, intent, options, this.index.nextSequence);
      const entry =
        decision.event === undefined
          ? (current as LedgerEntry)
          : await this.#commit(decision.event);
      return { kind: decision.kind, entry: cloneEntry(entry) } as ClaimResult;
    });
  }

  recordAttempt(key: string, owner: string, attempt: AttemptRecord): Promise<void> {
    return this.exclusive(async () => {
      if (!(Number.isInteger(attempt?.attempt) && attempt.attempt >= 1)) {
        throw new LedgerError('recordAttempt: attempt.attempt must be an integer from 1');
      }
      checkTime(attempt.startedAt, 'attempt.startedAt');
      await this.#commit({ type: 'attempt', key, owner, attempt });
    });
  }

  settle(key: string, owner: string, settlement: Settlement, now: number): Promise<LedgerEntry> {
    return this.exclusive(async () => {
      checkTime(now, 'now');
      return cloneEntry(await this.#commit({ type: 'settle', key, owner, settlement, at: now }));
    });
  }

  release(key: string, owner: string): Promise<void> {
    return this.exclusive(async () => {
      await this.#commit({ type: 'release', key, owner });
    });
  }

  resolve(key: string, resolution: Resolution, now: number): Promise<LedgerEntry> {
    return this.exclusive(async () => {
      checkTime(now, 'now');
      return cloneEntry(await this.#commit({ type: 'resolve', key, resolution, at: now }));
    });
  }

  addEvidence(key: string, evidence: Evidence): Promise<void> {
    return this.exclusive(async () => {
      await this.#commit({ type: 'evidence', key, evidence });
    });
  }

  updatePanelState(key: string, state: PanelOrderState, refund?: Money): Promise<void> {
    return this.exclusive(async () => {
      const event: PanelStateEvent = {
        type: 'panel_state',
        key,
        panelState: state,
      };
      if (refund !== undefined) event.refund = refund;
      await this.#commit(event);
    });
  }

  async get(key: string): Promise<LedgerEntry | undefined> {
    this.#checkOpen();
    const entry = this.index.peek(key);
    return entry === undefined ? undefined : cloneEntry(entry);
  }

  async list(options?: ListOptions): Promise<LedgerPage> {
    this.#checkOpen();
    return this.index.page(options);
  }

  /** Waits for every queued change, then closes the sink. Calling it again does nothing. */
  async close(): Promise<void> {
    if (this.#isClosed) return;
    this.#isClosed = true;
    await this.#tail;
    await this.#sink.close();
  }

  /** Runs `operation` after every earlier one has settled, refusing once closed. */
  protected exclusive<T>(operation: () => Promise<T>): Promise<T> {
    // Checked when queued, not when run: changes queued before `close()` still complete.
    if (this.#isClosed) return Promise.reject(new LedgerError('The ledger is closed'));
    const result = this.#tail.then(operation);
    this.#tail = result.catch(() => undefined);
    return result;
  }

  async #commit(change: LedgerEvent): Promise<LedgerEntry> {
    const key = change.type === 'entry' ? change.entry.key : change.key;
    const event = this.#check(change);
    const next = applyLedgerEvent(this.index.peek(key), event);
    try {
      await this.#sink.append(event);
    } catch (error) {
      if (error instanceof SmmPanelError) throw error;
      throw new LedgerError(`Ledger write for ${key} failed; the change was not applied`, {
        cause: error,
      });
    }
    this.index.put(next);
    return next;
  }

  #checkOpen(): void {
    if (this.#isClosed) throw new LedgerError('The ledger is closed');
  }
}

function checkText(value: unknown, name: string): void {
  if (typeof value !== 'string' || value.length === 0) {
    throw new LedgerError(`${name} must be a non-empty string`);
  }
}

function checkTime(value: unknown, name: string): void {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new LedgerError(`${name} must be a finite epoch time in milliseconds`);
  }
}
