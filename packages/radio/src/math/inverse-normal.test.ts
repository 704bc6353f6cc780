import { describe, expect, it } from 'vitest';
import { erfc, inverseComplementaryNormal, inverseNormalCdf } from './inverse-normal.ts';

describe('inverse normal [ITU-R P.1057-7 §3]', () => {
  it('gives the published quantiles of N(0,1)', () => {
    expect(inverseNormalCdf(0.5)).toBeCloseTo(0, 14);
    expect(inverseNormalCdf(0.975)).toBeCloseTo(1.959963984540054, 12);
    expect(inverseNormalCdf(0.95)).toBeCloseTo(1.644853626951473, 12);
    expect(inverseNormalCdf(0.999)).toBeCloseTo(3.090232306167814, 11);
    expect(inverseNormalCdf(0.01)).toBeCloseTo(-2.326347874040841, 12);
    expect(inverseNormalCdf(1e-6)).toBeCloseTo(-4.753424308822899, 9);
  });

  it('Q⁻¹ is the upper-tail quantile: Q⁻¹(0.05) = 1.6449', () => {
    expect(inverseComplementaryNormal(0.05)).toBeCloseTo(1.644853626951473, 12);
    expect(inverseComplementaryNormal(0.95)).toBeCloseTo(-1.644853626951473, 12);
  });

  it('erfc matches published values', () => {
    expect(erfc(0)).toBe(1);
    expect(erfc(0.3)).toBeCloseTo(0.671373240540873, 14);
    expect(erfc(1)).toBeCloseTo(0.157299207050285, 14);
    expect(erfc(2.5)).toBeCloseTo(4.06952017444959e-4, 16);
    expect(erfc(5)).toBeCloseTo(1.537459794428035e-12, 22);
    expect(erfc(-1)).toBeCloseTo(1.842700792949715, 14);
  });

  it('rejects probabilities outside (0, 1)', () => {
    expect(() => inverseNormalCdf(0)).toThrow(/p = 0/);
    expect(() => inverseNormalCdf(1)).toThrow(RangeError);
  });
});
