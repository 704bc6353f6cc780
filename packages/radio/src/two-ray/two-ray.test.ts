import { describe, expect, it } from 'vitest';
import { cAbs, complex } from '../math/complex.ts';
import { freeSpaceLossDb } from '../fspl/free-space-loss.ts';
import { AVERAGE_GROUND, groundReflectionCoefficient } from './ground-reflection.ts';
import {
  planeEarthCrossoverM,
  planeEarthLossDb,
  twoRayBreakpointM,
  twoRayLossDb,
} from './two-ray-loss.ts';

const DEG = Math.PI / 180;

describe('groundReflectionCoefficient [Parsons §2.3; Rappaport §4.5.1]', () => {
  it('vanishes for vertical polarisation at the Brewster angle, 26.57° for ε_r = 4 (Rappaport Example 4.4)', () => {
    const ground = { relativePermittivity: 4, conductivitySPerM: 0 };
    expect(cAbs(groundReflectionCoefficient(26.565 * DEG, 900, 'vertical', ground))).toBeLessThan(
      1e-4,
    );
    expect(cAbs(groundReflectionCoefficient(20 * DEG, 900, 'vertical', ground))).toBeGreaterThan(
      0.05,
    );
    // Horizontal polarisation has no Brewster angle.
    expect(
      cAbs(groundReflectionCoefficient(26.565 * DEG, 900, 'horizontal', ground)),
    ).toBeGreaterThan(0.3);
  });

  it('gives ±(√ε−1)/(√ε+1) at normal incidence (ε_r = 16 → 0.6)', () => {
    const ground = { relativePermittivity: 16, conductivitySPerM: 0 };
    const h = groundReflectionCoefficient(90 * DEG, 900, 'horizontal', ground);
    const v = groundReflectionCoefficient(90 * DEG, 900, 'vertical', ground);
    expect(h.re).toBeCloseTo(-0.6, 12);
    expect(v.re).toBeCloseTo(0.6, 12);
  });

  it('tends to −1 at grazing incidence for both polarisations', () => {
    for (const pol of ['horizontal', 'vertical'] as const) {
      const r = groundReflectionCoefficient(0, 900, pol, AVERAGE_GROUND);
      expect(r.re).toBeCloseTo(-1, 12);
      expect(r.im).toBeCloseTo(0, 12);
    }
  });

  it('has |R| ≤ 1 for lossy ground over all angles', () => {
    for (let a = 0; a <= 90; a += 0.5) {
      for (const pol of ['horizontal', 'vertical'] as const) {
        expect(
          cAbs(groundReflectionCoefficient(a * DEG, 1800, pol, AVERAGE_GROUND)),
        ).toBeLessThanOrEqual(1 + 1e-12);
      }
    }
  });
});

describe('two-ray loss: exact vs asymptotic plane-earth', () => {
  const f = 900;
  const h1 = 30;
  const h2 = 1.5;

  it('the asymptotic form is 40 log d − 20 log h₁h₂ (10 km, 30 m, 1.5 m → 126.94 dB)', () => {
    expect(planeEarthLossDb(10_000, h1, h2)).toBeCloseTo(160 - 20 * Math.log10(45), 10);
    expect(planeEarthLossDb(10_000, h1, h2)).toBeCloseTo(126.9357, 4);
  });

  it('the asymptotic form equals free space at the crossover distance 4πh₁h₂/λ', () => {
    const dc = planeEarthCrossoverM(f, h1, h2);
    expect(planeEarthLossDb(dc, h1, h2)).toBeCloseTo(freeSpaceLossDb(f, dc / 1000), 9);
  });

  it('the exact form with R = −1 converges to the asymptote far beyond the crossover', () => {
    const d = 50 * planeEarthCrossoverM(f, h1, h2);
    const exact = twoRayLossDb({
      frequencyMhz: f,
      distanceM: d,
      txHeightM: h1,
      rxHeightM: h2,
      reflectionCoefficient: complex(-1),
    });
    expect(exact.lossDb - planeEarthLossDb(d, h1, h2)).toBeCloseTo(0, 1);
  });

  it('the exact form over real ground (horizontal) tends to the asymptote at long range', () => {
    const d = 40_000;
    const exact = twoRayLossDb({
      frequencyMhz: f,
      distanceM: d,
      txHeightM: h1,
      rxHeightM: h2,
      polarization: 'horizontal',
      ground: AVERAGE_GROUND,
    });
    expect(Math.abs(exact.lossDb - planeEarthLossDb(d, h1, h2))).toBeLessThan(0.5);
  });

  it('the exact form never beats free space by more than 6.02 dB and oscillates inside the breakpoint', () => {
    const db = twoRayBreakpointM(f, h1, h2);
    let above = 0;
    let below = 0;
    for (let d = 20; d < db; d *= 1.01) {
      const r = twoRayLossDb({
        frequencyMhz: f,
        distanceM: d,
        txHeightM: h1,
        rxHeightM: h2,
        polarization: 'vertical',
        ground: AVERAGE_GROUND,
      });
      expect(r.lossDb).toBeGreaterThanOrEqual(r.freeSpaceLossDb - 20 * Math.log10(2) - 1e-9);
      if (r.lossDb > r.freeSpaceLossDb) above += 1;
      else below += 1;
    }
    expect(above).toBeGreaterThan(10);
    expect(below).toBeGreaterThan(10);
  });

  it('is monotonic in distance beyond the breakpoint', () => {
    const db = twoRayBreakpointM(f, h1, h2);
    let previous = -Infinity;
    for (let d = 1.5 * db; d < 100_000; d *= 1.1) {
      const r = twoRayLossDb({
        frequencyMhz: f,
        distanceM: d,
        txHeightM: h1,
        rxHeightM: h2,
        polarization: 'horizontal',
        ground: AVERAGE_GROUND,
      });
      expect(r.lossDb).toBeGreaterThan(previous);
      previous = r.lossDb;
    }
  });

  it('needs a ground or a coefficient', () => {
    expect(() =>
      twoRayLossDb({ frequencyMhz: f, distanceM: 1000, txHeightM: h1, rxHeightM: h2 }),
    ).toThrow(/reflectionCoefficient/);
    expect(() =>
      twoRayLossDb({
        frequencyMhz: f,
        distanceM: 1000,
        txHeightM: 0,
        rxHeightM: h2,
        reflectionCoefficient: complex(-1),
      }),
    ).toThrow(/txHeightM = 0/);
  });
});
