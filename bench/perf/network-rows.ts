import type { PanelId } from '../../src/api/results.js';
import type { PanelClient } from '../../src/client/panel-client.js';
import { type BenchRow, rowFromComparison } from './bench-row.js';
import { runClosedLoop } from './closed-loop.js';
import {
  compareInterleaved,
  type RoundPlan,
  type ServerCpuProbe,
  type Side,
} from './interleave.js';
import type { RawSender } from './raw-undici.js';

/** What the networked rows share. */
export interface NetworkContext {
  apiKey: string;
  plan: RoundPlan;
  concurrencies: readonly number[];
  serverCpu: ServerCpuProbe;
  /** Reports progress on stderr. */
  progress: (line: string) => void;
}

/** The targets: SDK throughput over raw undici's. */
export const TARGETS = Object.freeze({
  /** `status` at concurrency 16 and 64. */
  status: 0.95,
  /** `add` with the memory ledger. */
  addMemory: 0.9,
});

/** The order every `add` row places: the sandbox's everyday service at a small quantity. */
export const BENCH_ORDER = Object.freeze({ service: 1, quantity: 100 });

function loopSide(label: string, concurrency: number, call: () => Promise<unknown>): Side {
  return { label, run: (durationMs) => runClosedLoop(call, concurrency, durationMs) };
}

/** `status` of one order (ids taken in turn from `ids`): SDK against raw undici. */
export async function statusOneRows(
  ctx: NetworkContext,
  client: PanelClient,
  raw: RawSender,
  ids: readonly PanelId[],
): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  for (const concurrency of ctx.concurrencies) {
    ctx.progress(`status, 1 order, concurrency ${concurrency}`);
    let next = 0;
    const take = (): PanelId => ids[next++ % ids.length] as PanelId;
    const sdk = loopSide('SDK', concurrency, () => client.status(take()));
    const baseline = loopSide('raw undici', concurrency, () =>
      raw.send({ key: ctx.apiKey, action: 'status', order: take() }),
    );
    const comparison = await compareInterleaved(sdk, baseline, ctx.plan, ctx.serverCpu);
    rows.push(
      rowFromComparison('status, 1 order', concurrency, comparison, {
        ...(concurrency >= 16 ? { target: TARGETS.status } : {}),
      }),
    );
  }
  return rows;
}

/** `status` of 100 orders in one request: SDK (`status(ids)`) against raw undici. */
export async function statusManyRows(
  ctx: NetworkContext,
  client: PanelClient,
  raw: RawSender,
  ids: readonly PanelId[],
): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  const joined = ids.join(',');
  for (const concurrency of ctx.concurrencies) {
    ctx.progress(`status, ${ids.length} orders, concurrency ${concurrency}`);
    const sdk = loopSide('SDK', concurrency, () => client.status(ids));
    const baseline = loopSide('raw undici', concurrency, () =>
      raw.send({ key: ctx.apiKey, action: 'status', orders: joined }),
    );
    const comparison = await compareInterleaved(sdk, baseline, ctx.plan, ctx.serverCpu);
    rows.push(
      rowFromComparison(`status, ${ids.length} orders`, concurrency, comparison, {
        ...(concurrency >= 16 ? { target: TARGETS.status } : {}),
      }),
    );
  }
  return rows;
}

/** A fresh link per order, shared by both sides so their bodies have the same length. */
function linkSource(prefix: string): () => string {
  let next = 1_000_000;
  return () => `https://bench.example/${prefix}/${next++}`;
}

/** `add` through the SDK with the memory ledger against raw undici sending the same form. */
export async function addMemoryRows(
  ctx: NetworkContext,
  client: PanelClient,
  raw: RawSender,
): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  const link = linkSource('m');
  const service = String(BENCH_ORDER.service);
  const quantity = String(BENCH_ORDER.quantity);
  for (const concurrency of ctx.concurrencies) {
    ctx.progress(`add, memory ledger, concurrency ${concurrency}`);
    const sdk = loopSide('SDK', concurrency, () =>
      client.order({ service: BENCH_ORDER.service, link: link(), quantity: BENCH_ORDER.quantity }),
    );
    const baseline = loopSide('raw undici', concurrency, () =>
      raw.send({ key: ctx.apiKey, action: 'add', service, link: link(), quantity }),
    );
    const comparison = await compareInterleaved(sdk, baseline, ctx.plan, ctx.serverCpu);
    rows.push(
      rowFromComparison('add, memory ledger', concurrency, comparison, {
        target: TARGETS.addMemory,
      }),
    );
  }
  return rows;
}

/** `add` through the SDK with the durable file ledger against the SDK with the memory ledger. */
export async function addFileRows(
  ctx: NetworkContext,
  fileClient: PanelClient,
  memoryClient: PanelClient,
): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  const link = linkSource('f');
  const order = (client: PanelClient) => () =>
    client.order({ service: BENCH_ORDER.service, link: link(), quantity: BENCH_ORDER.quantity });
  for (const concurrency of ctx.concurrencies) {
    ctx.progress(`add, file ledger, concurrency ${concurrency}`);
    const file = loopSide('SDK, file ledger', concurrency, order(fileClient));
    const memory = loopSide('SDK, memory ledger', concurrency, order(memoryClient));
    const comparison = await compareInterleaved(file, memory, ctx.plan, ctx.serverCpu);
    rows.push(rowFromComparison('add, file ledger (fsync)', concurrency, comparison));
  }
  return rows;
}

/**
 * `status` of 100 orders, SDK against raw undici that also runs `JSON.parse` on the body: how
 * much of the gap any client that reads the answer pays anyway.
 */
export async function statusManyParsedRows(
  ctx: NetworkContext,
  client: PanelClient,
  raw: RawSender,
  ids: readonly PanelId[],
  concurrencies: readonly number[],
): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  const joined = ids.join(',');
  for (const concurrency of concurrencies) {
    ctx.progress(`status, ${ids.length} orders, raw parses too, concurrency ${concurrency}`);
    const sdk = loopSide('SDK', concurrency, () => client.status(ids));
    const baseline = loopSide('raw undici + JSON.parse', concurrency, async () =>
      JSON.parse(await raw.send({ key: ctx.apiKey, action: 'status', orders: joined })),
    );
    const comparison = await compareInterleaved(sdk, baseline, ctx.plan, ctx.serverCpu);
    rows.push(
      rowFromComparison(`status, ${ids.length} orders, raw + JSON.parse`, concurrency, comparison, {
        note: 'informative: the baseline reads the answer too',
      }),
    );
  }
  return rows;
}

/**
 * `add` with the memory ledger against raw undici while the sandbox holds every `add` answer
 * for `delayMs`, as a panel across the internet does: what the SDK's cost is once the panel,
 * not this machine's CPU, sets the pace.
 */
export async function addRemoteRows(
  ctx: NetworkContext,
  client: PanelClient,
  raw: RawSender,
  concurrencies: readonly number[],
  delayMs: number,
  setDelay: (delayMs: number | null) => Promise<void>,
): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  const link = linkSource('r');
  const service = String(BENCH_ORDER.service);
  const quantity = String(BENCH_ORDER.quantity);
  await setDelay(delayMs);
  try {
    for (const concurrency of concurrencies) {
      ctx.progress(
        `add, memory ledger, panel answering in ${delayMs} ms, concurrency ${concurrency}`,
      );
      const sdk = loopSide('SDK', concurrency, () =>
        client.order({
          service: BENCH_ORDER.service,
          link: link(),
          quantity: BENCH_ORDER.quantity,
        }),
      );
      const baseline = loopSide('raw undici', concurrency, () =>
        raw.send({ key: ctx.apiKey, action: 'add', service, link: link(), quantity }),
      );
      const comparison = await compareInterleaved(sdk, baseline, ctx.plan, ctx.serverCpu);
      rows.push(
        rowFromComparison(`add, memory ledger, panel ${delayMs} ms away`, concurrency, comparison, {
          note: 'informative: answers held by the sandbox',
        }),
      );
    }
  } finally {
    await setDelay(null);
  }
  return rows;
}
