import { type FileHandle, open, rename, unlink } from 'node:fs/promises';
import { dirname } from 'node:path';
import { LedgerError } from '../errors/order-errors.js';
import type { EventSink } from './event-ledger.js';
import type { LedgerEntry } from './ledger.js';
import type { EntryEvent, LedgerEvent } from './ledger-event.js';
import { encodeLine, LEDGER_FILE_HEADER } from './ledger-file-format.js';

/** What the writer needs to know of the file it continues. */
export interface LedgerFileWriterOptions {
  path: string;
  /** Whether every append is synced before it resolves. */
  isSynced: boolean;
  /** The file's size and line count after replay. */
  bytes: number;
  lines: number;
  /** False when the header still has to be written (a new file). */
  hasHeader: boolean;
}

/** Compaction writes in batches of about this many bytes. */
const COMPACT_BATCH_BYTES = 1 << 20;

/**
 * Appends ledger events to a JSON-lines file, one `write` and one sync per event, and rewrites
 * the file as a snapshot on compaction.
 *
 * After a failed write or sync the file may end in part of a line, and after a failed sync the
 * kernel may already have dropped the data it could not write, so a retry could not be
 * trusted: the writer cuts the file back to its last good size when it can, and then refuses
 * every further append. Reopening the ledger replays what is really on disk.
 */
export class LedgerFileWriter implements EventSink {
  readonly #path: string;
  readonly #isSynced: boolean;
  #handle: FileHandle;
  #bytes: number;
  #lines: number;
  #broken: LedgerError | undefined;

  private constructor(handle: FileHandle, options: LedgerFileWriterOptions) {
    this.#handle = handle;
    this.#path = options.path;
    this.#isSynced = options.isSynced;
    this.#bytes = options.bytes;
    this.#lines = options.lines;
  }

  /** Opens the file for appending, writing the header (and syncing the directory) if new. */
  static async open(options: LedgerFileWriterOptions): Promise<LedgerFileWriter> {
    let handle: FileHandle;
    try {
      handle = await open(options.path, 'a');
    } catch (error) {
      throw new LedgerError(`Could not open the ledger file ${options.path}`, { cause: error });
    }
    const writer = new LedgerFileWriter(handle, options);
    if (!options.hasHeader) {
      try {
        await writer.#write(encodeLine(LEDGER_FILE_HEADER));
        // A new file's name is durable only once its directory is synced.
        if (options.isSynced) await syncDirectory(options.path);
      } catch (error) {
        await handle.close();
        throw error;
      }
    }
    return writer;
  }

  /** Complete lines in the file, header included. */
  get lines(): number {
    return this.#lines;
  }

  append(event: LedgerEvent): Promise<void> {
    return this.#write(encodeLine(event));
  }

  /**
   * Replaces the file with a snapshot: the header and one `entry` line per entry. Written to a
   * temporary file, synced, renamed over the original, then the directory is synced, so a
   * crash at any point leaves either the old file or the new one, whole. Always synced, even
   * with `fsync: false`: losing the whole file to a badly timed power cut costs too much.
   */
  async rewrite(entries: Iterable<LedgerEntry>): Promise<void> {
    if (this.#broken !== undefined) throw this.#broken;
    const temporary = `${this.#path}.compact.tmp`;

    let written: { bytes: number; lines: number };
    try {
      written = await writeSnapshot(temporary, entries);
      await rename(temporary, this.#path);
    } catch (error) {
      await unlink(temporary).catch(() => undefined);
      throw new LedgerError(`Could not compact the ledger file ${this.#path}`, { cause: error });
    }

    // From here the path names the new file and our handle still points at the old one.
    try {
      await syncDirectory(this.#path);
      const previous = this.#handle;
      this.#handle = await open(this.#path, 'a');
      this.#bytes = written.bytes;
      this.#lines = written.lines;
      await previous.close();
    } catch (error) {
      this.#broken = new LedgerError(
        `The ledger file ${this.#path} was compacted but could not be reopened; reopen the ledger`,
        { cause: error },
      );
      throw this.#broken;
    }
  }

  async close(): Promise<void> {
    await this.#handle.close();
  }

  async #write(bytes: Buffer): Promise<void> {
    if (this.#broken !== undefined) throw this.#broken;
    try {
      await writeAll(this.#handle, bytes);
      if (this.#isSynced) await this.#handle.datasync();
    } catch (error) {
      await this.#handle.truncate(this.#bytes).catch(() => undefined);
      this.#broken = new LedgerError(
        `An earlier write to the ledger file ${this.#path} failed; reopen the ledger`,
        { cause: error },
      );
      throw new LedgerError(`Could not write to the ledger file ${this.#path}`, { cause: error });
    }
    this.#bytes += bytes.length;
    this.#lines += 1;
  }
}

async function writeSnapshot(
  path: string,
  entries: Iterable<LedgerEntry>,
): Promise<{ bytes: number; lines: number }> {
  const handle = await open(path, 'w');
  try {
    let bytes = 0;
    let lines = 0;
    let batch: Buffer[] = [];
    let batchBytes = 0;
    const push = async (line: Buffer): Promise<void> => {
      batch.push(line);
      batchBytes += line.length;
      bytes += line.length;
      lines += 1;
      if (batchBytes >= COMPACT_BATCH_BYTES) {
        await writeAll(handle, Buffer.concat(batch));
        batch = [];
        batchBytes = 0;
      }
    };

    await push(encodeLine(LEDGER_FILE_HEADER));
    for (const entry of entries) {
      const line: EntryEvent = { type: 'entry', entry };
      await push(encodeLine(line));
    }
    if (batch.length > 0) await writeAll(handle, Buffer.concat(batch));
    await handle.sync();
    return { bytes, lines };
  } finally {
    await handle.close();
  }
}

/** `FileHandle.write` may write less than asked; loop until every byte is out. */
async function writeAll(handle: FileHandle, bytes: Buffer): Promise<void> {
  let offset = 0;
  while (offset < bytes.length) {
    const { bytesWritten } = await handle.write(bytes, offset, bytes.length - offset, null);
    offset += bytesWritten;
  }
}

/**
 * Syncs the directory holding `path`, so a new or renamed name survives a power cut. Windows
 * cannot open a directory for syncing; there the rename is as durable as NTFS makes it.
 */
async function syncDirectory(path: string): Promise<void> {
  if (process.platform === 'win32') return;
  const directory = await open(dirname(path), 'r');
  try {
    await directory.sync();
  } finally {
    await directory.close();
  }
}
