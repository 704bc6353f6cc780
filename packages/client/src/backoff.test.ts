import { describe, expect, it } from 'vitest';
import { backoffDelayMs, defaultBackoff } from './backoff.ts';
import type { Env } from './env.ts';

/** An environment whose randomness is a fixed byte, so the jitter is known. */
function envWith(byte: number): Env {
  return {
    now: () => 0,
    randomBytes: (n) => new Uint8Array(n).fill(byte),
    sleep: () => Promise.resolve(),
  };
}

describe('backoffDelayMs', () => {
  it('doubles the window each attempt up to the cap', () => {
    const top = envWith(0xff); // jitter ≈ 1: the delay is just under the window
    const windows = [0, 1, 2, 3, 20].map((a) => backoffDelayMs(a, top));
    expect(windows[0]).toBeLessThan(2_000);
    expect(windows[0]).toBeGreaterThanOrEqual(1_999);
    expect(windows[1]).toBeGreaterThanOrEqual(3_999);
    expect(windows[3]).toBeGreaterThanOrEqual(15_999);
    expect(windows[4]).toBeLessThanOrEqual(defaultBackoff.capMs);
    expect(windows[4]).toBeGreaterThanOrEqual(defaultBackoff.capMs - 1);
  });

  it('jitters down to zero', () => {
    expect(backoffDelayMs(5, envWith(0))).toBe(0);
  });

  it('names a bad attempt count', () => {
    expect(() => backoffDelayMs(-1, envWith(0))).toThrow('backoff attempt -1 is not a count');
  });
});
