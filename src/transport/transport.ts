/**
 * One request to a panel, already assembled by the client. The transport adds nothing of its
 * own but `content-type` and a default `user-agent`, and never logs or echoes the form (it
 * holds the API key).
 */
export interface TransportRequest {
  /** The panel's full API URL, such as `https://panel.example/api/v2`. */
  url: string;
  /** The action name, for errors and events only (`add`, `status`...). */
  action: string;
  /** The form fields to send, `key` included. Encoded as `encoding` says. */
  form: Readonly<Record<string, string>>;
  /**
   * How to encode `form`: `form` (`application/x-www-form-urlencoded`, the default, which every
   * panel accepts) or `json` (`application/json`, for the few panels that want it).
   */
  encoding?: 'form' | 'json';
  /** Extra request headers (an `Idempotency-Key`, say). */
  headers?: Readonly<Record<string, string>>;
  /** The caller's signal: aborting it fails the request with `SMM_ABORTED`. */
  signal?: AbortSignal;
  /**
   * Time allowed for this one request, from the moment it starts until the whole body is in
   * (milliseconds). When it runs out the request fails with `SMM_TIMEOUT`. A transport may
   * apply a shorter cap of its own.
   */
  timeoutMs?: number;
}

/** What the panel answered. The body is raw text: deciding what it means is `api/`'s job. */
export interface TransportResponse {
  /** The HTTP status code. */
  status: number;
  /** Response headers, names in lower case; repeated headers joined with `, `. */
  headers: Readonly<Record<string, string>>;
  /** The body as UTF-8 text (may be empty, HTML or broken JSON). */
  body: string;
}

/**
 * Sends one form-encoded POST and returns the panel's answer, whatever its status code.
 *
 * A transport throws only {@link TransportError}s (with a `sendState`) and never retries:
 * retrying is the retry policy's decision, made with the send state in hand.
 */
export interface Transport {
  send(request: TransportRequest): Promise<TransportResponse>;
  /** Closes pooled connections. Safe to call more than once. */
  close(): Promise<void>;
}
