/**
 * @module profile/geodesic
 * The two classic geodesic problems on WGS 84, for callers that need a single answer (radial end
 * points, distances): thin wrappers over geographiclib-geodesic so other packages need not depend on
 * it. [C. F. F. Karney, "Algorithms for geodesics", J. Geodesy 87, 43–55 (2013)]
 * For many points along one geodesic use `geodesicPath`, which solves the line once.
 */
import geodesic from 'geographiclib-geodesic';
import type { LatLon } from '../terrain/types.ts';

const { Geodesic } = geodesic;
const WGS84 = Geodesic.WGS84;

/** Distance and azimuths between two points (the inverse problem). */
export interface GeodesicInverse {
  /** Geodesic distance, metres. */
  distanceM: number;
  /** Azimuth at the start, degrees clockwise from north. */
  azimuth1Deg: number;
  /** Azimuth at the end (the direction of travel there), degrees clockwise from north. */
  azimuth2Deg: number;
}

/** Solves the inverse problem from `from` to `to` on WGS 84. */
export function geodesicInverse(from: LatLon, to: LatLon): GeodesicInverse {
  const r = WGS84.Inverse(from.lat, from.lon, to.lat, to.lon, Geodesic.DISTANCE | Geodesic.AZIMUTH);
  return { distanceM: r.s12!, azimuth1Deg: r.azi1!, azimuth2Deg: r.azi2! };
}

/** The point `distanceM` metres from `from` along azimuth `azimuthDeg` (the direct problem). */
export function geodesicDirect(from: LatLon, azimuthDeg: number, distanceM: number): LatLon {
  const r = WGS84.Direct(
    from.lat,
    from.lon,
    azimuthDeg,
    distanceM,
    Geodesic.LATITUDE | Geodesic.LONGITUDE,
  );
  return { lat: r.lat2!, lon: r.lon2! };
}
