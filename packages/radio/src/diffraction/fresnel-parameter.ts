/**
 * @module The dimensionless diffraction parameter ν of a single knife edge.
 *
 * Reference: ITU-R P.526-15 §4.1, eqs (26)–(29). h is the height of the edge above the straight line
 * joining the terminals (negative below it), d₁ and d₂ the distances from the terminals to the edge,
 * θ the angle of diffraction (= α₁ + α₂, same sign as h), α₁ and α₂ the angles between the top of
 * the edge and one terminal seen from the other terminal. All four forms are equal under the
 * small-angle geometry of the Recommendation; ν has the sign of h and θ.
 */
import { wavelengthM } from '../core/units.ts';
import { assertFinite, assertPositive } from '../core/assert.ts';

/** ν = h √((2/λ)(1/d₁ + 1/d₂)) [ITU-R P.526-15 eq. (26)]; h, d₁, d₂ in metres. */
export function nuFromHeight(hM: number, d1M: number, d2M: number, frequencyMhz: number): number {
  assertFinite('hM', hM);
  assertPositive('d1M', d1M, 'm');
  assertPositive('d2M', d2M, 'm');
  return hM * Math.sqrt((2 / wavelengthM(frequencyMhz)) * (1 / d1M + 1 / d2M));
}

/** ν = θ √(2 / (λ(1/d₁ + 1/d₂))) [ITU-R P.526-15 eq. (27)]; θ in radians, d in metres. */
export function nuFromAngle(
  thetaRad: number,
  d1M: number,
  d2M: number,
  frequencyMhz: number,
): number {
  assertFinite('thetaRad', thetaRad);
  assertPositive('d1M', d1M, 'm');
  assertPositive('d2M', d2M, 'm');
  return thetaRad * Math.sqrt(2 / (wavelengthM(frequencyMhz) * (1 / d1M + 1 / d2M)));
}

/** ν = √(2hθ/λ), with the sign of h and θ [ITU-R P.526-15 eq. (28)]. */
export function nuFromHeightAndAngle(hM: number, thetaRad: number, frequencyMhz: number): number {
  assertFinite('hM', hM);
  assertFinite('thetaRad', thetaRad);
  if (Math.sign(hM) * Math.sign(thetaRad) < 0) {
    throw new RangeError(
      `hM = ${hM} and thetaRad = ${thetaRad} must have the same sign (P.526-15 eq. 28)`,
    );
  }
  return Math.sign(hM) * Math.sqrt((2 * Math.abs(hM * thetaRad)) / wavelengthM(frequencyMhz));
}

/** ν = √(2dα₁α₂/λ), with the sign of α₁ and α₂ [ITU-R P.526-15 eq. (29)]; d = d₁ + d₂ in metres. */
export function nuFromAngles(
  alpha1Rad: number,
  alpha2Rad: number,
  distanceM: number,
  frequencyMhz: number,
): number {
  assertFinite('alpha1Rad', alpha1Rad);
  assertFinite('alpha2Rad', alpha2Rad);
  assertPositive('distanceM', distanceM, 'm');
  if (Math.sign(alpha1Rad) * Math.sign(alpha2Rad) < 0) {
    throw new RangeError(
      `alpha1Rad = ${alpha1Rad} and alpha2Rad = ${alpha2Rad} must have the same sign (P.526-15 eq. 29)`,
    );
  }
  return (
    Math.sign(alpha1Rad) *
    Math.sqrt((2 * distanceM * Math.abs(alpha1Rad * alpha2Rad)) / wavelengthM(frequencyMhz))
  );
}
