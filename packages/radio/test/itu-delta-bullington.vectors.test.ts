import { describe, expect, it } from 'vitest';
import { deltaBullingtonLoss } from '../src/diffraction/delta-bullington.ts';
import { sphericalEarthFirstTerm } from '../src/diffraction/spherical-earth.ts';
import {
  ITU_DB_PATH2,
  ITU_DB_PATH2_CASES,
  ITU_DB_PATH2_FIRST_TERM,
  ITU_DB_PATH4,
  ITU_DB_PATH4_CASES,
} from './vectors/itu-delta-bullington-paths.ts';
import type { DeltaBullingtonCase } from './vectors/itu-delta-bullington-paths.ts';

// The workbook's Notes sheet: a_e = 8 500 km, c = 3e8 (ours is exact), suggested tolerance 0.1 dB.
const EARTH = { effectiveEarthRadiusM: 8_500_000 };
const TOL_DB = 0.1;

function check(profile: typeof ITU_DB_PATH2, c: DeltaBullingtonCase): void {
  const r = deltaBullingtonLoss(profile, c.htsM, c.hrsM, c.fMhz, {
    ...EARTH,
    polarization: 'horizontal',
  });
  // Heights above the smooth surface do not depend on c, so they must match to the workbook's digits.
  expect(r.txEffectiveHeightM).toBeCloseTo(c.htsPrimeM, 5);
  expect(r.rxEffectiveHeightM).toBeCloseTo(c.hrsPrimeM, 5);
  expect(Math.abs(r.actual.lossDb - c.lba)).toBeLessThan(TOL_DB);
  expect(Math.abs(r.smooth.lossDb - c.lbs)).toBeLessThan(TOL_DB);
  expect(Math.abs(r.spherical.lossDb - c.lsph)).toBeLessThan(TOL_DB);
  expect(Math.abs(r.lossDb - c.ld)).toBeLessThan(TOL_DB);
}

describe('delta-Bullington against the ITU-R SG3 validation workbook [P.526-15 §4.5.2]', () => {
  it('transcribed profiles have the workbook lengths', () => {
    expect(ITU_DB_PATH2.distancesM.length).toBe(2648);
    expect(ITU_DB_PATH4.distancesM.length).toBe(812);
  });

  it.each(ITU_DB_PATH2_CASES.map((c, i) => [i + 1, c] as const))('Path 2, case %i', (_i, c) => {
    check(ITU_DB_PATH2, c);
  });

  it.each(ITU_DB_PATH4_CASES.map((c, i) => [i + 1, c] as const))('Path 4, case %i', (_i, c) => {
    check(ITU_DB_PATH4, c);
  });

  it.each(ITU_DB_PATH2_FIRST_TERM.map((t, i) => [i + 1, t, ITU_DB_PATH2_CASES[i]] as const))(
    'Path 2, case %i: first-term F(X), G(Y1), G(Y2) [P.526-15 §3.1.1.2]',
    (_i, t, c) => {
      const ft = sphericalEarthFirstTerm(
        132_315.397,
        c.htsPrimeM,
        c.hrsPrimeM,
        c.fMhz,
        EARTH.effectiveEarthRadiusM,
        { polarization: 'horizontal' },
      );
      // The workbook's normalised X and Y are ~1e-4 (relative) smaller than ours, i.e. < 0.015 dB.
      expect(Math.abs(ft.fX - t.fX)).toBeLessThan(0.02);
      expect(Math.abs(ft.gY1 - t.gY1)).toBeLessThan(0.02);
      expect(Math.abs(ft.gY2 - t.gY2)).toBeLessThan(0.02);
    },
  );
});
