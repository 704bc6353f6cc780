/**
 * @module Gain of a mounted antenna toward a direction: rotate the direction into the antenna frame
 * (azimuth, then mechanical downtilt about the antenna's horizontal axis), then read the pattern.
 *
 * Mechanical tilt is a rotation of the whole antenna, so away from boresight it tilts the beam less
 * than electrical tilt does (zero effect at ±90° azimuth), which is why the two are kept apart
 * [the global-to-local rotation of 3GPP TR 38.901 §7.1.3 with zero slant; electrical tilt lives in
 * the pattern].
 */
import { assertFinite, assertInRange } from '../core/assert.ts';
import type { AntennaMount, AntennaPattern, PathDirection } from './types.ts';

const RAD = Math.PI / 180;

/** Direction expressed in the antenna frame. */
export interface AntennaFrameDirection {
  /** Azimuth off boresight, degrees, positive clockwise (−180..180). */
  readonly azimuthOffDeg: number;
  /** Elevation above the boresight plane, degrees (−90..90). */
  readonly elevationDeg: number;
}

/**
 * Converts a geographic direction into the antenna frame of a mounted antenna.
 * @param mount - boresight azimuth and mechanical downtilt
 * @param direction - bearing and elevation angle of the path at the site
 */
export function toAntennaFrame(
  mount: AntennaMount,
  direction: PathDirection,
): AntennaFrameDirection {
  assertFinite('azimuthDeg', mount.azimuthDeg);
  const tilt = mount.mechanicalDowntiltDeg ?? 0;
  assertInRange('mechanicalDowntiltDeg', tilt, -90, 90, '°');
  assertFinite('bearingDeg', direction.bearingDeg);
  assertInRange('elevationDeg', direction.elevationDeg, -90, 90, '°');
  const el = direction.elevationDeg * RAD;
  const rel = (direction.bearingDeg - mount.azimuthDeg) * RAD;
  // Components in the un-tilted antenna frame: x forward, y right, z up.
  const x = Math.cos(el) * Math.cos(rel);
  const y = Math.cos(el) * Math.sin(rel);
  const z = Math.sin(el);
  // Downtilt t rotates the boresight below the horizon: forward' = f·cos t − u·sin t.
  const t = tilt * RAD;
  const xf = x * Math.cos(t) - z * Math.sin(t);
  const zf = x * Math.sin(t) + z * Math.cos(t);
  return {
    azimuthOffDeg: Math.atan2(y, xf) / RAD,
    elevationDeg: Math.asin(Math.max(-1, Math.min(1, zf))) / RAD,
  };
}

/**
 * Gain of a mounted antenna toward a direction, dBi.
 * @param pattern - the antenna pattern (electrical tilt included in it)
 * @param mount - boresight azimuth and mechanical downtilt
 * @param direction - bearing and elevation angle from the site toward the point
 */
export function gainTowardDbi(
  pattern: AntennaPattern,
  mount: AntennaMount,
  direction: PathDirection,
): number {
  const a = toAntennaFrame(mount, direction);
  return pattern.maxGainDbi - pattern.attenuationDb(a.azimuthOffDeg, a.elevationDeg);
}
