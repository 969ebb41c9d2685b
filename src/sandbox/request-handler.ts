import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ResolvedFault } from './fault-kinds.js';
import type { FaultPlan } from './fault-plan.js';
import { dispatchRequest } from './handlers/dispatch.js';
import type { PanelAnswer } from './handlers/panel-answer.js';
import type { ResolvedSandboxOptions } from './options.js';
import { SANDBOX_ERROR_TEXTS as TEXTS } from './panel-texts.js';
import { checkRateLimit } from './rate-limiter.js';
import { parseRequestParams, readBody } from './request-body.js';
import { type SandboxState, storeOf } from './state.js';
import {
  NOT_FOUND_PAGE,
  PROXY_502_PAGE,
  resetConnection,
  sendJson,
  sendText,
  truncateJson,
} from './wire.js';

/** What the request handler works with; `timers` lets `close()` cancel delayed answers. */
export interface RequestHandlerContext {
  options: ResolvedSandboxOptions;
  state: SandboxState;
  plan: FaultPlan;
  timers: Set<NodeJS.Timeout>;
}

/** The path the API answers on. */
export const API_PATH = '/api/v2';

const HTML = 'text/html; charset=UTF-8';
const JSON_TYPE = 'application/json; charset=utf-8';

function retryAfter(fault: ResolvedFault): Record<string, string> {
  return { 'retry-after': String(fault.retryAfterSeconds) };
}

/** Answers a fault that stops the request before the panel processes it. */
function sendUnprocessedFault(
  fault: ResolvedFault,
  request: IncomingMessage,
  response: ServerResponse,
): void {
  if (fault.kind === 'http_429') {
    sendJson(response, 429, { error: TEXTS.tooManyRequests }, retryAfter(fault));
  } else if (fault.kind === 'http_503') {
    sendJson(response, 503, { error: TEXTS.unavailable }, retryAfter(fault));
  } else if (fault.kind === 'error_200') {
    sendJson(response, 200, { error: TEXTS.tryAgain });
  } else if (fault.kind === 'html_502') {
    sendText(response, 502, HTML, PROXY_502_PAGE);
  } else {
    resetConnection(request.socket);
  }
}

/** Sends a processed answer the way the fault (if any) says. */
function deliver(
  context: RequestHandlerContext,
  fault: ResolvedFault | undefined,
  answer: PanelAnswer,
  request: IncomingMessage,
  response: ServerResponse,
): void {
  const text = answer.json ?? JSON.stringify(answer.body);
  const send = () => sendText(response, answer.status, JSON_TYPE, text, answer.headers);
  const kind = fault?.kind;
  if (kind === 'delay') {
    const timer = setTimeout(() => {
      context.timers.delete(timer);
      send();
    }, fault?.delayMs);
    context.timers.add(timer);
  } else if (kind === 'reset_after_commit') {
    resetConnection(request.socket);
  } else if (kind === 'hang_after_commit') {
    // Never answered: the socket stays open until the client gives up or close() destroys it.
  } else if (kind === 'broken_json') {
    sendText(response, answer.status, JSON_TYPE, truncateJson(text), answer.headers);
  } else if (kind === 'html_502') {
    sendText(response, 502, HTML, PROXY_502_PAGE);
  } else {
    send();
  }
}

/**
 * Serves one HTTP request: the path and method, the body, the fault decision, the rate limit,
 * then the panel's answer. Requests are counted as they arrive, faulted ones included.
 */
export async function handleRequest(
  context: RequestHandlerContext,
  request: IncomingMessage,
  response: ServerResponse,
): Promise<void> {
  const path = (request.url ?? '/').split('?')[0]?.replace(/\/+$/, '');
  if (path !== API_PATH) return sendText(response, 404, HTML, NOT_FOUND_PAGE);
  if (request.method !== 'POST') {
    return sendJson(response, 405, { error: TEXTS.incorrectRequest }, { allow: 'POST' });
  }
  const body = await readBody(request, context.options.maxBodyBytes);
  if (body === undefined) {
    return sendJson(response, 413, { error: TEXTS.incorrectRequest }, { connection: 'close' });
  }

  const params = parseRequestParams(body, request.headers['content-type']);
  const store = storeOf(context.state);
  const action = params.get('action')?.trim() || '(none)';
  store.count(store.requestCounts, action);
  const fault = context.plan.take(action);
  if (fault !== undefined) store.faultLog.push({ action, kind: fault.kind, at: store.now() });
  if (fault !== undefined && !fault.isProcessed) {
    return sendUnprocessedFault(fault, request, response);
  }

  const limit = context.options.rateLimit;
  const decision =
    limit === undefined
      ? ({ allowed: true } as const)
      : checkRateLimit(store.rateWindows, limit, params.get('key') ?? '', store.now());
  const answer: PanelAnswer = decision.allowed
    ? dispatchRequest({ store, params, headers: request.headers })
    : {
        status: 429,
        body: { error: TEXTS.tooManyRequests },
        headers: { 'retry-after': String(decision.retryAfterSeconds) },
      };
  deliver(context, fault, answer, request, response);
}
