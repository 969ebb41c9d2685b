import { request } from 'undici';
import type { SandboxPanel } from '../../src/sandbox/index.js';

/** A raw answer from the sandbox, read over a real socket. */
export interface RawAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
}

/** Options of {@link postForm}. */
export interface PostOptions {
  /** Extra headers (an idempotency key...). */
  headers?: Record<string, string>;
  /** Send a JSON body instead of a form. */
  asJson?: boolean;
  /** The key to send; `null` sends none. Default: the panel's key. */
  key?: string | null;
  signal?: AbortSignal;
}

/** POSTs fields to the sandbox with plain undici, as a form (or JSON), with the panel's key. */
export async function postForm(
  panel: SandboxPanel,
  fields: Record<string, string>,
  options: PostOptions = {},
): Promise<RawAnswer> {
  const key = options.key === undefined ? panel.apiKey : options.key;
  const all = key === null ? fields : { key, ...fields };
  const body = options.asJson ? JSON.stringify(all) : new URLSearchParams(all).toString();
  const contentType = options.asJson ? 'application/json' : 'application/x-www-form-urlencoded';
  const answer = await request(panel.url, {
    method: 'POST',
    body,
    headers: { 'content-type': contentType, ...options.headers },
    ...(options.signal === undefined ? {} : { signal: options.signal }),
  });
  return { status: answer.statusCode, headers: answer.headers, text: await answer.body.text() };
}

/** POSTs and parses the JSON answer (throws if the body is not JSON). */
export async function call(
  panel: SandboxPanel,
  fields: Record<string, string>,
  options: PostOptions = {},
  // biome-ignore lint/suspicious/noExplicitAny: tests read panel answers of many shapes.
): Promise<any> {
  const answer = await postForm(panel, fields, options);
  return JSON.parse(answer.text);
}

/** A clock that moves only when told. */
export function fakeClock(start = 1_700_000_000_000): {
  now: () => number;
  advance: (ms: number) => void;
} {
  let time = start;
  return {
    now: () => time,
    advance: (ms: number) => {
      time += ms;
    },
  };
}
