/**
 * @module Diffraction loss J(ν) of a single knife edge.
 *
 * References: ITU-R P.526-15 §4.1: the loss in terms of the Fresnel integrals of §2.7,
 * J(ν) = −20 log( √([1 − C(ν) − S(ν)]² + [C(ν) − S(ν)]²) / 2 ), and its approximation eq. (31),
 * J(ν) = 6.9 + 20 log( √((ν − 0.1)² + 1) + ν − 0.1 ) for ν > −0.78 (0 otherwise), which is what the
 * Recommendation's terrain methods (Bullington, delta-Bullington) use.
 */
import { fresnelIntegrals } from '../math/fresnel-integrals.ts';
import { assertFinite } from '../core/assert.ts';

/** Lower limit of ν for eq. (31); below it the Recommendation takes the loss as zero. */
export const KNIFE_EDGE_NU_MIN = -0.78;

/**
 * Knife-edge loss, approximation of ITU-R P.526-15 eq. (31).
 * @param nu - diffraction parameter ν
 * @returns loss J(ν), dB (0 for ν ≤ −0.78)
 */
export function knifeEdgeLossDb(nu: number): number {
  if (Number.isNaN(nu)) throw new RangeError('nu = NaN must be a number');
  if (nu <= KNIFE_EDGE_NU_MIN) return 0;
  if (nu === Infinity) return Infinity;
  const x = nu - 0.1;
  return 6.9 + 20 * Math.log10(Math.sqrt(x * x + 1) + x);
}

/**
 * Knife-edge loss from the Fresnel integrals, exact within Kirchhoff theory [ITU-R P.526-15 §4.1, §2.7].
 * Negative below about ν = −0.7 where the edge reflects a little gain (the oscillation about 0 dB).
 * @param nu - diffraction parameter ν
 * @returns loss J(ν), dB
 */
export function knifeEdgeLossExactDb(nu: number): number {
  assertFinite('nu', nu);
  const { c, s } = fresnelIntegrals(nu);
  const a = 1 - c - s;
  const b = c - s;
  return -20 * Math.log10(Math.sqrt(a * a + b * b) / 2);
}
