import pino from 'pino';
import { InvalidOptionsError } from '../errors/input-errors.js';
import type { ClientEventMap, ClientEventName } from './client-events.js';
import type { EventHub } from './event-hub.js';
import { sanitizeForLog } from './sanitize.js';

/** Log levels, as pino names them. */
export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

type LevelMethod = (object: Record<string, unknown>, message: string) => void;

/** What the SDK needs of a logger: a pino logger fits, and so does anything shaped like one. */
export interface LoggerLike {
  isLevelEnabled(level: string): boolean;
  debug: LevelMethod;
  info: LevelMethod;
  warn: LevelMethod;
  error: LevelMethod;
}

/** Options of the SDK's logging, shared by the client and the reconciler. */
export interface LoggingOptions {
  /**
   * A pino logger (or one shaped like it) to write to. Default: none, and then the SDK is
   * silent unless `logLevel` is given.
   */
  logger?: LoggerLike;
  /**
   * With no `logger`: the level of a pino logger the SDK creates, writing JSON lines to
   * stderr. With a `logger`: ignored (set the level on your logger). Default: silent.
   */
  logLevel?: LogLevel;
}

/** Which level each event is logged at, and its message. */
const EVENT_LOG_LINES: { [E in ClientEventName]: { level: keyof LoggerLike; message: string } } = {
  request: { level: 'debug', message: 'sending request' },
  response: { level: 'debug', message: 'attempt ended' },
  retry: { level: 'info', message: 'retrying after a failed attempt' },
  giveUp: { level: 'warn', message: 'giving up' },
  outcomeUnknown: { level: 'warn', message: 'order outcome unknown: reconcile before retrying' },
  ledgerWrite: { level: 'debug', message: 'ledger write' },
  reconcileProgress: { level: 'info', message: 'reconcile progress' },
};

/** The logger the options describe, or `undefined` when the SDK should stay silent. */
export function resolveLogger(options: LoggingOptions): LoggerLike | undefined {
  if (options.logger !== undefined) {
    if (typeof options.logger.isLevelEnabled !== 'function') {
      throw new InvalidOptionsError('logger', 'must be a pino logger or have isLevelEnabled()');
    }
    return options.logger;
  }
  const level = options.logLevel ?? 'silent';
  if (level === 'silent') return undefined;
  if (!Object.hasOwn(pino.levels.values, level)) {
    throw new InvalidOptionsError('logLevel', `unknown level "${level}"`);
  }
  return pino(
    {
      name: 'smm-panel-client',
      level,
      // A second line of defence: the SDK never logs the key, but a field named like a
      // secret is censored by pino too.
      redact: { paths: ['key', 'apiKey', '*.key', '*.apiKey'], censor: '[REDACTED]' },
    },
    pino.destination(2),
  );
}

/**
 * Logs every event at its level (see EVENT_LOG_LINES), sanitised, and only when the level is
 * enabled at that moment: a disabled level costs one `isLevelEnabled` check per event and no
 * copy of the payload.
 */
export function attachLogging(hub: EventHub, logger: LoggerLike, secrets: readonly string[]): void {
  for (const name of Object.keys(EVENT_LOG_LINES) as ClientEventName[]) {
    const { level, message } = EVENT_LOG_LINES[name];
    // The level check goes to the hub, which asks it before copying the payload: a disabled
    // level costs one `isLevelEnabled` call per event, and callers that ask `has()` first do
    // not build the payload at all. The listener checks again: the level may change between.
    const isEnabled = (): boolean => logger.isLevelEnabled(level);
    hub.on(
      name,
      (event: ClientEventMap[typeof name]) => {
        if (!isEnabled()) return;
        const fields = sanitizeForLog({ event: name, ...event }, secrets) as Record<
          string,
          unknown
        >;
        (logger[level] as LevelMethod).call(logger, fields, message);
      },
      { isEnabled },
    );
  }
}
