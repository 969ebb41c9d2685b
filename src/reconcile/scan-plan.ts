/** What {@link planScan} needs. */
export interface ScanPlanInput {
  /** The lowest lower bound among the intents to settle; `undefined` when one has none. */
  floor: bigint | undefined;
  /** Ids at or below this cannot be scanned (too many claimed ids to remember). */
  scanFloor: bigint | undefined;
  /** The highest order id the ledger knows. */
  highestId: bigint;
  /** Ids above `highestId` to include. */
  scanWindow: number;
  /** Most ids to ask for. */
  maxScanIds: number;
  isClaimed: (id: bigint) => boolean;
}

/** The ids to ask for, and how far down the scan is complete. */
export interface ScanPlan {
  /** Unclaimed ids, from the top down. */
  ids: bigint[];
  /** The highest id scanned: `highestId + scanWindow`. */
  top: bigint;
  /**
   * Every unclaimed id from here to `top` is in `ids`: an intent whose range `(lowerBound,
   * top]` starts at or above it is fully covered (with no lower bound, only when this is 0).
   */
  coveredFrom: bigint;
}

/**
 * Chooses the ids to scan: from `highestId + scanWindow` down to the lowest lower bound,
 * skipping ids an entry claims, at most `maxScanIds`. Top down, because every intent's range
 * ends at the same top: a budget that runs out then still covers the newest intents (the
 * likeliest to be unknown) completely, instead of covering the oldest partly.
 */
export function planScan(input: ScanPlanInput): ScanPlan {
  const top = input.highestId + BigInt(input.scanWindow);
  // Ids are never negative: with no lower bound the scan may go down to 0.
  const bottom = maxBig(input.floor, input.scanFloor) ?? -1n;
  const ids: bigint[] = [];
  let id = top;
  for (; id > bottom && ids.length < input.maxScanIds; id -= 1n) {
    if (!input.isClaimed(id)) ids.push(id);
  }
  // Claimed ids just below the last one taken need no answer: they are covered too.
  while (id > bottom && input.isClaimed(id)) id -= 1n;
  // Every id in (id, top] was looked at: asked for, or claimed.
  return { ids, top, coveredFrom: id + 1n };
}

function maxBig(a: bigint | undefined, b: bigint | undefined): bigint | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return a > b ? a : b;
}
