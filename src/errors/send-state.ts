/**
 * How far a request got before it failed, decided from the transport's own facts, never from
 * an error message.
 *
 * - `not_sent`: certainly not delivered (DNS failure, refused, connect timeout, TLS failure,
 *   aborted before the request was written). Safe to send again, even for a paid order.
 * - `maybe_sent`: the request was written, no answer came (reset, timeout, abort after
 *   writing). The panel may have processed it.
 * - `answered`: the panel answered with a status line; the body says what happened.
 */
export type SendState = 'not_sent' | 'maybe_sent' | 'answered';
