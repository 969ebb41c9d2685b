/**
 * A Node HTTP service that places orders: `POST /orders` and `GET /orders/:key`, on node:http
 * with no framework, recording every order in a SQLite ledger.
 *
 * Why it is safe to retry: the idempotency key is derived from the caller's `requestId`, so a
 * client that times out and sends the same request again reaches the same ledger entry. If the
 * first order was placed, the retry gets it back without a second purchase; if it is still
 * being sent, the retry gets 409 with Retry-After; if its outcome is unknown, 202 until the
 * reconciler (examples/reconcile-job.ts) settles it.
 *
 * Against a real panel (real orders, real money; needs `npm install better-sqlite3`):
 *   SMM_PANEL_URL=https://panel.example/api/v2 SMM_PANEL_KEY=... \
 *   npx tsx examples/service-http-endpoint.ts
 * Against a sandbox panel started in process:
 *   npx tsx examples/service-http-endpoint.ts --sandbox
 * Then:
 *   curl -s localhost:3000/orders -H 'content-type: application/json' \
 *     -d '{"service":1,"link":"https://example.test/p/1","quantity":100,"requestId":"req-1"}'
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { deriveIdempotencyKey, type OrderInput, PanelClient } from 'smm-panel-client';
import { openSqliteLedger } from 'smm-panel-client/sqlite';
import { toHttpFailure } from './http-order-failure.js';

/** Where the service listens, which panel it orders from, and where it records orders. */
export interface OrdersServiceOptions {
  /** The panel's API URL. */
  url: string;
  /** The panel API key. Never logged, never sent back in an answer. */
  apiKey: string;
  /** The SQLite ledger file (created if missing). */
  ledgerPath: string;
  /** TCP port; 0 picks a free one. Default: 3000. */
  port?: number;
  /** Interface to listen on. Default: `127.0.0.1`. */
  host?: string;
  /** Prints one line of news (start, catalogue). Default: prints nothing. */
  log?: (line: string) => void;
}

/** A running service. */
export interface OrdersService {
  /** The base URL, such as `http://127.0.0.1:3000`. */
  url: string;
  /** Stops accepting, lets orders in flight finish, then closes the client and the ledger. */
  close(): Promise<void>;
}

/** The namespace of keys derived from request ids: change it and old requests no longer match. */
const KEY_NAMESPACE = 'orders-api';
/** The largest request body read, in bytes. */
const MAX_BODY_BYTES = 64 * 1024;

/** Starts the service. Resolves once it listens. */
export async function startOrdersService(options: OrdersServiceOptions): Promise<OrdersService> {
  const log = options.log ?? (() => undefined);
  const ledger = await openSqliteLedger({ path: options.ledgerPath });
  const client = new PanelClient({ profile: { url: options.url, apiKey: options.apiKey }, ledger });

  // With the catalogue loaded, every order records its expected charge, which the reconciler
  // uses to check charges and to recognise an order whose answer was lost.
  try {
    log(`catalogue: ${(await client.services()).length} services`);
  } catch (error) {
    log(`catalogue not loaded (${describe(error)}); orders go on without expected charges`);
  }

  const inFlight = new Set<ServerResponse>();
  const server = createServer((request, response) => {
    inFlight.add(response);
    response.on('close', () => inFlight.delete(response));
    route(client, request, response).catch((error: unknown) => {
      send(response, 500, { error: 'internal', message: describe(error) });
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 3000, options.host ?? '127.0.0.1', () => resolve());
  });
  const address = server.address() as AddressInfo;

  let closing: Promise<void> | undefined;
  const close = (): Promise<void> => {
    closing ??= (async () => {
      // close() waits for requests in flight (an order being sent finishes and is settled in
      // the ledger). Keep-alive connections would hold it open: idle ones are closed now, and
      // those with a request in flight close after their answer.
      const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      for (const response of inFlight) {
        if (!response.headersSent) response.setHeader('connection', 'close');
      }
      await stopped;
      await client.close();
      await ledger.close();
    })();
    return closing;
  };
  return { url: `http://${address.address}:${address.port}`, close };
}

async function route(
  client: PanelClient,
  request: IncomingMessage,
  response: ServerResponse,
): Promise<void> {
  const path = new URL(request.url ?? '/', 'http://localhost').pathname;
  if (path === '/orders') {
    if (request.method !== 'POST') return send(response, 405, { error: 'method_not_allowed' });
    return postOrder(client, request, response);
  }
  const match = /^\/orders\/([A-Za-z0-9._:-]{1,128})$/.exec(path);
  if (match !== null) {
    if (request.method !== 'GET') return send(response, 405, { error: 'method_not_allowed' });
    return getOrder(client, match[1] as string, response);
  }
  send(response, 404, { error: 'not_found' });
}

async function postOrder(
  client: PanelClient,
  request: IncomingMessage,
  response: ServerResponse,
): Promise<void> {
  let body: Record<string, unknown>;
  try {
    body = await readJson(request);
  } catch (error) {
    return send(response, 400, { error: 'invalid_body', message: describe(error) });
  }

  const requestId = body.requestId;
  if (typeof requestId !== 'string' || requestId === '') {
    const issues = [{ path: 'requestId', message: 'must be a non-empty string' }];
    return send(response, 400, {
      error: 'invalid_input',
      message: 'requestId is required',
      issues,
    });
  }

  try {
    // The SDK checks the order and throws InvalidInputError (400) for a missing or malformed
    // field, so the service does not repeat its rules.
    const idempotencyKey = deriveIdempotencyKey(KEY_NAMESPACE, requestId);
    const input = { service: body.service, link: body.link, quantity: body.quantity };
    const result = await client.order(input as OrderInput, { idempotencyKey });
    response.setHeader('location', `/orders/${idempotencyKey}`);
    send(response, result.isReplay ? 200 : 201, {
      orderId: result.orderId,
      idempotencyKey,
      replayed: result.isReplay,
    });
  } catch (error) {
    const failure = toHttpFailure(error, Date.now());
    for (const [name, value] of Object.entries(failure.headers)) response.setHeader(name, value);
    send(response, failure.status, failure.body);
  }
}

async function getOrder(client: PanelClient, key: string, response: ServerResponse) {
  const entry = await client.ledger.get(key);
  if (entry === undefined) return send(response, 404, { error: 'not_found', idempotencyKey: key });
  send(response, 200, {
    idempotencyKey: entry.key,
    state: entry.state,
    orderId: entry.orderId,
    params: entry.params,
    expectedCharge: entry.expectedCharge,
    panelStatus: entry.panelState?.status,
    charge: entry.panelState?.charge,
    remains: entry.panelState?.remains,
    rejection: entry.rejection,
    createdAt: new Date(entry.createdAt).toISOString(),
    updatedAt: new Date(entry.updatedAt).toISOString(),
  });
}

function readJson(request: IncomingMessage): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new Error(`body larger than ${MAX_BODY_BYTES} bytes`));
        request.destroy();
        return;
      }
      chunks.push(chunk);
    });
    request.on('error', reject);
    request.on('end', () => {
      try {
        const value: unknown = JSON.parse(Buffer.concat(chunks).toString('utf8'));
        if (typeof value !== 'object' || value === null || Array.isArray(value)) {
          throw new Error('body must be a JSON object');
        }
        resolve(value as Record<string, unknown>);
      } catch (error) {
        reject(error instanceof SyntaxError ? new Error('body is not valid JSON') : error);
      }
    });
  });
}

function send(response: ServerResponse, status: number, body: unknown): void {
  if (response.headersSent) return;
  response.statusCode = status;
  response.setHeader('content-type', 'application/json; charset=utf-8');
  response.end(JSON.stringify(body));
}

// SDK errors never carry the API key, so their messages are safe to send back.
function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

async function runFromShell(
  useSandbox: boolean,
  url: string | undefined,
  apiKey: string | undefined,
  port: number,
  ledgerPath = 'orders-ledger.sqlite',
): Promise<void> {
  let panel: { url: string; apiKey: string; close(): Promise<void> } | undefined;
  let scratch: string | undefined;
  if (useSandbox) {
    const { startSandboxPanel } = await import('smm-panel-client/sandbox');
    panel = await startSandboxPanel();
    // A fresh ledger per sandbox: the sandbox forgets its orders when it stops.
    scratch = mkdtempSync(join(tmpdir(), 'smm-orders-service-'));
    ledgerPath = join(scratch, 'ledger.sqlite');
    console.log(`sandbox panel at ${panel.url}`);
  }
  const service = await startOrdersService({
    url: panel?.url ?? (url as string),
    apiKey: panel?.apiKey ?? (apiKey as string),
    ledgerPath,
    port,
    log: console.log,
  });
  console.log(`orders service on ${service.url} (ledger ${ledgerPath}); Ctrl-C stops it`);

  const stop = (): void => {
    console.log('stopping: waiting for orders in flight');
    // The panel goes last: orders still in flight need it to finish.
    service
      .close()
      .then(() => panel?.close())
      .then(() => {
        if (scratch !== undefined) rmSync(scratch, { recursive: true, force: true });
        process.exit(0);
      })
      .catch((error: unknown) => {
        console.error(`could not stop cleanly: ${describe(error)}`);
        process.exit(1);
      });
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

// Run directly: `npx tsx examples/service-http-endpoint.ts [--sandbox]`.
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { SMM_PANEL_URL: url, SMM_PANEL_KEY: apiKey, PORT, ORDERS_LEDGER_PATH } = process.env;
  const useSandbox = process.argv.includes('--sandbox');
  if (!useSandbox && (!url || !apiKey)) {
    console.error(
      'Usage: SMM_PANEL_URL=<panel api url> SMM_PANEL_KEY=<key> ' +
        'npx tsx examples/service-http-endpoint.ts\n' +
        '   or: npx tsx examples/service-http-endpoint.ts --sandbox  (an in-process sandbox)\n' +
        'Optional: PORT (default 3000), ORDERS_LEDGER_PATH (default ./orders-ledger.sqlite).',
    );
    process.exit(2);
  }
  runFromShell(useSandbox, url, apiKey, Number(PORT ?? 3000), ORDERS_LEDGER_PATH).catch(
    (error: unknown) => {
      console.error(error instanceof Error ? `${error.name}: ${error.message}` : error);
      process.exit(1);
    },
  );
}
