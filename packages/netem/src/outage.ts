/**
 * @module netem/outage
 * When the link is down: a periodic or random (Poisson) sequence of outages on the link's own
 * time axis (ms since the link started). Outages never overlap; a random schedule is drawn lazily
 * from its own seeded generator, so it does not depend on how many segments were lost before.
 */
import { exponentialMs, type Random } from './random.ts';
import type { OutagePattern } from './profile.ts';

export interface Outage {
  /** ms since the link started, inclusive. */
  startMs: number;
  /** ms since the link started, exclusive. */
  endMs: number;
}

export class OutageSchedule {
  /** Random outages drawn so far, in order. */
  private readonly drawn: Outage[] = [];

  constructor(
    private readonly pattern: OutagePattern,
    private readonly random: Random,
  ) {}

  /** The outage containing `t`, if the link is down at `t`. */
  at(t: number): Outage | undefined {
    const o = this.next(t, true);
    return o && o.startMs <= t ? o : undefined;
  }

  /** The time the link is up at or after `t` (t itself when it is up). */
  upAt(t: number): number {
    return this.at(t)?.endMs ?? t;
  }

  /**
   * The first outage that starts at or after `t` (with `orContaining`, also one already under way
   * at `t`); undefined when there is none.
   */
  next(t: number, orContaining = false): Outage | undefined {
    const p = this.pattern;
    if (p.kind === 'none' || p.durationMs <= 0) return undefined;
    if (p.kind === 'periodic') {
      const k = Math.max(0, Math.floor((t - p.firstAtMs) / p.everyMs));
      for (const i of [k, k + 1]) {
        const startMs = p.firstAtMs + i * p.everyMs;
        const o = { startMs, endMs: startMs + p.durationMs };
        if (startMs >= t || (orContaining && o.endMs > t)) return o;
      }
      return undefined;
    }
    while (this.drawn.length === 0 || this.drawn[this.drawn.length - 1]!.startMs < t) {
      const last = this.drawn[this.drawn.length - 1]?.endMs ?? 0;
      const startMs = last + exponentialMs(this.random, 1 / p.meanGapMs);
      this.drawn.push({ startMs, endMs: startMs + p.durationMs });
    }
    // The first drawn outage that ends after t (binary search: outages are sorted, disjoint).
    let lo = 0;
    let hi = this.drawn.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.drawn[mid]!.endMs > t) hi = mid;
      else lo = mid + 1;
    }
    for (let i = lo; i < this.drawn.length; i++) {
      const o = this.drawn[i]!;
      if (o.startMs >= t || (orContaining && o.endMs > t)) return o;
    }
    return undefined;
  }
}
