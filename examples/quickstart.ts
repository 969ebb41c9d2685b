/**
 * Quickstart: the whole life of a few orders, from balance to refill and cancel.
 *
 * Against the sandbox: `npm start` (starts one in process and runs this).
 * Against a real panel (this spends real money):
 *   SMM_PANEL_URL=https://panel.example/api/v2 SMM_PANEL_KEY=... \
 *   SMM_QUICKSTART_LINK=https://your.link/post npx tsx examples/quickstart.ts
 */
import { pathToFileURL } from 'node:url';
import {
  type OrderInput,
  type OrderState,
  openFileLedger,
  PanelClient,
  type Service,
} from 'smm-panel-client';

/** Where to run the quickstart, and what link to order for. */
export interface QuickstartOptions {
  url: string;
  apiKey: string;
  /** The link every order is for. */
  link: string;
  /** Where the ledger file goes. */
  ledgerPath: string;
  /** Prints one line of progress. */
  log: (line: string) => void;
  /** How often to poll statuses (ms). */
  pollMs?: number;
}

export async function runQuickstart(options: QuickstartOptions): Promise<void> {
  const { log } = options;
  const ledger = await openFileLedger({ path: options.ledgerPath });
  const client = new PanelClient({ profile: { url: options.url, apiKey: options.apiKey }, ledger });

  try {
    const start = await client.balance();
    log(`balance: ${start.balance} ${start.currency ?? ''}`);

    const services = await client.services();
    log(`services: ${services.length} in the catalogue`);
    const followers = pick(services, (s) => s.type === 'default' && s.refill);
    const comments = pick(services, (s) => s.type === 'custom comments');
    const pack = pick(services, (s) => s.type === 'package');
    const cancelable = pick(services, (s) => s.type === 'default' && s.cancel);

    const inputs: OrderInput[] = [
      {
        type: 'default',
        service: followers.id,
        link: options.link,
        quantity: clamp(followers, 100),
      },
      {
        type: 'custom_comments',
        service: comments.id,
        link: options.link,
        // One comment per line; the panel takes the quantity from the number of lines.
        comments: Array.from({ length: clamp(comments, 10) }, (_, i) => `Great post #${i + 1}`),
      },
      { type: 'package', service: pack.id, link: options.link },
    ];
    const placed: string[] = [];
    for (const input of inputs) {
      const result = await client.order(input);
      log(`order ${result.orderId} placed (${input.type}, key ${result.idempotencyKey})`);
      placed.push(result.orderId);
    }

    const finals = await waitUntilFinished(client, placed, options.pollMs ?? 500, log);
    for (const [id, state] of finals) {
      log(
        `order ${id}: ${state.rawStatus}, charged ${state.charge ?? '?'}, remains ${state.remains ?? '?'}`,
      );
    }

    const refill = await client.refill(placed[0] as string);
    log(`refill ${refill.refill} requested for order ${placed[0]}`);
    const refillState = await client.refillStatus(refill.refill);
    log(`refill ${refill.refill}: ${refillState.rawStatus}`);

    const toCancel = await client.order({
      type: 'default',
      service: cancelable.id,
      link: `${options.link}?cancel-demo`,
      quantity: clamp(cancelable, 1000),
    });
    await client.cancel(toCancel.orderId);
    log(`order ${toCancel.orderId} placed, then cancel requested`);
    const [canceled] = (
      await waitUntilFinished(client, [toCancel.orderId], options.pollMs ?? 500, log)
    ).values();
    log(`order ${toCancel.orderId}: ${canceled?.rawStatus}`);

    const end = await client.balance();
    log(`final balance: ${end.balance} ${end.currency ?? ''}`);
  } finally {
    await client.close();
    await ledger.close();
  }
}

async function waitUntilFinished(
  client: PanelClient,
  ids: string[],
  pollMs: number,
  log: (line: string) => void,
): Promise<Map<string, OrderState>> {
  const finals = new Map<string, OrderState>();
  while (finals.size < ids.length) {
    const pending = ids.filter((id) => !finals.has(id));
    const states = await client.status(pending);
    for (const [id, item] of states) {
      if (!item.ok) throw new Error(`order ${id}: ${item.message}`);
      if (item.isTerminal) finals.set(id, item);
    }
    if (finals.size < ids.length) {
      log(`waiting for ${ids.length - finals.size} order(s) to finish...`);
      await new Promise((resolve) => setTimeout(resolve, pollMs));
    }
  }
  return finals;
}

function pick(services: Service[], test: (service: Service) => boolean): Service {
  const service = services.find(test);
  if (service === undefined) throw new Error('the catalogue has no service of the kind needed');
  return service;
}

function clamp(service: Service, quantity: number): number {
  return Math.min(Math.max(quantity, service.min ?? quantity), service.max ?? quantity);
}

// Run directly against a real panel.
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { SMM_PANEL_URL: url, SMM_PANEL_KEY: apiKey, SMM_QUICKSTART_LINK: link } = process.env;
  if (!url || !apiKey || !link) {
    console.error('Set SMM_PANEL_URL, SMM_PANEL_KEY and SMM_QUICKSTART_LINK, or run `npm start`.');
    process.exit(2);
  }
  runQuickstart({
    url,
    apiKey,
    link,
    ledgerPath: 'quickstart-ledger.jsonl',
    log: console.log,
  }).catch((error: unknown) => {
    console.error(error instanceof Error ? `${error.name}: ${error.message}` : error);
    process.exit(1);
  });
}
