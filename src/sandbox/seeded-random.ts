import { seededRandom } from '../internal/seeded-random.js';

/** A source of numbers in [0, 1), like `Math.random`, but reproducible from a seed. */
export type RandomSource = () => number;

/**
 * A seeded generator (mulberry32, shared with the retry tests). Statistical quality is modest,
 * which is plenty for choosing faults and order outcomes; what matters here is that one seed
 * always gives the same sequence, so a failing chaos run can be replayed.
 */
export function createSeededRandom(seed: number): RandomSource {
  return seededRandom(seed);
}

/**
 * A seed for one independent stream drawn from a base seed. Each concern (other users, order
 * outcomes, faults) has its own stream, so turning one of them on does not shift the others.
 */
export function deriveSeed(seed: number, stream: string): number {
  let hash = (seed ^ 0x9e3779b9) >>> 0;
  for (let i = 0; i < stream.length; i++) {
    hash = Math.imul(hash ^ stream.charCodeAt(i), 0x01000193) >>> 0;
  }
  return hash;
}

/** A whole number in [min, max], both included. */
export function randomInt(random: RandomSource, min: number, max: number): number {
  return min + Math.floor(random() * (max - min + 1));
}
