import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { LedgerError } from '../errors/order-errors.js';
import { applyLedgerEvent } from './apply-ledger-event.js';
import type { EntryIndex } from './entry-index.js';
import { checkHeaderLine, corrupt, parseEventLine } from './ledger-file-format.js';

/** What reading a ledger file found. */
export interface ReplayResult {
  /** Complete lines kept, header included (blank lines too). */
  lines: number;
  /** The file's size after any torn tail was cut off. */
  bytes: number;
  /** Bytes of a torn last line that were cut off (0 when the file ended cleanly). */
  tornBytes: number;
  /** False for a new (or empty) file: the header still has to be written. */
  hasHeader: boolean;
}

const NEWLINE = 0x0a;

/**
 * Rebuilds `index` from the file at `path` (created empty when missing), one line at a time,
 * streaming, so a large file is never held whole in memory.
 *
 * A torn last line is expected after a crash: every change is one `write` of a line ending in
 * `\n`, followed by a sync, and the caller hears of the change only after both. Bytes after the
 * last `\n` therefore belong to a change nobody was told about; they are cut off (and the cut
 * synced) so the next line starts clean. Any complete line that does not parse, or does not
 * follow from the lines before it, is corruption: `LedgerError` names its line number.
 */
export async function replayLedgerFile(
  path: string,
  index: EntryIndex,
  isSynced: boolean,
): Promise<ReplayResult> {
  await ensureFile(path);

  let lines = 0;
  let kept = 0;
  let isHeaderSeen = false;
  let carry: Buffer[] = [];

  const consume = (line: Uint8Array): void => {
    lines += 1;
    kept += line.length + 1;
    if (isBlank(line)) return;
    if (!isHeaderSeen) {
      checkHeaderLine(line, lines, path);
      isHeaderSeen = true;
      return;
    }
    const event = parseEventLine(line, lines, path);
    const key = event.type === 'entry' ? event.entry.key : event.key;
    try {
      index.put(applyLedgerEvent(index.peek(key), event));
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw corrupt(path, lines, `does not follow from the lines before it: ${reason}`, error);
    }
  };

  let total = 0;
  try {
    for await (const chunk of createReadStream(path) as AsyncIterable<Buffer>) {
      total += chunk.length;
      let start = 0;
      for (let end = chunk.indexOf(NEWLINE); end !== -1; end = chunk.indexOf(NEWLINE, start)) {
        const piece = chunk.subarray(start, end);
        consume(carry.length === 0 ? piece : Buffer.concat([...carry, piece]));
        carry = [];
        start = end + 1;
      }
      if (start < chunk.length) carry.push(chunk.subarray(start));
    }
  } catch (error) {
    if (error instanceof LedgerError) throw error;
    throw new LedgerError(`Could not read the ledger file ${path}`, { cause: error });
  }

  const tornBytes = total - kept;
  if (tornBytes > 0) await cutTornTail(path, kept, isSynced);
  return { lines, bytes: kept, tornBytes, hasHeader: isHeaderSeen };
}

async function ensureFile(path: string): Promise<void> {
  try {
    await (await open(path, 'a')).close();
  } catch (error) {
    throw new LedgerError(`Could not open the ledger file ${path}`, { cause: error });
  }
}

async function cutTornTail(path: string, size: number, isSynced: boolean): Promise<void> {
  try {
    const handle = await open(path, 'r+');
    try {
      await handle.truncate(size);
      if (isSynced) await handle.sync();
    } finally {
      await handle.close();
    }
  } catch (error) {
    throw new LedgerError(`Could not cut the torn last line of ${path}`, { cause: error });
  }
}

function isBlank(line: Uint8Array): boolean {
  for (const byte of line) {
    if (byte !== 0x20 && byte !== 0x09 && byte !== 0x0d) return false;
  }
  return true;
}
