// src/gen/tpch/rng.ts
//! A small, fast, seedable PRNG (mulberry32 steps over a 32-bit state). Every generated row
//! re-seeds from (seed, stream, row index), so any row range can be generated independently
//! and the output does not depend on how the work is split across workers.

/** Mixes two 32-bit values into one (a murmur3-style finalizer over their combination). */
export function mix32(a: number, b: number): number {
  let h = (a ^ Math.imul(b, 0x9e3779b1)) >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

export class Rng {
  private state = 0;
  private readonly base: number;

  /** `stream` separates the tables (and other uses) so they draw unrelated sequences. */
  constructor(seed: number, stream: number) {
    this.base = mix32(mix32(seed >>> 0, 0x5bd1e995), stream);
  }

  /** Positions the generator at the start of row `row`'s sequence. */
  row(row: number): this {
    const lo = row >>> 0;
    const hi = Math.floor(row / 4294967296) >>> 0;
    this.state = mix32(mix32(this.base, lo), hi);
    return this;
  }

  /** The next 32-bit unsigned value. */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) | 0;
    let r = Math.imul(this.state ^ (this.state >>> 15), 1 | this.state);
    r = (r + Math.imul(r ^ (r >>> 7), 61 | r)) ^ r;
    return (r ^ (r >>> 14)) >>> 0;
  }

  /** A uniform integer in [lo, hi], both ends included. */
  int(lo: number, hi: number): number {
    return lo + Math.floor((this.next() / 4294967296) * (hi - lo + 1));
  }

  /** A uniformly chosen element. */
  pick<T>(items: readonly T[]): T {
    return items[Math.floor((this.next() / 4294967296) * items.length)] as T;
  }
}
