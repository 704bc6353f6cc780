import { describe, expect, it } from 'vitest';
import { terrestrialClutterLoss } from './p2108-terrestrial.ts';

// ITU-R SG3 "Clutter and BEL" validation workbook, §3.2 table for d = 0.65 km (rounded to 0.1 dB),
// as used by the ITU-R reference implementation's validate_p2108.m.
const TABLE: ReadonlyArray<[number, [number, number, number, number]]> = [
  [2, [19.2, 27.1, 34.6, 40.4]],
  [3, [20.0, 28.3, 36.3, 42.1]],
  [4, [20.5, 29.1, 37.5, 43.3]],
  [5, [20.8, 29.6, 38.3, 44.2]],
  [10, [21.7, 30.6, 39.5, 45.3]],
];
const P = [5, 50, 95, 99.9];

describe('terrestrial clutter loss [ITU-R P.2108-1 §3.2]', () => {
  it.each(TABLE)('matches the validation table at %d GHz, 0.65 km', (fGhz, expected) => {
    P.forEach((p, i) => {
      const r = terrestrialClutterLoss(fGhz * 1000, 0.65, p);
      expect(Math.abs(r.lossDb - expected[i])).toBeLessThanOrEqual(0.05 + 1e-9);
    });
  });

  it('rises with the percentage of locations', () => {
    let prev = -Infinity;
    for (let p = 1; p < 100; p += 7) {
      const l = terrestrialClutterLoss(1800, 5, p).lossDb;
      expect(l).toBeGreaterThan(prev);
      prev = l;
    }
  });

  it('stops growing beyond 2 km', () => {
    expect(terrestrialClutterLoss(2000, 30, 50).lossDb).toBeCloseTo(
      terrestrialClutterLoss(2000, 2, 50).lossDb,
      12,
    );
    expect(terrestrialClutterLoss(2000, 1, 50).lossDb).toBeLessThan(
      terrestrialClutterLoss(2000, 2, 50).lossDb,
    );
  });

  it('warns outside the frequency range and for short paths', () => {
    expect(terrestrialClutterLoss(450, 5, 50).warnings).toEqual([
      "f = 450 MHz is outside P.2108's 500–67000 MHz",
    ]);
    expect(terrestrialClutterLoss(900, 0.5, 50).warnings[0]).toMatch(/one end only/);
    expect(() => terrestrialClutterLoss(900, 5, 100)).toThrow(/locationPercent = 100/);
  });
});
