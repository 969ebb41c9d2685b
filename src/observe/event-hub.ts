import type { ClientEventListener, ClientEventMap, ClientEventName } from './client-events.js';

/** Options of {@link EventHub.on}. */
export interface ListenOptions {
  /**
   * A cheap check asked before each delivery (default: none, the listener always receives).
   * When it answers false the listener is skipped and, if every listener of the event is
   * skipped, no copy of the payload is made and {@link EventHub.has} answers false, so callers
   * do not even build it. A logger passes its level check here: a disabled level then costs
   * one call per event.
   */
  isEnabled?: () => boolean;
}

interface Registration {
  readonly listener: ClientEventListener<ClientEventName>;
  readonly isEnabled: (() => boolean) | undefined;
}

/**
 * Delivers the SDK's events to listeners, for metrics and tracing.
 *
 * A listener only observes: it receives a frozen copy, so it cannot change an intent, and an
 * exception it throws is swallowed (after being handed to `onListenerError`), so a broken
 * metrics hook never breaks an order. With no listener for an event, emitting it costs one
 * map lookup.
 */
export class EventHub {
  // Arrays, replaced (never changed in place) on every on/off: an emit iterates the array it
  // started with, and the common case (one listener, or none) walks no iterator.
  readonly #listeners = new Map<ClientEventName, readonly Registration[]>();
  readonly #onListenerError: (error: unknown, event: ClientEventName) => void;

  constructor(onListenerError: (error: unknown, event: ClientEventName) => void = () => {}) {
    this.#onListenerError = onListenerError;
  }

  /** Adds a listener; returns a function that removes it. Adding it twice adds it once. */
  on<E extends ClientEventName>(
    event: E,
    listener: ClientEventListener<E>,
    options: ListenOptions = {},
  ): () => void {
    const current = this.#listeners.get(event) ?? [];
    const wide = listener as ClientEventListener<ClientEventName>;
    if (!current.some((registration) => registration.listener === wide)) {
      this.#listeners.set(event, [...current, { listener: wide, isEnabled: options.isEnabled }]);
    }
    return () => this.off(event, listener);
  }

  /** Removes a listener added with `on`. */
  off<E extends ClientEventName>(event: E, listener: ClientEventListener<E>): void {
    const current = this.#listeners.get(event);
    if (current === undefined) return;
    const rest = current.filter((registration) => registration.listener !== listener);
    if (rest.length === 0) this.#listeners.delete(event);
    else this.#listeners.set(event, rest);
  }

  /**
   * Whether any listener of `event` would receive it now (one without `isEnabled`, or whose
   * `isEnabled` answers true): lets callers skip building a payload.
   */
  has(event: ClientEventName): boolean {
    const registrations = this.#listeners.get(event);
    if (registrations === undefined) return false;
    for (const registration of registrations) {
      if (this.#isEnabled(registration, event)) return true;
    }
    return false;
  }

  /** Delivers a frozen copy of `payload` to every enabled listener of `event`. */
  emit<E extends ClientEventName>(event: E, payload: ClientEventMap[E]): void {
    const registrations = this.#listeners.get(event);
    if (registrations === undefined) return;
    let frozen: ClientEventMap[E] | undefined;
    for (const registration of registrations) {
      if (!this.#isEnabled(registration, event)) continue;
      // Copied once, and only when someone receives it.
      frozen ??= Object.freeze({ ...(payload as object) }) as ClientEventMap[E];
      try {
        registration.listener(frozen);
      } catch (error) {
        this.#report(error, event);
      }
    }
  }

  /** A check that throws counts as enabled: the listener then decides (and may report). */
  #isEnabled(registration: Registration, event: ClientEventName): boolean {
    if (registration.isEnabled === undefined) return true;
    try {
      return registration.isEnabled();
    } catch (error) {
      this.#report(error, event);
      return true;
    }
  }

  #report(error: unknown, event: ClientEventName): void {
    try {
      this.#onListenerError(error, event);
    } catch {
      // The error hook itself failed; there is nowhere left to report it.
    }
  }
}
