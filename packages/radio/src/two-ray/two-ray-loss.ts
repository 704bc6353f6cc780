/**
 * @module Two-ray (direct + ground-reflected) propagation over a flat Earth.
 *
 * Two forms, which differ and are named accordingly:
 * - {@link twoRayLossDb} is the EXACT two-ray model: the phasor sum of the direct ray and the ray
 *   reflected by a smooth plane ground with the Fresnel coefficient of the given polarisation,
 *   E/E_fs = 1 + R·(r₁/r₂)·e^{−jk(r₂−r₁)}, loss = L_fs(r₁) − 20 log|E/E_fs|
 *   [Parsons 2000 §2.3.1; Rappaport 2002 §4.6].
 * - {@link planeEarthLossDb} is the ASYMPTOTIC plane-earth loss L = 40 log d − 20 log(h₁h₂) (d, h in
 *   metres), the limit of the exact form for R = −1 and d ≫ 4πh₁h₂/λ
 *   [Rappaport 2002 §4.6, eqs (4.52)–(4.53); Parsons 2000 §2.3.1]. It does not depend on
 *   frequency, and below the crossover distance it is meaningless (it would undercut free space).
 */
import { freeSpaceLossDb } from '../fspl/free-space-loss.ts';
import { wavelengthM } from '../core/units.ts';
import { assertPositive } from '../core/assert.ts';
import { cAbs, cAdd, cExpj, cMul, cScale, complex } from '../math/complex.ts';
import type { Complex } from '../math/complex.ts';
import { groundReflectionCoefficient } from './ground-reflection.ts';
import type { GroundElectrical, Polarization } from './ground-reflection.ts';

/** Inputs of the exact two-ray model. */
export interface TwoRayInput {
  /** Frequency, MHz. */
  readonly frequencyMhz: number;
  /** Horizontal distance between the antennas, metres. */
  readonly distanceM: number;
  /** Transmitter height above the reflecting plane, metres. */
  readonly txHeightM: number;
  /** Receiver height above the reflecting plane, metres. */
  readonly rxHeightM: number;
  /** Polarisation, for the Fresnel coefficient. Ignored if `reflectionCoefficient` is given. */
  readonly polarization?: Polarization;
  /** Ground electrical characteristics. Ignored if `reflectionCoefficient` is given. */
  readonly ground?: GroundElectrical;
  /** A fixed reflection coefficient (e.g. −1 for a perfect reflector at grazing incidence). */
  readonly reflectionCoefficient?: Complex;
}

/** Result of the exact two-ray model, with intermediate values. */
export interface TwoRayResult {
  /** Basic transmission loss, dB. */
  readonly lossDb: number;
  /** Free-space loss over the direct ray, dB. */
  readonly freeSpaceLossDb: number;
  /** Direct ray length r₁, metres. */
  readonly directPathM: number;
  /** Reflected ray length r₂, metres. */
  readonly reflectedPathM: number;
  /** Grazing angle ψ at the reflection point, radians. */
  readonly grazingAngleRad: number;
  /** Reflection coefficient used. */
  readonly reflectionCoefficient: Complex;
  /** |E/E_fs|, the field relative to free space (0..2). */
  readonly fieldRatio: number;
}

/**
 * Exact two-ray loss over a smooth flat ground [Parsons 2000 §2.3.1; Rappaport 2002 §4.6].
 * @throws {RangeError} on non-positive distance, heights or frequency, or when neither a ground nor
 *   a reflection coefficient is given
 */
export function twoRayLossDb(input: TwoRayInput): TwoRayResult {
  const { frequencyMhz, distanceM, txHeightM, rxHeightM } = input;
  assertPositive('distanceM', distanceM, 'm');
  assertPositive('txHeightM', txHeightM, 'm');
  assertPositive('rxHeightM', rxHeightM, 'm');
  const lambda = wavelengthM(frequencyMhz);
  const r1 = Math.hypot(distanceM, txHeightM - rxHeightM);
  const r2 = Math.hypot(distanceM, txHeightM + rxHeightM);
  const psi = Math.atan2(txHeightM + rxHeightM, distanceM);
  let gamma: Complex;
  if (input.reflectionCoefficient !== undefined) {
    gamma = input.reflectionCoefficient;
  } else {
    if (input.ground === undefined || input.polarization === undefined) {
      throw new RangeError(
        'twoRayLossDb needs either reflectionCoefficient or ground + polarization',
      );
    }
    gamma = groundReflectionCoefficient(psi, frequencyMhz, input.polarization, input.ground);
  }
  // Path difference computed as 2h₁h₂·2/(r₁+r₂) to avoid cancellation at long range.
  const delta = (4 * txHeightM * rxHeightM) / (r1 + r2);
  const k = (2 * Math.PI) / lambda;
  const reflected = cMul(cScale(gamma, r1 / r2), cExpj(-k * delta));
  const ratio = cAbs(cAdd(complex(1), reflected));
  const lfs = freeSpaceLossDb(frequencyMhz, r1 / 1000);
  return {
    lossDb: lfs - 20 * Math.log10(ratio),
    freeSpaceLossDb: lfs,
    directPathM: r1,
    reflectedPathM: r2,
    grazingAngleRad: psi,
    reflectionCoefficient: gamma,
    fieldRatio: ratio,
  };
}

/**
 * Asymptotic plane-earth loss L = 40 log d − 20 log(h₁h₂) [Rappaport 2002 eq. (4.53) with unity gains].
 * @param distanceM - distance d, metres
 * @param txHeightM - h₁, metres
 * @param rxHeightM - h₂, metres
 * @returns loss, dB (valid only beyond {@link planeEarthCrossoverM})
 */
export function planeEarthLossDb(distanceM: number, txHeightM: number, rxHeightM: number): number {
  assertPositive('distanceM', distanceM, 'm');
  assertPositive('txHeightM', txHeightM, 'm');
  assertPositive('rxHeightM', rxHeightM, 'm');
  return 40 * Math.log10(distanceM) - 20 * Math.log10(txHeightM * rxHeightM);
}

/**
 * Distance 4πh₁h₂/λ at which the asymptotic plane-earth loss equals free-space loss; beyond it the
 * 40 log d law applies [Parsons 2000 §2.3.1].
 */
export function planeEarthCrossoverM(
  frequencyMhz: number,
  txHeightM: number,
  rxHeightM: number,
): number {
  return (4 * Math.PI * txHeightM * rxHeightM) / wavelengthM(frequencyMhz);
}

/**
 * Distance 4h₁h₂/λ of the last two-ray maximum (path difference λ/2); beyond it there are no more
 * nulls ("breakpoint", Rappaport 2002 §4.6).
 */
export function twoRayBreakpointM(
  frequencyMhz: number,
  txHeightM: number,
  rxHeightM: number,
): number {
  return (4 * txHeightM * rxHeightM) / wavelengthM(frequencyMhz);
}
