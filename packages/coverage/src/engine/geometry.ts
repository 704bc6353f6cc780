/**
 * @module engine/geometry
 * Directions from an emitter to a cell for antenna gains. Spherical formulas are enough here: a
 * bearing error of 0.01° moves a sector pattern by far less than its own uncertainty, and the path
 * losses (which do need the ellipsoid) come from geodesic profiles.
 */

const rad = Math.PI / 180;
/** The 4/3-earth radius used for elevation angles, m [ITU-R P.834; ITM's k = 4/3 at N_s = 301]. */
export const effectiveEarthRadiusM = (4 / 3) * 6_371_000;

/** Initial great-circle bearing from point 1 to point 2, degrees clockwise from north (0..360). */
export function bearingDeg(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const p1 = lat1 * rad;
  const p2 = lat2 * rad;
  const dl = (lon2 - lon1) * rad;
  const y = Math.sin(dl) * Math.cos(p2);
  const x = Math.cos(p1) * Math.sin(p2) - Math.sin(p1) * Math.cos(p2) * Math.cos(dl);
  const b = Math.atan2(y, x) / rad;
  return b < 0 ? b + 360 : b;
}

/**
 * Elevation angle of a point at height `zToM` and distance `dM` seen from height `zFromM`, over an
 * earth of radius {@link effectiveEarthRadiusM}: atan((Δz)/d) − d/(2 a_e), degrees.
 */
export function elevationDeg(zFromM: number, zToM: number, dM: number): number {
  if (!(dM > 0)) return zToM >= zFromM ? 90 : -90;
  return (Math.atan((zToM - zFromM) / dM) - dM / (2 * effectiveEarthRadiusM)) / rad;
}

/** Spherical distance (mean radius), m. */
export function sphericalDistanceM(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const s1 = Math.sin(((lat2 - lat1) * rad) / 2);
  const s2 = Math.sin(((lon2 - lon1) * rad) / 2);
  const a = s1 * s1 + Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * s2 * s2;
  return 2 * 6_371_008.8 * Math.asin(Math.min(1, Math.sqrt(a)));
}
