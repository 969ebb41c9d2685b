import { SmmPanelError } from '../errors/base-error.js';
import { InvalidOptionsError } from '../errors/input-errors.js';
import { LedgerError } from '../errors/order-errors.js';
import { EntryIndex } from './entry-index.js';
import { EventLedger } from './event-ledger.js';
import { acquireFileLock, type FileLock } from './file-lock.js';
import type { Ledger } from './ledger.js';
import { replayLedgerFile } from './ledger-file-replay.js';
import { LedgerFileWriter } from './ledger-file-writer.js';

/** Options of {@link openFileLedger}. */
export interface FileLedgerOptions {
  /**
   * The JSON-lines file. Created if missing (its directory must exist). A lock file beside it,
   * `<path>.lock`, keeps a second process (or a second open in this one) out.
   */
  path: string;
  /**
   * Whether every change is synced to disk (`FileHandle.datasync`) before its promise resolves
   * (default true). With false, a change survives the process crashing or being killed (the
   * kernel holds it) but may be lost when the machine loses power or the OS crashes: an intent
   * recorded "before the first byte left" can then vanish, and a retry may pay twice.
   */
  fsync?: boolean;
  /**
   * Compact on open when the file has more than this many lines (default 100 000). Compaction
   * rewrites the file as one line per entry. A long-running process does not compact on its
   * own: call {@link FileLedger.compact}, or reopen.
   */
  compactAfterLines?: number;
}

/** Defaults of {@link FileLedgerOptions}. */
export const FILE_LEDGER_DEFAULTS = Object.freeze({
  /** Sync every change before resolving: true. */
  fsync: true,
  /** Compact on open past 100 000 lines. */
  compactAfterLines: 100_000,
});

/** A ledger kept in a JSON-lines file, for one process. */
export interface FileLedger extends Ledger {
  /** The ledger file. */
  readonly path: string;
  /**
   * Rewrites the file as a snapshot (one line per entry), atomically (temporary file, sync,
   * rename, directory sync). Waits for queued changes first; changes made meanwhile wait.
   */
  compact(): Promise<void>;
}

/**
 * Opens (or creates) a JSON-lines ledger file for this process.
 *
 * Every change appends one line, an event, and syncs it before its promise resolves, so an
 * intent is on disk before the order path sends its first byte and an answer is on disk
 * before the caller sees it. Opening replays every line into memory (reads never touch the
 * disk), cuts off a last line torn by a crash, and throws `LedgerError` naming the line of any
 * other corrupt line. A lock file refuses a second opener while this one lives; a lock left by
 * a dead process is taken over.
 *
 * Suited to one process on one machine. The whole ledger is held in memory; for many processes
 * or machines use the SQLite or PostgreSQL ledger.
 */
export async function openFileLedger(options: FileLedgerOptions): Promise<FileLedger> {
  const settings = checkOptions(options);
  const lock = await acquireFileLock(`${settings.path}.lock`);
  try {
    const index = new EntryIndex();
    const replay = await replayLedgerFile(settings.path, index, settings.fsync);
    const writer = await LedgerFileWriter.open({
      path: settings.path,
      isSynced: settings.fsync,
      bytes: replay.bytes,
      lines: replay.lines,
      hasHeader: replay.hasHeader,
    });
    const ledger = new JsonLinesLedger(settings.path, index, writer, lock);
    if (writer.lines > settings.compactAfterLines) {
      await ledger.compact().catch(async (error: unknown) => {
        await ledger.close().catch(() => undefined);
        throw error;
      });
    }
    return ledger;
  } catch (error) {
    await lock.release().catch(() => undefined);
    if (error instanceof SmmPanelError) throw error;
    throw new LedgerError(`Could not open the ledger file ${settings.path}`, { cause: error });
  }
}

class JsonLinesLedger extends EventLedger implements FileLedger {
  readonly path: string;
  readonly #writer: LedgerFileWriter;
  readonly #lock: FileLock;

  constructor(path: string, index: EntryIndex, writer: LedgerFileWriter, lock: FileLock) {
    super(index, writer);
    this.path = path;
    this.#writer = writer;
    this.#lock = lock;
  }

  compact(): Promise<void> {
    return this.exclusive(() => this.#writer.rewrite(this.index.entries()));
  }

  override async close(): Promise<void> {
    try {
      await super.close();
    } finally {
      await this.#lock.release();
    }
  }
}

function checkOptions(options: FileLedgerOptions): Required<FileLedgerOptions> {
  if (typeof options?.path !== 'string' || options.path === '') {
    throw new InvalidOptionsError('path', 'must be a non-empty file path');
  }
  const compactAfterLines = options.compactAfterLines ?? FILE_LEDGER_DEFAULTS.compactAfterLines;
  if (!Number.isInteger(compactAfterLines) || compactAfterLines < 1) {
    throw new InvalidOptionsError('compactAfterLines', 'must be a positive integer');
  }
  return {
    path: options.path,
    fsync: options.fsync ?? FILE_LEDGER_DEFAULTS.fsync,
    compactAfterLines,
  };
}
