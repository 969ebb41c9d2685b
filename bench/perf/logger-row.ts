import pino from 'pino';
import type { BenchRow } from './bench-row.js';
import { runSyncLoop } from './closed-loop.js';
import type { Sdk } from './load-sdk.js';

/**
 * What a log line costs when its level is off, per call.
 *
 * Subject: the SDK's own path for one event with a pino logger at level `silent` given as the
 * client's `logger` (the event hub asks the logging listener's `isLevelEnabled` first and, with
 * the level off, neither copies the payload nor calls the listener). Baseline: the same pino
 * logger called directly.
 * The note adds the SDK's default (no logger, no listener), where an event costs one lookup.
 */
export function loggerRow({ EventHub, attachLogging }: Sdk, durationMs: number): BenchRow {
  const logger = pino({ level: 'silent' });
  const withLogger = new EventHub();
  attachLogging(withLogger, logger, ['sandbox-secret']);
  const silentHub = new EventHub();

  let calls = 0;
  const payload = () => ({
    action: 'status' as const,
    attempt: (calls++ % 3) + 1,
    durationMs: 3,
    httpStatus: 200,
    sendState: 'answered' as const,
  });
  const sdk = () => withLogger.emit('response', payload());
  const direct = () => logger.debug({ event: 'response', ...payload() }, 'attempt ended');
  const none = () => {
    if (silentHub.has('response')) silentHub.emit('response', payload());
  };

  const batch = 10_000;
  const warm = durationMs / 4;
  for (const call of [sdk, direct, none]) runSyncLoop(call, warm, batch);
  const sdkRun = runSyncLoop(sdk, durationMs, batch);
  const directRun = runSyncLoop(direct, durationMs, batch);
  const noneRun = runSyncLoop(none, durationMs / 2, batch);

  const perSecond = (run: { calls: number; elapsedMs: number }) =>
    (run.calls * 1000) / run.elapsedMs;
  const nanos = (run: { calls: number; elapsedMs: number }) => Math.round(1e9 / perSecond(run));
  return {
    row: 'disabled log call (pino silent)',
    subjectLabel: 'SDK event → silent logger',
    baselineLabel: 'pino .debug direct',
    ratio: perSecond(sdkRun) / perSecond(directRun),
    subjectPerSecond: perSecond(sdkRun),
    baselinePerSecond: perSecond(directRun),
    subjectCpuMicros: sdkRun.cpuMicros / sdkRun.calls,
    baselineCpuMicros: directRun.cpuMicros / directRun.calls,
    note: [
      `${nanos(sdkRun)} ns vs ${nanos(directRun)} ns per call`,
      `no logger (the default): ${nanos(noneRun)} ns`,
    ].join('; '),
  };
}
