/**
 * Deterministic randomness for the region: one seeded generator per part of the region, and ids
 * derived from a kind and a number, so that every run makes the same rows, ids included.
 */
import { prng } from '../../../server/src/seed/seed-ids.js';

export type Random = () => number;

/** A seeded generator (mulberry32, as the demo seed's) with the helpers the generator needs. */
export class Rng {
  readonly next: Random;

  constructor(seed: number) {
    this.next = prng(seed);
  }

  /** An integer in [min, max], both included. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(list: readonly T[]): T {
    return list[Math.floor(this.next() * list.length)];
  }

  /** An exponentially distributed number with this mean. */
  exponential(mean: number): number {
    return -Math.log(1 - this.next()) * mean;
  }

  /** Picks by weight; `cumulative` is the running sum of the weights (see cumulativeWeights). */
  weighted<T>(list: readonly T[], cumulative: Float64Array): T {
    const target = this.next() * cumulative[cumulative.length - 1];
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid] > target) hi = mid;
      else lo = mid + 1;
    }
    return list[lo];
  }
}

export function cumulativeWeights(weights: readonly number[]): Float64Array {
  const out = new Float64Array(weights.length);
  let sum = 0;
  weights.forEach((w, n) => (out[n] = sum += w));
  return out;
}

/** murmur3's finaliser: a bijection of 32-bit integers that spreads every input bit. */
function fmix32(value: number): number {
  let h = value >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

const HEX = Array.from({ length: 256 }, (_, n) => n.toString(16).padStart(2, '0'));
const hex32 = (n: number) => HEX[n >>> 24] + HEX[(n >>> 16) & 255] + HEX[(n >>> 8) & 255] + HEX[n & 255];

/** The kinds of generated rows; each has its own id space. */
export const ID_KIND = {
  provider: 1,
  administration: 2,
  unit: 3,
  assignment: 4,
  person: 5,
  engagement: 6,
  delegation: 7,
  order: 8,
  item: 9,
  holding: 10,
  batch: 11,
  mail: 12,
} as const;

/**
 * A version-4-shaped uuid for row `index` (below 2^24) of `kind` (below 64). Its first 32 bits are
 * a bijection of (kind, index), so two rows never share an id; the rest look as random as
 * gen_random_uuid's, so the indexes see what production sees.
 */
export function regionId(kind: number, index: number): string {
  const base = ((kind << 26) | (index << 2)) >>> 0;
  const a = fmix32(base);
  const b = fmix32(base ^ 0x5bd1e995 ^ 1);
  const c = fmix32(base ^ 0x27d4eb2f ^ 2);
  const d = fmix32(base ^ 0x165667b1 ^ 3);
  const h = hex32(a) + hex32(b) + hex32(c) + hex32(d);
  const variant = '89ab'[c >>> 30];
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}
