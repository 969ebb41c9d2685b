/**
 * A small seeded pseudo-random source (mulberry32): the same seed gives the same sequence on
 * every platform and release, so jittered delays and injected faults can be asserted exactly.
 *
 * Not for secrets or keys: 32 bits of state, trivially predictable. Use `node:crypto` there.
 *
 * @param seed - Any integer; only its low 32 bits are used.
 * @returns A function returning floats in [0, 1), like `Math.random`.
 */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
