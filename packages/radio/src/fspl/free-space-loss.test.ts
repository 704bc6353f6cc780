import { describe, expect, it } from 'vitest';
import { FREE_SPACE_CONSTANT_DB, freeSpaceLossDb } from './free-space-loss.ts';

describe('freeSpaceLossDb [ITU-R P.525-4 eq. (4)]', () => {
  it('has the constant that P.525 rounds to 32.4 dB', () => {
    expect(FREE_SPACE_CONSTANT_DB).toBeCloseTo(32.4478, 4);
  });

  it('matches 20 log(4πd/λ) at 1 GHz and 1 km (92.45 dB)', () => {
    // λ = 0.299792458 m; 4π·1000/λ = 41 916.9 → 92.448 dB.
    expect(freeSpaceLossDb(1000, 1)).toBeCloseTo(92.448, 3);
  });

  it('gives the textbook 91.53 dB at 900 MHz, 1 km and 80.05 dB at 2.4 GHz, 100 m', () => {
    expect(freeSpaceLossDb(900, 1)).toBeCloseTo(91.53, 2);
    expect(freeSpaceLossDb(2400, 0.1)).toBeCloseTo(80.05, 2);
  });

  it('rises by 6.02 dB per doubling of distance or frequency', () => {
    expect(freeSpaceLossDb(900, 20) - freeSpaceLossDb(900, 10)).toBeCloseTo(6.0206, 4);
    expect(freeSpaceLossDb(1800, 10) - freeSpaceLossDb(900, 10)).toBeCloseTo(6.0206, 4);
  });

  it('is monotonic in distance', () => {
    let previous = -Infinity;
    for (let d = 0.01; d < 300; d *= 1.37) {
      const loss = freeSpaceLossDb(1800, d);
      expect(loss).toBeGreaterThan(previous);
      previous = loss;
    }
  });

  it('rejects non-positive inputs, naming the parameter', () => {
    expect(() => freeSpaceLossDb(900, 0)).toThrow(/distanceKm = 0/);
    expect(() => freeSpaceLossDb(-1, 1)).toThrow(/frequencyMhz = -1/);
    expect(() => freeSpaceLossDb(Number.NaN, 1)).toThrow(RangeError);
  });
});
