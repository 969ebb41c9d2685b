import type { IncomingHttpHeaders } from 'node:http';
import { DEFAULT_IDEMPOTENCY_NAMES, type ResolvedSandboxOptions } from '../options.js';
import type { RequestParams } from '../order-validation.js';
import { placeOrder } from '../place-order.js';
import { type ActionHandler, ok, panelError } from './panel-answer.js';

function headerValue(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name.toLowerCase()];
  const text = (Array.isArray(value) ? value[0] : value)?.trim();
  return text === '' ? undefined : text;
}

function fieldValue(params: RequestParams, name: string): string | undefined {
  const text = params.get(name)?.trim();
  return text === '' ? undefined : text;
}

/**
 * The idempotency key a request carries. In `none` mode the panel ignores keys, but the sandbox
 * still notes one sent under a default name, so a test can count orders per key and see the
 * duplicates a panel without idempotency makes.
 */
export function findIdempotencyKey(
  options: ResolvedSandboxOptions,
  params: RequestParams,
  headers: IncomingHttpHeaders,
): string | undefined {
  const { mode, name } = options.idempotency;
  if (mode === 'header') return headerValue(headers, name);
  if (mode === 'form_field') return fieldValue(params, name);
  return (
    headerValue(headers, DEFAULT_IDEMPOTENCY_NAMES.header) ??
    fieldValue(params, DEFAULT_IDEMPOTENCY_NAMES.form_field)
  );
}

/** `add`: `{"order": 10023}`, or the panel's refusal with HTTP 200. */
export const handleAdd: ActionHandler = ({ store, params, headers }) => {
  const result = placeOrder(store, {
    params,
    idempotencyKey: findIdempotencyKey(store.options, params, headers),
    origin: 'api',
  });
  return result.ok ? ok({ order: result.orderId }) : panelError(result.error);
};
