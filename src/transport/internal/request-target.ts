/** Where a request goes, split the way undici's `dispatch` wants it. */
export interface RequestTarget {
  /** `https://panel.example:8443`, no user info, no path. */
  readonly origin: string;
  /** Path and query, sent as is: `/api/v2`. */
  readonly path: string;
  /** `panel.example:8443`: the only part of the URL that error messages show. */
  readonly host: string;
}

/**
 * Splits an absolute http(s) URL, or returns `undefined` when it is not one.
 *
 * Only the host ever reaches an error message: a query string or user info may hold a secret.
 */
export function parseRequestTarget(url: string): RequestTarget | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }

  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return undefined;

  return Object.freeze({
    origin: parsed.origin,
    path: `${parsed.pathname}${parsed.search}`,
    host: parsed.host,
  });
}
