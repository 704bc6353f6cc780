/**
 * @module Antenna model interface and the mounting geometry shared by all patterns.
 *
 * Conventions (antenna frame): azimuth off boresight φ in degrees, −180..180, positive clockwise
 * seen from above; elevation θ in degrees above the plane of the (mechanically tilted) boresight,
 * −90..90. Patterns return an attenuation ≥ 0 dB relative to the maximum gain.
 */

/** A radiation pattern. */
export interface AntennaPattern {
  /** Human-readable kind, e.g. 'omni', '3gpp-sector', 'msi:NAME'. */
  readonly kind: string;
  /** Maximum gain, dBi. */
  readonly maxGainDbi: number;
  /**
   * Attenuation relative to the maximum gain, dB (≥ 0), toward a direction in the antenna frame.
   * @param azimuthOffDeg - φ, degrees off boresight, positive clockwise
   * @param elevationDeg - θ, degrees above the boresight plane (negative = below)
   */
  attenuationDb(azimuthOffDeg: number, elevationDeg: number): number;
}

/** How an antenna is mounted at a site. */
export interface AntennaMount {
  /** Boresight azimuth, degrees clockwise from true north. */
  readonly azimuthDeg: number;
  /** Mechanical downtilt, degrees (positive tilts the boresight below the horizon). */
  readonly mechanicalDowntiltDeg?: number;
}

/** A direction from the site, e.g. toward a handset. */
export interface PathDirection {
  /** Bearing, degrees clockwise from true north. */
  readonly bearingDeg: number;
  /** Elevation angle above the local horizontal, degrees (negative = below). */
  readonly elevationDeg: number;
}

/** Wraps an angle into (−180, 180]. */
export function wrap180(deg: number): number {
  let a = ((deg % 360) + 360) % 360;
  if (a > 180) a -= 360;
  return a;
}
