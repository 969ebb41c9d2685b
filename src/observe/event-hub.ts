import type { ClientEventListener, ClientEventMap, ClientEventName } from './client-events.js';

/**
 * Delivers the SDK's events to listeners, for metrics and tracing.
 *
 * A listener only observes: it receives a frozen copy, so it cannot change an intent, and an
 * exception it throws is swallowed (after being handed to `onListenerError`), so a broken
 * metrics hook never breaks an order. With no listener for an event, emitting it costs one
 * map lookup.
 */
export class EventHub {
  readonly #listeners = new Map<ClientEventName, Set<ClientEventListener<ClientEventName>>>();
  readonly #onListenerError: (error: unknown, event: ClientEventName) => void;

  constructor(onListenerError: (error: unknown, event: ClientEventName) => void = () => {}) {
    this.#onListenerError = onListenerError;
  }

  /** Adds a listener; returns a function that removes it. */
  on<E extends ClientEventName>(event: E, listener: ClientEventListener<E>): () => void {
    let set = this.#listeners.get(event);
    if (set === undefined) {
      set = new Set();
      this.#listeners.set(event, set);
    }
    set.add(listener as ClientEventListener<ClientEventName>);
    return () => this.off(event, listener);
  }

  /** Removes a listener added with `on`. */
  off<E extends ClientEventName>(event: E, listener: ClientEventListener<E>): void {
    this.#listeners.get(event)?.delete(listener as ClientEventListener<ClientEventName>);
  }

  /** Whether anyone listens to `event`: lets callers skip building a payload. */
  has(event: ClientEventName): boolean {
    return (this.#listeners.get(event)?.size ?? 0) > 0;
  }

  /** Delivers a frozen copy of `payload` to every listener of `event`. */
  emit<E extends ClientEventName>(event: E, payload: ClientEventMap[E]): void {
    const set = this.#listeners.get(event);
    if (set === undefined || set.size === 0) return;
    const frozen = Object.freeze({ ...(payload as object) }) as ClientEventMap[E];
    for (const listener of set) {
      try {
        listener(frozen);
      } catch (error) {
        try {
          this.#onListenerError(error, event);
        } catch {
          // The error hook itself failed; there is nowhere left to report it.
        }
      }
    }
  }
}
