import autocannon from 'autocannon';
import type { ServerCpuProbe } from './interleave.js';

/** What the sandbox answered under autocannon at one concurrency. */
export interface CeilingResult {
  /** The request form, named for the table. */
  request: string;
  concurrency: number;
  /** Successful answers per second (this machine). */
  perSecond: number;
  /** The sandbox's CPU over the run, as a share of one core. */
  serverBusy: number;
  /** Requests that failed or answered other than 2xx (should be 0). */
  failures: number;
}

/** How to load the sandbox. */
export interface CeilingPlan {
  url: string;
  /** The request, named for the table, and its form body. */
  requests: readonly { request: string; body: string }[];
  concurrencies: readonly number[];
  /** Seconds of counted load per concurrency. */
  durationSeconds: number;
  /** Seconds of load before counting. */
  warmupSeconds: number;
}

/**
 * The sandbox's own ceiling: autocannon (one keep-alive connection per concurrent request, no
 * pipelining, as the SDK and raw undici send) POSTing the same form the status rows send.
 * autocannon runs in this process and the sandbox in its own, so each has a core. On two
 * cores the load tool can run out of CPU before the sandbox does (its CPU share then stays
 * well under 100%), so the sandbox's CPU per request is measured too: one core divided by it
 * is the rate the sandbox itself could answer.
 */
export async function measureCeiling(
  plan: CeilingPlan,
  serverCpu: ServerCpuProbe,
  progress: (line: string) => void,
): Promise<CeilingResult[]> {
  const results: CeilingResult[] = [];
  for (const { request, body } of plan.requests) {
    for (const connections of plan.concurrencies) {
      progress(`sandbox ceiling, ${request}, concurrency ${connections}`);
      const options = {
        url: plan.url,
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body,
        connections,
        pipelining: 1,
      };
      await autocannon({ ...options, duration: plan.warmupSeconds });
      const before = await serverCpu();
      const result = await autocannon({ ...options, duration: plan.durationSeconds });
      const after = await serverCpu();
      results.push({
        request,
        concurrency: connections,
        perSecond: result['2xx'] / result.duration,
        serverBusy: (after - before) / 1e6 / result.duration,
        failures: result.errors + result.timeouts + result.non2xx,
      });
    }
  }
  return results;
}
