/**
 * A driver error's own message, shortened, to append to a `LedgerError` so that a person sees
 * why (`connect ECONNREFUSED`, `database is locked`) without digging into `cause`. Driver
 * messages name hosts, users and tables, never a password; the URL itself is never added.
 */
export function causeText(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const line = message.split('\n')[0] ?? '';
  return line === '' ? '' : `: ${line.length > 200 ? `${line.slice(0, 200)}...` : line}`;
}
