/**
 * @module Parametric antenna patterns: omnidirectional, and the 3GPP sector antenna.
 *
 * References:
 * - 3GPP TR 36.814 V9.2.0 Table A.2.1.1-2: A_H(φ) = −min[12(φ/φ_3dB)², A_m], φ_3dB = 70°, A_m = 25 dB;
 *   A_V(θ) = −min[12((θ − θ_etilt)/θ_3dB)², SLA_v], θ_3dB = 10°, SLA_v = 20 dB (θ measured downward from
 *   the horizon, θ_etilt the electrical downtilt); A(φ, θ) = −min{−[A_H(φ) + A_V(θ)], A_m}; 14 dBi.
 * - 3GPP TR 36.942 V15.0.0 §4.2.1: the horizontal pattern alone with φ_3dB = 65°, A_m = 20 dB and
 *   15 dBi for a 3-sector site (70° / 14 dBi for 6 sectors).
 * A_m is the front-to-back ratio.
 */
import { assertInRange } from '../core/assert.ts';
import type { AntennaPattern } from './types.ts';
import { wrap180 } from './types.ts';

/** Parameters of the 3GPP parabolic sector pattern. */
export interface SectorAntennaParams {
  /** Maximum gain, dBi. */
  readonly maxGainDbi: number;
  /** Horizontal half-power beamwidth φ_3dB, degrees. */
  readonly horizontalBeamwidthDeg: number;
  /** Front-to-back ratio A_m, dB (also caps the total attenuation). */
  readonly frontToBackDb: number;
  /** Vertical half-power beamwidth θ_3dB, degrees; omit for no vertical pattern (TR 36.942). */
  readonly verticalBeamwidthDeg?: number;
  /** Vertical side-lobe level SLA_v, dB (default 20). */
  readonly verticalSideLobeDb?: number;
  /** Electrical downtilt θ_etilt, degrees (default 0). */
  readonly electricalDowntiltDeg?: number;
}

/** TR 36.814 Table A.2.1.1-2 defaults (70°, 25 dB, 10°, 20 dB, 14 dBi). */
export const TR36814_SECTOR: SectorAntennaParams = {
  maxGainDbi: 14,
  horizontalBeamwidthDeg: 70,
  frontToBackDb: 25,
  verticalBeamwidthDeg: 10,
  verticalSideLobeDb: 20,
  electricalDowntiltDeg: 0,
};

/** TR 36.942 §4.2.1 3-sector defaults (65°, 20 dB, 15 dBi, no vertical pattern). */
export const TR36942_SECTOR: SectorAntennaParams = {
  maxGainDbi: 15,
  horizontalBeamwidthDeg: 65,
  frontToBackDb: 20,
};

/** Vertical attenuation −A_V of TR 36.814 for an elevation θ (degrees above the boresight plane). */
function verticalAttenuation(elevationDeg: number, bw: number, sla: number, etilt: number): number {
  const depression = -elevationDeg;
  return Math.min(12 * ((depression - etilt) / bw) ** 2, sla);
}

/**
 * 3GPP sector antenna [TR 36.814 Table A.2.1.1-2; TR 36.942 §4.2.1].
 * @throws {RangeError} for beamwidths outside (0, 360] or negative ratios
 */
export function sectorAntenna(params: SectorAntennaParams): AntennaPattern {
  assertInRange('horizontalBeamwidthDeg', params.horizontalBeamwidthDeg, 1e-3, 360, '°');
  assertInRange('frontToBackDb', params.frontToBackDb, 0, 100, 'dB');
  assertInRange('maxGainDbi', params.maxGainDbi, -50, 60, 'dBi');
  const bwV = params.verticalBeamwidthDeg;
  if (bwV !== undefined) assertInRange('verticalBeamwidthDeg', bwV, 1e-3, 180, '°');
  const sla = params.verticalSideLobeDb ?? 20;
  const etilt = params.electricalDowntiltDeg ?? 0;
  assertInRange('electricalDowntiltDeg', etilt, -90, 90, '°');
  const am = params.frontToBackDb;
  const bwH = params.horizontalBeamwidthDeg;
  return {
    kind: '3gpp-sector',
    maxGainDbi: params.maxGainDbi,
    attenuationDb(azimuthOffDeg: number, elevationDeg: number): number {
      const phi = wrap180(azimuthOffDeg);
      const ah = Math.min(12 * (phi / bwH) ** 2, am);
      const av = bwV === undefined ? 0 : verticalAttenuation(elevationDeg, bwV, sla, etilt);
      return Math.min(ah + av, am);
    },
  };
}

/** Parameters of an omnidirectional antenna. */
export interface OmniAntennaParams {
  /** Maximum gain, dBi (default 0: isotropic). */
  readonly maxGainDbi?: number;
  /** Vertical half-power beamwidth, degrees; omit for no vertical directivity. */
  readonly verticalBeamwidthDeg?: number;
  /** Vertical side-lobe level, dB (default 20). */
  readonly verticalSideLobeDb?: number;
  /** Electrical downtilt, degrees (default 0). */
  readonly electricalDowntiltDeg?: number;
}

/**
 * Omnidirectional antenna: uniform in azimuth, optionally with the TR 36.814 vertical pattern.
 */
export function omniAntenna(params: OmniAntennaParams = {}): AntennaPattern {
  const g = params.maxGainDbi ?? 0;
  assertInRange('maxGainDbi', g, -50, 60, 'dBi');
  const bwV = params.verticalBeamwidthDeg;
  if (bwV !== undefined) assertInRange('verticalBeamwidthDeg', bwV, 1e-3, 180, '°');
  const sla = params.verticalSideLobeDb ?? 20;
  const etilt = params.electricalDowntiltDeg ?? 0;
  return {
    kind: 'omni',
    maxGainDbi: g,
    attenuationDb(_azimuthOffDeg: number, elevationDeg: number): number {
      return bwV === undefined ? 0 : verticalAttenuation(elevationDeg, bwV, sla, etilt);
    },
  };
}
