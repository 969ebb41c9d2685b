import { SmmPanelError } from './base-error.js';
import { ErrorCode } from './codes.js';
import type { PanelErrorClass } from './error-class.js';

/** Facts common to errors raised from a panel's answer. */
export interface PanelAnswerDetails {
  /** The action that was sent. */
  action: string;
  /** The HTTP status of the answer. */
  httpStatus: number;
  /** A short excerpt of the body (at most 200 characters), with the API key redacted. */
  excerpt?: string;
}

/**
 * The panel answered `{"error": "..."}` (with any HTTP status). Nothing more will come of
 * retrying a permanent class; `unknown` texts are never retried automatically.
 */
export class PanelRejectedError extends SmmPanelError {
  override readonly code = ErrorCode.PanelRejected;
  /** The family the error text falls into. */
  readonly errorClass: PanelErrorClass;
  /** The panel's own text, unchanged (with the API key redacted). */
  readonly panelMessage: string;
  readonly action: string;
  readonly httpStatus: number;

  constructor(details: PanelAnswerDetails & { errorClass: PanelErrorClass; panelMessage: string }) {
    super(ErrorCode.PanelRejected, `Panel rejected ${details.action}: ${details.panelMessage}`);
    this.name = 'PanelRejectedError';
    this.errorClass = details.errorClass;
    this.panelMessage = details.panelMessage;
    this.action = details.action;
    this.httpStatus = details.httpStatus;
  }
}

/** The panel answered 429, or 503 with a clear "try later": the request was not processed. */
export class RateLimitedError extends SmmPanelError {
  override readonly code = ErrorCode.RateLimited;
  /** How long the panel asked us to wait, when it said (`Retry-After`, reset headers). */
  readonly retryAfterMs: number | undefined;
  readonly action: string;
  readonly httpStatus: number;

  constructor(details: PanelAnswerDetails & { retryAfterMs?: number }) {
    const hint =
      details.retryAfterMs === undefined ? '' : ` (retry after ${details.retryAfterMs} ms)`;
    super(ErrorCode.RateLimited, `Panel rate-limited ${details.action}${hint}`);
    this.name = 'RateLimitedError';
    this.retryAfterMs = details.retryAfterMs;
    this.action = details.action;
    this.httpStatus = details.httpStatus;
  }
}

/**
 * The panel answered with something that is not its API: an HTML page (a proxy's 502, a CDN
 * challenge, a PHP warning), an empty body, broken JSON, or a 5xx. Whether it processed the
 * request is unknown.
 */
export class PanelUnavailableError extends SmmPanelError {
  override readonly code = ErrorCode.PanelUnavailable;
  readonly action: string;
  readonly httpStatus: number;
  readonly excerpt: string | undefined;
  /** Why the answer was unusable: `html`, `empty`, `invalid_json` or `server_error`. */
  readonly reason: 'html' | 'empty' | 'invalid_json' | 'server_error';
  /** A wait the panel hinted at, if any. */
  readonly retryAfterMs: number | undefined;

  constructor(
    details: PanelAnswerDetails & {
      reason: PanelUnavailableError['reason'];
      retryAfterMs?: number;
    },
  ) {
    super(
      ErrorCode.PanelUnavailable,
      `Panel gave no usable answer to ${details.action} ` +
        `(HTTP ${details.httpStatus}, ${details.reason})`,
    );
    this.name = 'PanelUnavailableError';
    this.action = details.action;
    this.httpStatus = details.httpStatus;
    this.excerpt = details.excerpt;
    this.reason = details.reason;
    this.retryAfterMs = details.retryAfterMs;
  }
}

/** The body was valid JSON but not a shape this action answers with. */
export class InvalidResponseError extends SmmPanelError {
  override readonly code = ErrorCode.InvalidResponse;
  readonly action: string;
  readonly httpStatus: number;
  readonly excerpt: string | undefined;
  /** What did not fit, in a few words (from the schema). */
  readonly problem: string;

  constructor(details: PanelAnswerDetails & { problem: string }) {
    super(ErrorCode.InvalidResponse, `Unexpected answer to ${details.action}: ${details.problem}`);
    this.name = 'InvalidResponseError';
    this.action = details.action;
    this.httpStatus = details.httpStatus;
    this.excerpt = details.excerpt;
    this.problem = details.problem;
  }
}
