import { SmmPanelError } from './base-error.js';
import type { ErrorCodeValue } from './codes.js';
import type { SendState } from './send-state.js';

/** Codes a {@link TransportError} can carry. */
export type TransportErrorCode = Extract<
  ErrorCodeValue,
  | 'SMM_CONNECT_FAILED'
  | 'SMM_TIMEOUT'
  | 'SMM_ABORTED'
  | 'SMM_CONNECTION_LOST'
  | 'SMM_RESPONSE_TOO_LARGE'
  | 'SMM_REDIRECT_REFUSED'
>;

/** Facts a transport knows about a failed request. */
export interface TransportErrorDetails {
  /** Whether the panel may have received the request. */
  sendState: SendState;
  /** The action being sent (`add`, `status`...). */
  action?: string;
  /** The HTTP status, when the panel answered (redirects, oversize bodies). */
  httpStatus?: number;
  /** The low-level code that caused it (`ECONNREFUSED`, `UND_ERR_HEADERS_TIMEOUT`...). */
  causeCode?: string;
}

/**
 * A request failed below the protocol: no usable answer came back.
 *
 * `sendState` is what matters for a paid order: `not_sent` is safe to send again,
 * `maybe_sent` may already have been processed by the panel.
 */
export class TransportError extends SmmPanelError {
  override readonly code: TransportErrorCode;
  readonly sendState: SendState;
  readonly action: string | undefined;
  readonly httpStatus: number | undefined;
  readonly causeCode: string | undefined;

  constructor(
    code: TransportErrorCode,
    message: string,
    details: TransportErrorDetails,
    options?: { cause?: unknown },
  ) {
    super(code, message, options);
    this.name = 'TransportError';
    this.code = code;
    this.sendState = details.sendState;
    this.action = details.action;
    this.httpStatus = details.httpStatus;
    this.causeCode = details.causeCode;
  }
}
