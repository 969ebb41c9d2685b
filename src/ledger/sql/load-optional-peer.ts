import { LedgerError } from '../../errors/order-errors.js';

/**
 * Loads an optional peer dependency (better-sqlite3, pg) when a ledger is opened, not when the
 * package is imported, so a user who needs neither installs neither, and the CLI runs without
 * them. `load` must be a literal `import('<name>')` at the call site, so bundlers keep it as a
 * dynamic import of an external package. A missing package becomes a `LedgerError` that says
 * what to install.
 */
export async function loadOptionalPeer<T>(
  name: string,
  ledgerName: string,
  load: () => Promise<T>,
): Promise<T> {
  try {
    return await load();
  } catch (error) {
    const code = (error as { code?: unknown } | undefined)?.code;
    if (code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND') {
      throw new LedgerError(
        `The ${ledgerName} ledger needs the optional package ${name}: run npm install ${name}`,
        { cause: error },
      );
    }
    throw new LedgerError(
      `Could not load ${name} for the ${ledgerName} ledger (a native module may need npm rebuild)`,
      { cause: error },
    );
  }
}

/** The CommonJS export of a package loaded with `import()`, whatever the interop did. */
export function defaultExport<T>(module: { default?: T } | T): T {
  const inner = (module as { default?: T }).default;
  return inner === undefined ? (module as T) : inner;
}
