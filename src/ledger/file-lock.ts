import { link, open, readFile, unlink } from 'node:fs/promises';
import { resolve } from 'node:path';
import { LedgerError } from '../errors/order-errors.js';

/** A held lock file; `release` removes it if it is still ours. */
export interface FileLock {
  readonly path: string;
  /** Removes the lock file. Calling it again does nothing. */
  release(): Promise<void>;
}

/** How often to retry after finding a stale lock and removing it. */
const TAKEOVER_ATTEMPTS = 3;

/** Makes scratch file names unique when one process opens several ledgers at once. */
let scratchCounter = 0;

/**
 * Lock files this process holds now. A lock naming our own pid that is not in here was left
 * by an earlier process that had the same pid: pid 1 in a container restarted after a crash
 * is the usual case. Without this, that ledger could never be opened again.
 */
const HELD_BY_THIS_PROCESS = new Set<string>();

/**
 * Takes `lockPath` for this process, or throws `LedgerError` when a live process holds it.
 *
 * The pid is written to a private temporary file first and then hard-linked to `lockPath`:
 * the link either appears whole or fails with `EEXIST`, so nobody ever reads a lock file
 * without its pid. A lock whose pid no longer runs (checked with `process.kill(pid, 0)`) is
 * stale, left by a crash, and taken over.
 *
 * Limits, in plain words: pids mean nothing across machines, so this does not protect a file
 * shared over a network file system; a file system without hard links (FAT, some container
 * volume mounts) cannot hold the lock and opening fails with `LedgerError`; and two processes
 * taking over the same stale lock in the same instant could both succeed (the lock is read again
 * just before removing it, which narrows that window to a few microseconds but does not close it).
 */
export async function acquireFileLock(lockPath: string): Promise<FileLock> {
  const mine = `${process.pid}\n`;
  const key = resolve(lockPath);
  scratchCounter += 1;
  const scratch = `${lockPath}.${process.pid}-${scratchCounter}.tmp`;
  await writeScratch(scratch, mine, lockPath);

  try {
    for (let attempt = 0; attempt < TAKEOVER_ATTEMPTS; attempt += 1) {
      try {
        await link(scratch, lockPath);
        HELD_BY_THIS_PROCESS.add(key);
        return heldLock(lockPath, key, mine);
      } catch (error) {
        if (errorCode(error) !== 'EEXIST') throw lockFailure(lockPath, error);
      }

      const holder = await readHolder(lockPath);
      if (holder === undefined) continue;
      const isOurs = holder === process.pid;
      if (isOurs ? HELD_BY_THIS_PROCESS.has(key) : isAlive(holder)) {
        const who = isOurs ? 'this process' : `process ${holder}`;
        throw new LedgerError(`The ledger is already open in ${who} (lock file ${lockPath})`);
      }
      // Stale: read once more so a lock just taken over by someone else is not removed.
      if ((await readHolder(lockPath)) === holder) await removeQuietly(lockPath);
    }
    throw new LedgerError(`Could not take the ledger lock ${lockPath}: it keeps changing hands`);
  } finally {
    await removeQuietly(scratch);
  }
}

function heldLock(lockPath: string, key: string, mine: string): FileLock {
  let isHeld = true;
  return {
    path: lockPath,
    async release() {
      if (!isHeld) return;
      isHeld = false;
      HELD_BY_THIS_PROCESS.delete(key);
      const content = await readFile(lockPath, 'utf8').catch(() => undefined);
      if (content === mine) await removeQuietly(lockPath);
    },
  };
}

async function writeScratch(path: string, content: string, lockPath: string): Promise<void> {
  try {
    const handle = await open(path, 'w');
    try {
      await handle.writeFile(content);
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch (error) {
    const why = errorCode(error) === 'ENOENT' ? ': its directory does not exist' : '';
    throw new LedgerError(`Could not create the ledger lock ${lockPath}${why}`, { cause: error });
  }
}

/** The pid in the lock file; undefined when the file vanished meanwhile. */
async function readHolder(lockPath: string): Promise<number | undefined> {
  let content: string;
  try {
    content = await readFile(lockPath, 'utf8');
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return undefined;
    throw lockFailure(lockPath, error);
  }
  const pid = Number(content.trim());
  if (!Number.isSafeInteger(pid) || pid <= 0) {
    // Not written by this module: refuse to guess whose it is.
    throw new LedgerError(`The ledger lock file ${lockPath} holds no pid; remove it by hand`);
  }
  return pid;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to another user.
    return errorCode(error) === 'EPERM';
  }
}

async function removeQuietly(path: string): Promise<void> {
  await unlink(path).catch((error: unknown) => {
    if (errorCode(error) !== 'ENOENT') throw lockFailure(path, error);
  });
}

function lockFailure(path: string, cause: unknown): LedgerError {
  return new LedgerError(`Could not use the ledger lock file ${path}`, { cause });
}

function errorCode(error: unknown): unknown {
  return (error as { code?: unknown } | null)?.code;
}
