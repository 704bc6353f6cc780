import { describe, expect, it } from 'vitest';
import { KNIFE_EDGE_NU_MIN, knifeEdgeLossDb, knifeEdgeLossExactDb } from './knife-edge.ts';
import { fresnelZoneRadiusM } from './fresnel-zone.ts';
import {
  nuFromAngle,
  nuFromAngles,
  nuFromHeight,
  nuFromHeightAndAngle,
} from './fresnel-parameter.ts';

/** J(ν) from C and S read from Abramowitz & Stegun Table 7.7 (independent of our integrals). */
function jFromTable(c: number, s: number): number {
  return -20 * Math.log10(Math.sqrt((1 - c - s) ** 2 + (c - s) ** 2) / 2);
}

describe('knife-edge loss J(ν) [ITU-R P.526-15 §4.1]', () => {
  it('exact J(0) = 20 log 2 = 6.02 dB (edge grazing the ray halves the field)', () => {
    expect(knifeEdgeLossExactDb(0)).toBeCloseTo(6.0206, 4);
  });

  it('eq. (31) gives ≈ 6.03 dB at ν = 0 and ≈ 0 at ν = −0.78', () => {
    expect(knifeEdgeLossDb(0)).toBeCloseTo(6.9 + 20 * Math.log10(Math.sqrt(1.01) - 0.1), 12);
    expect(knifeEdgeLossDb(0)).toBeCloseTo(6.03, 2);
    expect(knifeEdgeLossDb(-0.7799)).toBeLessThan(0.01);
    expect(knifeEdgeLossDb(KNIFE_EDGE_NU_MIN)).toBe(0);
    expect(knifeEdgeLossDb(-3)).toBe(0);
  });

  it('exact J matches values computed from A&S Table 7.7 Fresnel integrals', () => {
    expect(knifeEdgeLossExactDb(1)).toBeCloseTo(jFromTable(0.7798934, 0.4382591), 5);
    expect(knifeEdgeLossExactDb(2)).toBeCloseTo(jFromTable(0.4882534, 0.3434157), 5);
    expect(knifeEdgeLossExactDb(3)).toBeCloseTo(jFromTable(0.6057208, 0.496313), 5);
    expect(knifeEdgeLossExactDb(-1)).toBeCloseTo(jFromTable(-0.7798934, -0.4382591), 5);
    // Published figures: J(1) ≈ 13.9 dB, J(2) ≈ 19.0 dB; the lit side oscillates about 0 dB.
    expect(knifeEdgeLossExactDb(1)).toBeCloseTo(13.9, 0);
    expect(knifeEdgeLossExactDb(2)).toBeCloseTo(19.0, 0);
    expect(knifeEdgeLossExactDb(-1.2)).toBeLessThan(0);
  });

  it('eq. (31) stays within 0.6 dB of the exact loss for −0.7 ≤ ν ≤ 10', () => {
    for (let nu = -0.7; nu <= 10; nu += 0.05) {
      expect(Math.abs(knifeEdgeLossDb(nu) - knifeEdgeLossExactDb(nu))).toBeLessThan(0.6);
    }
  });

  it('approaches 13 + 20 log ν for large ν (geometrical theory)', () => {
    expect(knifeEdgeLossExactDb(20) - (12.953 + 20 * Math.log10(20))).toBeCloseTo(0, 1);
  });

  it('is monotonic in ν for eq. (31)', () => {
    let prev = -1;
    for (let nu = -0.78; nu < 20; nu += 0.01) {
      const j = knifeEdgeLossDb(nu);
      expect(j).toBeGreaterThanOrEqual(prev);
      prev = j;
    }
  });
});

describe('diffraction parameter ν [ITU-R P.526-15 eqs (26)–(29)]', () => {
  const f = 900;
  const h = 12;
  const d1 = 4000;
  const d2 = 9000;
  const a1 = h / d1;
  const a2 = h / d2;

  it('the four forms agree under the small-angle geometry', () => {
    const v26 = nuFromHeight(h, d1, d2, f);
    expect(nuFromAngle(a1 + a2, d1, d2, f)).toBeCloseTo(v26, 12);
    expect(nuFromHeightAndAngle(h, a1 + a2, f)).toBeCloseTo(v26, 12);
    expect(nuFromAngles(a1, a2, d1 + d2, f)).toBeCloseTo(v26, 12);
  });

  it('is reciprocal: swapping the terminals leaves ν unchanged', () => {
    expect(nuFromHeight(h, d2, d1, f)).toBe(nuFromHeight(h, d1, d2, f));
    expect(nuFromAngles(a2, a1, d1 + d2, f)).toBeCloseTo(nuFromAngles(a1, a2, d1 + d2, f), 14);
  });

  it('has the sign of h, and ν = −√2 at the first-Fresnel-zone boundary below the ray', () => {
    const r1 = fresnelZoneRadiusM(d1, d2, f);
    expect(nuFromHeight(-r1, d1, d2, f)).toBeCloseTo(-Math.SQRT2, 12);
    expect(nuFromHeight(-5, d1, d2, f)).toBeLessThan(0);
  });

  it('rejects mixed signs in eqs (28) and (29)', () => {
    expect(() => nuFromHeightAndAngle(5, -0.01, f)).toThrow(/same sign/);
    expect(() => nuFromAngles(0.01, -0.01, 1000, f)).toThrow(/same sign/);
  });
});

describe('Fresnel zone radius [ITU-R P.526-15 eqs (2)–(3)]', () => {
  it('agrees with the practical form 550√(d1d2/((d1+d2)f)) to the rounding of 550', () => {
    const exact = fresnelZoneRadiusM(5000, 5000, 900);
    const practical = 550 * Math.sqrt((5 * 5) / (10 * 900));
    expect(exact).toBeCloseTo(28.86, 2);
    expect(exact / practical).toBeCloseTo(547.5 / 550, 3);
  });

  it('is zero at the terminals and scales with √n', () => {
    expect(fresnelZoneRadiusM(0, 1000, 900)).toBe(0);
    expect(fresnelZoneRadiusM(300, 700, 900, 4)).toBeCloseTo(
      2 * fresnelZoneRadiusM(300, 700, 900),
      12,
    );
  });
});
