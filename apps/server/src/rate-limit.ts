/**
 * @module rate-limit
 * Token buckets kept in memory, per process. With several servers behind one address the
 * effective limit is that many times higher; that is accepted (the limits protect storage and CPU
 * from floods, not a quota), and it keeps the hot path free of database writes.
 */
import type { RateLimit } from './config.ts';

interface Bucket {
  tokens: number;
  updatedMs: number;
}

export class TokenBuckets {
  private readonly buckets = new Map<string, Bucket>();

  constructor(
    private readonly rate: RateLimit,
    private readonly now: () => number,
    /** Buckets kept before idle full ones are dropped (bounds memory under a flood of keys). */
    private readonly maxKeys = 100_000,
  ) {}

  /**
   * Takes `count` tokens for `key`. Resolves to 0 if granted, else the milliseconds until they
   * would be (nothing is taken then).
   */
  take(key: string, count = 1): number {
    const now = this.now();
    let bucket = this.buckets.get(key);
    if (!bucket) {
      if (this.buckets.size >= this.maxKeys) this.prune(now);
      bucket = { tokens: this.rate.burst, updatedMs: now };
      this.buckets.set(key, bucket);
    } else {
      const refill = ((now - bucket.updatedMs) / 1000) * this.rate.perSecond;
      bucket.tokens = Math.min(this.rate.burst, bucket.tokens + Math.max(0, refill));
      bucket.updatedMs = now;
    }
    if (bucket.tokens >= count) {
      bucket.tokens -= count;
      return 0;
    }
    return Math.ceil(((count - bucket.tokens) / this.rate.perSecond) * 1000);
  }

  private prune(now: number): void {
    for (const [key, bucket] of this.buckets) {
      const refill = ((now - bucket.updatedMs) / 1000) * this.rate.perSecond;
      if (bucket.tokens + refill >= this.rate.burst) this.buckets.delete(key);
    }
    // Still full of busy keys: forget the oldest half rather than grow without bound.
    if (this.buckets.size >= this.maxKeys) {
      let drop = this.buckets.size / 2;
      for (const key of this.buckets.keys()) {
        if (drop-- <= 0) break;
        this.buckets.delete(key);
      }
    }
  }
}
