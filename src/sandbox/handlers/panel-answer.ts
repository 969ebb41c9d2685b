import type { IncomingHttpHeaders } from 'node:http';
import type { RequestParams } from '../order-validation.js';
import type { PanelStore } from '../panel-store.js';

/** What one request asks of the panel. */
export interface HandlerContext {
  store: PanelStore;
  params: RequestParams;
  headers: IncomingHttpHeaders;
}

/** The panel's answer before it goes on the wire (a fault may still change how it is sent). */
export interface PanelAnswer {
  status: number;
  body: unknown;
  /** The body already written as JSON text, when key order matters; sent instead of `body`. */
  json?: string;
  headers?: Readonly<Record<string, string>>;
}

/** One action's handler. */
export type ActionHandler = (context: HandlerContext) => PanelAnswer;

/** A normal JSON answer with HTTP 200. */
export function ok(body: unknown): PanelAnswer {
  return { status: 200, body };
}

/** An error the way most panels send it: HTTP 200 with `{"error": "<text>"}`. */
export function panelError(text: string): PanelAnswer {
  return { status: 200, body: { error: text } };
}
