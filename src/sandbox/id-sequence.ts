import type { RandomSource } from './seeded-random.js';

/**
 * How many orders simulated other users place before our next one: a geometric draw whose mean
 * is `rate`, so most gaps are small and a few are long, as on a busy panel.
 */
export function drawOtherUsersGap(random: RandomSource, rate: number): number {
  if (rate <= 0) return 0;
  const keep = rate / (1 + rate);
  // 1 - random() is in (0, 1], so the logarithm is finite.
  return Math.floor(Math.log(1 - random()) / Math.log(keep));
}
