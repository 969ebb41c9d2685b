/**
 * An AWS Lambda-style function that places one order per event, recorded in a PostgreSQL
 * ledger shared by every container of the function (and by the reconcile job).
 *
 * - The deadline comes from the invocation: the time Lambda has left, minus a safety margin for
 *   recording the outcome and returning. Past it, the call stops retrying and aborts.
 * - The key is derived from the event's id, which stays the same when Lambda (or EventBridge,
 *   SQS...) delivers the event again: a redelivery finds the first order instead of buying a
 *   second one.
 * - The ledger's connection pool is opened once per container, outside the handler, and kept
 *   between invocations; run `migratePostgresLedger` once per deploy, not here.
 *
 * Deploy with DATABASE_URL, SMM_PANEL_URL and SMM_PANEL_KEY set (and SMM_LEDGER_SCHEMA when the
 * ledger is not in `public`); the handler is `handler`.
 * Try it locally (migrates the ledger, then invokes the handler twice with one event):
 *   DATABASE_URL=postgres://... SMM_PANEL_URL=... SMM_PANEL_KEY=... npx tsx examples/lambda-handler.ts
 *   DATABASE_URL=postgres://... npx tsx examples/lambda-handler.ts --sandbox
 */
import { randomUUID } from 'node:crypto';
import { pathToFileURL } from 'node:url';
import {
  deriveIdempotencyKey,
  ErrorCode,
  isOrderOutcomeUnknownError,
  isPanelRejectedError,
  isSmmPanelError,
  type Ledger,
  type OrderInput,
  PanelClient,
} from 'smm-panel-client';
import { migratePostgresLedger, openPostgresLedger } from 'smm-panel-client/postgres';

/** The part of Lambda's context object this handler uses. */
export interface LambdaContext {
  awsRequestId: string;
  getRemainingTimeInMillis(): number;
}

/** An EventBridge-style event: `id` is the same on every delivery of one event. */
export interface OrderEvent {
  id: string;
  detail: { service: number | string; link: string; quantity: number };
}

/** What the handler returns (as JSON). Failures worth retrying throw instead. */
export interface OrderHandlerResult {
  status: 'placed' | 'already_placed' | 'pending_reconciliation' | 'rejected';
  idempotencyKey: string;
  orderId?: string;
  errorClass?: string;
  message?: string;
}

/** What the handler needs; {@link handler} reads it from the environment. */
export interface OrderHandlerOptions {
  /** The panel's URL and key. */
  panel: () => { url: string; apiKey: string };
  /** The ledger, opened once per container. */
  ledger: () => Promise<Ledger>;
  /** Time kept back from the invocation for recording the outcome and returning (ms). Default: 3000. */
  safetyMarginMs?: number;
}

/** Defaults of {@link OrderHandlerOptions}, and the handler's fixed rules. */
export const LAMBDA_HANDLER_DEFAULTS = Object.freeze({
  /** 3 s for the last ledger write and the return. */
  safetyMarginMs: 3_000,
  /** Below 1 s of usable time, no order is started: it could only end unknown. */
  minimumDeadlineMs: 1_000,
  /** The lease outlives the invocation by a minute (clock skew between containers). */
  leaseMarginMs: 60_000,
});

/** A Lambda handler for {@link OrderEvent}s. */
export type OrderHandler = (
  event: OrderEvent,
  context: LambdaContext,
) => Promise<OrderHandlerResult>;

/** Builds a handler. Tests and other runtimes pass their own panel and ledger. */
export function createOrderHandler(options: OrderHandlerOptions): OrderHandler {
  const safetyMarginMs = options.safetyMarginMs ?? LAMBDA_HANDLER_DEFAULTS.safetyMarginMs;

  return async (event, context) => {
    const remainingMs = context.getRemainingTimeInMillis();
    const deadlineMs = remainingMs - safetyMarginMs;
    if (deadlineMs < LAMBDA_HANDLER_DEFAULTS.minimumDeadlineMs) {
      // Thrown before anything is claimed or sent: the platform's retry starts afresh.
      throw new Error(`only ${remainingMs} ms left: too little to place an order; nothing sent`);
    }
    const idempotencyKey = deriveIdempotencyKey('lambda-orders', event.id);

    // One client per invocation, on the container's ledger. Its own connection to the panel
    // is closed at the end: a keep-alive socket kept through a frozen container may be dead
    // on thaw, and an order sent on it would end "maybe sent", that is unknown.
    //
    // Why the lease must outlive the invocation: while this invocation may still send, no
    // other one (a redelivery of the event, racing this one) may take the intent over. A lease
    // that ended first would let a second invocation claim it and send it too. So the lease
    // covers all the time Lambda gives this invocation, plus a margin.
    //
    // If the function is killed mid-order (timeout, out of memory, a crash), the intent stays
    // pending under this lease, its last attempt without an end. A redelivery before the lease
    // ends gets IntentLockedError and throws, so the platform retries later. After it, the
    // redelivery takes the intent over, sees the unfinished attempt and records the order as
    // unknown instead of sending it again: it may have reached the panel. The reconcile job
    // (examples/reconcile-job.ts on the same DATABASE_URL) then settles it: it finds the order
    // on the panel and adopts it, or proves it was never placed.
    const client = new PanelClient({
      profile: options.panel(),
      ledger: await options.ledger(),
      workerId: `lambda:${context.awsRequestId}`,
      leaseMs: remainingMs + LAMBDA_HANDLER_DEFAULTS.leaseMarginMs,
      retry: { deadlineMs },
    });
    try {
      const result = await client.order(event.detail as OrderInput, {
        idempotencyKey,
        signal: AbortSignal.timeout(deadlineMs),
      });
      const status = result.isReplay ? 'already_placed' : 'placed';
      return { status, idempotencyKey, orderId: result.orderId };
    } catch (error) {
      return settled(error, idempotencyKey);
    } finally {
      await client.close();
    }
  };
}

/** Answers that retrying cannot change; throws the rest, so the platform retries the event. */
function settled(error: unknown, idempotencyKey: string): OrderHandlerResult {
  if (isOrderOutcomeUnknownError(error)) {
    return { status: 'pending_reconciliation', idempotencyKey, message: error.message };
  }
  if (isPanelRejectedError(error)) {
    const { errorClass, panelMessage: message } = error;
    return { status: 'rejected', idempotencyKey, errorClass, message };
  }
  if (isSmmPanelError(error) && permanentCodes.has(error.code)) {
    return { status: 'rejected', idempotencyKey, message: error.message };
  }
  // Locked by a live invocation, not sent, rate limited, panel or ledger down: the derived key
  // makes the platform's retry safe.
  throw error;
}

const permanentCodes: ReadonlySet<string> = new Set([
  ErrorCode.InvalidInput,
  ErrorCode.IdempotencyConflict,
  ErrorCode.IntentRejected,
]);

// Container state: created on the first invocation, kept while the container lives.
let containerLedger: Promise<Ledger> | undefined;

/** The PostgreSQL ledger of this container, opened on first use. */
function openContainerLedger(): Promise<Ledger> {
  containerLedger ??= openPostgresLedger({
    connectionString: requireEnv('DATABASE_URL'),
    ...ledgerLocation(),
    // One invocation at a time per container: two connections are plenty, and many containers
    // times a large pool would exhaust the database (or put RDS Proxy / PgBouncer in front).
    maxConnections: 2,
  }).catch((error: unknown) => {
    containerLedger = undefined;
    throw error;
  });
  return containerLedger;
}

/** Where the ledger is: `SMM_LEDGER_SCHEMA` (default `public`), table `smm_ledger`. */
function ledgerLocation(): { schema?: string } {
  const schema = process.env.SMM_LEDGER_SCHEMA;
  return schema ? { schema } : {};
}

function requireEnv(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set`);
  return value;
}

/** The Lambda entry point: `handler` in the function's configuration. */
export const handler = createOrderHandler({
  panel: () => ({ url: requireEnv('SMM_PANEL_URL'), apiKey: requireEnv('SMM_PANEL_KEY') }),
  ledger: openContainerLedger,
});

/** A stand-in for Lambda's context: `timeoutMs` from now. */
export function localContext(timeoutMs: number): LambdaContext {
  const endsAt = Date.now() + timeoutMs;
  return { awsRequestId: randomUUID(), getRemainingTimeInMillis: () => endsAt - Date.now() };
}

async function invokeLocally(useSandbox: boolean): Promise<void> {
  const panel = useSandbox
    ? await (await import('smm-panel-client/sandbox')).startSandboxPanel()
    : undefined;
  if (panel !== undefined) {
    process.env.SMM_PANEL_URL = panel.url;
    process.env.SMM_PANEL_KEY = panel.apiKey;
    console.log(`sandbox panel at ${panel.url}`);
  }
  try {
    // Locally only: in production the deploy pipeline migrates, not the function.
    await migratePostgresLedger(requireEnv('DATABASE_URL'), ledgerLocation());
    const event: OrderEvent = {
      id: `local-${randomUUID()}`,
      detail: { service: 1, link: 'https://example.test/p/lambda', quantity: 100 },
    };
    for (const attempt of ['first delivery', 'redelivery']) {
      const result = await handler(event, localContext(30_000));
      console.log(`${attempt}: ${JSON.stringify(result)}`);
    }
  } finally {
    await (await containerLedger)?.close();
    await panel?.close();
  }
}

// Run directly: invoke the handler locally.
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const useSandbox = process.argv.includes('--sandbox');
  const { DATABASE_URL, SMM_PANEL_URL, SMM_PANEL_KEY } = process.env;
  if (!DATABASE_URL || (!useSandbox && (!SMM_PANEL_URL || !SMM_PANEL_KEY))) {
    console.error(
      'Usage: DATABASE_URL=postgres://... SMM_PANEL_URL=<panel api url> SMM_PANEL_KEY=<key> \\\n' +
        '  npx tsx examples/lambda-handler.ts\n' +
        '   or: DATABASE_URL=postgres://... npx tsx examples/lambda-handler.ts --sandbox\n' +
        'It migrates the ledger (SMM_LEDGER_SCHEMA or public, table smm_ledger) and invokes the ' +
        'handler twice with one event.',
    );
    process.exit(2);
  }
  invokeLocally(useSandbox).catch((error: unknown) => {
    console.error(error instanceof Error ? `${error.name}: ${error.message}` : error);
    process.exit(1);
  });
}
