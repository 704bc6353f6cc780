/**
 * @module Fresnel reflection coefficient of a smooth plane ground for a given polarisation.
 *
 * References:
 * - Complex relative permittivity η = ε_r − j σ/(ω ε₀) = ε_r − j 60 σ λ: ITU-R P.527-6 (electrical
 *   characteristics of the surface of the Earth) and ITU-R P.2040-3 §2; 1/(2π c ε₀) = 59.96 ≈ 60.
 * - Reflection coefficients at grazing angle ψ (angle between ray and ground):
 *   R_H = (sin ψ − √(η − cos²ψ)) / (sin ψ + √(η − cos²ψ)),
 *   R_V = (η sin ψ − √(η − cos²ψ)) / (η sin ψ + √(η − cos²ψ)).
 *   J. D. Parsons, The Mobile Radio Propagation Channel, 2nd ed. (Wiley, 2000) §2.3; T. S. Rappaport,
 *   Wireless Communications, 2nd ed. (2002) §4.5.1. Both tend to −1 at grazing incidence (ψ → 0).
 */
import { SPEED_OF_LIGHT_M_PER_S } from '../core/constants.ts';
import { assertInRange, assertPositive } from '../core/assert.ts';
import { cDiv, cMul, cSqrt, cSub, cAdd, complex } from '../math/complex.ts';
import type { Complex } from '../math/complex.ts';

/** Vacuum permittivity ε₀, F/m (CODATA 2018). */
const EPSILON_0 = 8.8541878128e-12;

/** Wave polarisation relative to the ground plane. */
export type Polarization = 'horizontal' | 'vertical';

/** Electrical characteristics of the ground. */
export interface GroundElectrical {
  /** Relative permittivity ε_r (dimensionless, ≥ 1). */
  readonly relativePermittivity: number;
  /** Conductivity σ, S/m (≥ 0). */
  readonly conductivitySPerM: number;
}

/**
 * "Average ground" of ITU-R P.527 as used by the NTIA ITM defaults (ε_r = 15, σ = 0.005 S/m).
 */
export const AVERAGE_GROUND: GroundElectrical = {
  relativePermittivity: 15,
  conductivitySPerM: 0.005,
};

/**
 * Complex relative permittivity η = ε_r − j σ/(2π f ε₀) [ITU-R P.527-6; P.2040-3 §2].
 * @param frequencyMhz - frequency, MHz
 */
export function complexPermittivity(frequencyMhz: number, ground: GroundElectrical): Complex {
  assertPositive('frequencyMhz', frequencyMhz, 'MHz');
  assertInRange('relativePermittivity', ground.relativePermittivity, 1, 1e4);
  assertInRange('conductivitySPerM', ground.conductivitySPerM, 0, 1e8, 'S/m');
  const omega = 2 * Math.PI * frequencyMhz * 1e6;
  return complex(ground.relativePermittivity, -ground.conductivitySPerM / (omega * EPSILON_0));
}

/** 60·λ·σ form of the imaginary part, kept for readers comparing with ITU-R texts. */
export function sixtyLambdaSigma(frequencyMhz: number, conductivitySPerM: number): number {
  return (60 * conductivitySPerM * SPEED_OF_LIGHT_M_PER_S) / (frequencyMhz * 1e6);
}

/**
 * Fresnel reflection coefficient of a smooth plane ground.
 * @param grazingAngleRad - angle ψ between the incident ray and the ground plane, radians (0..π/2)
 * @param frequencyMhz - frequency, MHz
 * @param polarization - 'horizontal' (E parallel to ground) or 'vertical'
 * @param ground - electrical characteristics
 * @returns complex reflection coefficient R (|R| ≤ 1 for a passive ground)
 */
export function groundReflectionCoefficient(
  grazingAngleRad: number,
  frequencyMhz: number,
  polarization: Polarization,
  ground: GroundElectrical,
): Complex {
  assertInRange('grazingAngleRad', grazingAngleRad, 0, Math.PI / 2, 'rad');
  const eta = complexPermittivity(frequencyMhz, ground);
  const sinPsi = Math.sin(grazingAngleRad);
  const cos2 = Math.cos(grazingAngleRad) ** 2;
  const root = cSqrt(cSub(eta, complex(cos2)));
  if (polarization === 'horizontal') {
    const s = complex(sinPsi);
    return cDiv(cSub(s, root), cAdd(s, root));
  }
  const etaSin = cMul(eta, complex(sinPsi));
  return cDiv(cSub(etaSin, root), cAdd(etaSin, root));
}
