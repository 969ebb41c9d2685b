import type { AnswerShape } from '../../src/api/answer-shapes.js';
import type { TransportResponse } from '../../src/transport/transport.js';
import { type BenchRow, rowFromComparison } from './bench-row.js';
import { runSyncLoop } from './closed-loop.js';
import { compareInterleaved, type RoundPlan, type Side } from './interleave.js';
import type { Sdk } from './load-sdk.js';

/** One body to parse, with the shape the SDK reads it as. */
export interface ParseCase {
  row: string;
  shape: AnswerShape;
  body: string;
}

/**
 * A catalogue of `count` services in the shape the sandbox (and most panels) answer: ids as
 * numbers, money and limits as strings, flags as booleans, a description on every other one.
 */
export function catalogueBody(count: number): string {
  const types = ['Default', 'Package', 'Custom Comments', 'Subscriptions', 'Poll'];
  const services = [];
  for (let id = 1; id <= count; id++) {
    const type = types[id % types.length] as string;
    services.push({
      service: id,
      name: `Service ${id} [Real, ${id % 90} days refill]`,
      type,
      category: `Category ${id % 40}`,
      rate: (0.01 + (id % 997) / 100).toFixed(4),
      min: type === 'Package' ? '1' : '50',
      max: type === 'Package' ? '1' : String(1000 * (1 + (id % 50))),
      refill: id % 2 === 0,
      cancel: id % 3 === 0,
      dripfeed: id % 5 === 0,
      ...(id % 2 === 0 ? { desc: `Start 0-1 h, speed ${id % 10}k/day.` } : {}),
    });
  }
  return JSON.stringify(services);
}

/**
 * The SDK's decoding (`decodeAnswer`: lossless numbers, the shape's schema, normalised
 * results) against `JSON.parse` on the same text, in alternating rounds in this process.
 */
export async function parseRows(
  { decodeAnswer }: Sdk,
  cases: readonly ParseCase[],
  plan: RoundPlan,
  apiKey: string,
  progress: (line: string) => void,
): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  for (const parseCase of cases) {
    progress(parseCase.row);
    const response: TransportResponse = {
      status: 200,
      headers: { 'content-type': 'application/json; charset=utf-8' },
      body: parseCase.body,
    };
    const options = { secrets: [apiKey] };
    const check = decodeAnswer(parseCase.shape, response, options);
    if (check.kind !== 'ok') {
      throw new Error(`${parseCase.row}: the SDK did not decode the body (${check.kind})`);
    }
    let sink: unknown;
    const sdk: Side = {
      label: 'SDK decodeAnswer',
      run: async (durationMs) =>
        runSyncLoop(() => {
          sink = decodeAnswer(parseCase.shape, response, options);
        }, durationMs),
    };
    const baseline: Side = {
      label: 'JSON.parse',
      run: async (durationMs) =>
        runSyncLoop(() => {
          sink = JSON.parse(parseCase.body);
        }, durationMs),
    };
    const comparison = await compareInterleaved(sdk, baseline, plan);
    if (sink === undefined) throw new Error('nothing was parsed');
    const kib = Buffer.byteLength(parseCase.body) / 1024;
    rows.push(
      rowFromComparison(parseCase.row, undefined, comparison, {
        note: `body ${kib < 10 ? kib.toFixed(2) : Math.round(kib)} KiB`,
      }),
    );
  }
  return rows;
}
