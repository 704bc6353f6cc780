import { describe, expect, it } from 'vitest';
import { fresnelIntegrals } from './fresnel-integrals.ts';

// Abramowitz & Stegun (1964) Table 7.7, C(x) and S(x) to 7 decimals.
const TABLE_7_7: ReadonlyArray<[number, number, number]> = [
  [0.5, 0.4923442, 0.0647324],
  [1.0, 0.7798934, 0.4382591],
  [1.5, 0.4452612, 0.697505],
  [2.0, 0.4882534, 0.3434157],
  [2.5, 0.457413, 0.6191818],
  [3.0, 0.6057208, 0.496313],
  [4.0, 0.498426, 0.4205158],
  [5.0, 0.5636312, 0.4991914],
];

/** Independent check: composite Simpson rule with many panels. */
function simpson(x: number, fn: (t: number) => number): number {
  const n = 20_000;
  const h = x / n;
  let sum = fn(0) + fn(x);
  for (let i = 1; i < n; i += 1) sum += (i % 2 === 1 ? 4 : 2) * fn(i * h);
  return (sum * h) / 3;
}

describe('fresnelIntegrals [A&S 7.3; ITU-R P.526-15 §2.7]', () => {
  it.each(TABLE_7_7)('matches A&S Table 7.7 at x = %f', (x, c, s) => {
    const r = fresnelIntegrals(x);
    expect(r.c).toBeCloseTo(c, 7);
    expect(r.s).toBeCloseTo(s, 7);
  });

  it('is odd', () => {
    const r = fresnelIntegrals(-1.7);
    const p = fresnelIntegrals(1.7);
    expect(r.c).toBe(-p.c);
    expect(r.s).toBe(-p.s);
  });

  it('tends to 1/2 at infinity', () => {
    const r = fresnelIntegrals(1e4);
    expect(r.c).toBeCloseTo(0.5, 4);
    expect(r.s).toBeCloseTo(0.5, 4);
  });

  it('agrees with direct numerical quadrature on both sides of the series/continued-fraction switch', () => {
    for (const x of [0.1, 0.9, 1.49, 1.51, 2.2, 3.7, 6.3]) {
      const r = fresnelIntegrals(x);
      expect(r.c).toBeCloseTo(
        simpson(x, (t) => Math.cos((Math.PI * t * t) / 2)),
        10,
      );
      expect(r.s).toBeCloseTo(
        simpson(x, (t) => Math.sin((Math.PI * t * t) / 2)),
        10,
      );
    }
  });

  it('is zero at zero', () => {
    expect(fresnelIntegrals(0)).toEqual({ c: 0, s: 0 });
  });
});
