/**
 * @module Diffraction over a smooth spherical Earth.
 *
 * References:
 * - First-term residue formula: ITU-R P.526-15 §3.1.1.1 (normalised surface admittance K and the
 *   parameter β) and §3.1.1.2 (normalised distance X, heights Y, F(X), G(Y)), f in MHz, a_e in km. The
 *   same equations in GHz units are ITU-R P.1812-6 §4.3.3, eqs (29)–(36).
 * - Any distance at 10 MHz and above: ITU-R P.526-15 §3.2 (marginal LoS distance, smallest
 *   clearance, required clearance 0.552√(d₁d₂λ/d), modified radius a_em and interpolation); the same
 *   steps are ITU-R P.1812-4 §4.3.2, eqs (22)–(27).
 */
import { wavelengthM } from '../core/units.ts';
import { assertInRange, assertPositive } from '../core/assert.ts';
import type { GroundElectrical, Polarization } from '../two-ray/ground-reflection.ts';

/** Land as used by the ITU-R P.452/P.1812 diffraction models: ε_r = 22, σ = 0.003 S/m. */
export const LAND_P452: GroundElectrical = { relativePermittivity: 22, conductivitySPerM: 0.003 };
/** Sea as used by the ITU-R P.452/P.1812 diffraction models: ε_r = 80, σ = 5 S/m. */
export const SEA_P452: GroundElectrical = { relativePermittivity: 80, conductivitySPerM: 5 };

/** Surface options of the spherical-Earth methods. */
export interface SphericalEarthOptions {
  /** Polarisation (default 'vertical'). */
  readonly polarization?: Polarization;
  /** Ground electrical characteristics (default {@link LAND_P452}). */
  readonly ground?: GroundElectrical;
}

/** First-term spherical-Earth diffraction with its intermediate values. */
export interface FirstTermResult {
  /** Diffraction loss −(F(X) + G(Y₁) + G(Y₂)), dB. */
  readonly lossDb: number;
  readonly fX: number;
  readonly gY1: number;
  readonly gY2: number;
  readonly k: number;
  readonly beta: number;
  readonly x: number;
  readonly y1: number;
  readonly y2: number;
}

/**
 * First-term spherical-Earth diffraction loss [ITU-R P.526-15 §3.1.1.1–3.1.1.2].
 * @param distanceM - path length, metres
 * @param h1M - height of one antenna above the smooth Earth, metres (≥ 0)
 * @param h2M - height of the other antenna above the smooth Earth, metres (≥ 0)
 * @param frequencyMhz - frequency, MHz
 * @param effectiveRadiusM - effective Earth radius, metres
 */
export function sphericalEarthFirstTerm(
  distanceM: number,
  h1M: number,
  h2M: number,
  frequencyMhz: number,
  effectiveRadiusM: number,
  options: SphericalEarthOptions = {},
): FirstTermResult {
  assertPositive('distanceM', distanceM, 'm');
  assertInRange('h1M', h1M, 0, 1e6, 'm');
  assertInRange('h2M', h2M, 0, 1e6, 'm');
  assertPositive('frequencyMhz', frequencyMhz, 'MHz');
  assertPositive('effectiveRadiusM', effectiveRadiusM, 'm');
  const pol = options.polarization ?? 'vertical';
  const { relativePermittivity: eps, conductivitySPerM: sigma } = options.ground ?? LAND_P452;
  const f = frequencyMhz;
  const ae = effectiveRadiusM / 1000;
  const dKm = distanceM / 1000;
  const s = (18000 * sigma) / f;
  // Normalised surface admittance K and β [§3.1.1.1].
  const kH = 0.36 * (ae * f) ** (-1 / 3) * ((eps - 1) ** 2 + s * s) ** -0.25;
  const k = pol === 'horizontal' ? kH : kH * Math.sqrt(eps * eps + s * s);
  const k2 = k * k;
  const k4 = k2 * k2;
  const beta = (1 + 1.6 * k2 + 0.67 * k4) / (1 + 4.5 * k2 + 1.53 * k4);
  // Normalised distance and heights [§3.1.1.2].
  const x = 2.188 * beta * f ** (1 / 3) * ae ** (-2 / 3) * dKm;
  const yFactor = 9.575e-3 * beta * f ** (2 / 3) * ae ** (-1 / 3);
  const y1 = yFactor * h1M;
  const y2 = yFactor * h2M;
  const fX =
    x >= 1.6 ? 11 + 10 * Math.log10(x) - 17.6 * x : -20 * Math.log10(x) - 5.6488 * x ** 1.425;
  const gFloor = 2 + 20 * Math.log10(k);
  const g = (y: number): number => {
    const b = beta * y;
    const v =
      b > 2
        ? 17.6 * Math.sqrt(b - 1.1) - 5 * Math.log10(b - 1.1) - 8
        : 20 * Math.log10(b + 0.1 * b ** 3);
    return Math.max(v, gFloor);
  };
  const gY1 = g(y1);
  const gY2 = g(y2);
  return { lossDb: -(fX + gY1 + gY2), fX, gY1, gY2, k, beta, x, y1, y2 };
}

/** Spherical-Earth diffraction loss for any distance, with the regime it used. */
export interface SphericalEarthResult {
  /** Diffraction loss, dB (≥ 0). */
  readonly lossDb: number;
  /** 'transhorizon' (d ≥ d_los), 'clear' (h > h_req, no loss) or 'interpolated'. */
  readonly regime: 'transhorizon' | 'clear' | 'interpolated';
  /** Marginal line-of-sight distance d_los, metres. */
  readonly marginalLosDistanceM: number;
  /** Smallest clearance h between the curved Earth and the ray, metres (NaN if transhorizon). */
  readonly clearanceM: number;
  /** Clearance required for zero loss h_req, metres (NaN if transhorizon). */
  readonly requiredClearanceM: number;
}

/**
 * Spherical-Earth diffraction loss for any distance [ITU-R P.526-15 §3.2].
 * @param distanceM - path length, metres
 * @param h1M - transmitter height above the smooth Earth, metres (≥ 0)
 * @param h2M - receiver height above the smooth Earth, metres (≥ 0)
 * @param frequencyMhz - frequency, MHz
 * @param effectiveRadiusM - effective Earth radius, metres
 */
export function sphericalEarthDiffraction(
  distanceM: number,
  h1M: number,
  h2M: number,
  frequencyMhz: number,
  effectiveRadiusM: number,
  options: SphericalEarthOptions = {},
): SphericalEarthResult {
  assertPositive('distanceM', distanceM, 'm');
  assertInRange('h1M', h1M, 0, 1e6, 'm');
  assertInRange('h2M', h2M, 0, 1e6, 'm');
  const ae = effectiveRadiusM;
  const d = distanceM;
  const dLos = Math.sqrt(2 * ae) * (Math.sqrt(h1M) + Math.sqrt(h2M));
  if (d >= dLos) {
    const ft = sphericalEarthFirstTerm(d, h1M, h2M, frequencyMhz, ae, options);
    return {
      lossDb: ft.lossDb,
      regime: 'transhorizon',
      marginalLosDistanceM: dLos,
      clearanceM: Number.NaN,
      requiredClearanceM: Number.NaN,
    };
  }
  // Smallest clearance between the curved-Earth path and the ray.
  const c = (h1M - h2M) / (h1M + h2M);
  const m = (d * d) / (4 * ae * (h1M + h2M));
  const b =
    2 *
    Math.sqrt((m + 1) / (3 * m)) *
    Math.cos(Math.PI / 3 + Math.acos(((3 * c) / 2) * Math.sqrt((3 * m) / (m + 1) ** 3)) / 3);
  const d1 = (d / 2) * (1 + b);
  const d2 = d - d1;
  const hClear = ((h1M - (d1 * d1) / (2 * ae)) * d2 + (h2M - (d2 * d2) / (2 * ae)) * d1) / d;
  const hReq = 0.552 * Math.sqrt((d1 * d2 * wavelengthM(frequencyMhz)) / d);
  if (hClear > hReq) {
    return {
      lossDb: 0,
      regime: 'clear',
      marginalLosDistanceM: dLos,
      clearanceM: hClear,
      requiredClearanceM: hReq,
    };
  }
  // Modified effective radius giving marginal LoS at distance d.
  const aem = 0.5 * (d / (Math.sqrt(h1M) + Math.sqrt(h2M))) ** 2;
  const ah = sphericalEarthFirstTerm(d, h1M, h2M, frequencyMhz, aem, options).lossDb;
  const lossDb = ah < 0 ? 0 : (1 - hClear / hReq) * ah;
  return {
    lossDb,
    regime: 'interpolated',
    marginalLosDistanceM: dLos,
    clearanceM: hClear,
    requiredClearanceM: hReq,
  };
}
