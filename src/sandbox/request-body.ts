import type { IncomingMessage } from 'node:http';
import type { RequestParams } from './order-validation.js';

/** Reads a request body up to `maxBytes`; `undefined` when it is larger. */
export async function readBody(
  request: IncomingMessage,
  maxBytes: number,
): Promise<string | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > maxBytes) return undefined;
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function jsonValueText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  // A list of ids sent as a JSON array reads like the comma list of a form.
  if (Array.isArray(value)) return value.map(jsonValueText).join(',');
  return JSON.stringify(value);
}

function parseJson(body: string): Map<string, string> {
  const params = new Map<string, string>();
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    // A body that is not JSON carries no key: the panel answers "Invalid API key".
    return params;
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return params;
  for (const [name, value] of Object.entries(parsed)) params.set(name, jsonValueText(value));
  return params;
}

/**
 * Decodes a request body the way a PHP panel does: `application/x-www-form-urlencoded` (a
 * repeated field keeps its last value), or a JSON object when the content type says JSON or the
 * body starts with `{`. Independent of any client's encoder on purpose.
 */
export function parseRequestParams(body: string, contentType: string | undefined): RequestParams {
  const isJson =
    (contentType ?? '').toLowerCase().includes('json') || body.trimStart().startsWith('{');
  if (isJson) return parseJson(body);
  const params = new Map<string, string>();
  for (const [name, value] of new URLSearchParams(body)) params.set(name, value);
  return params;
}
