/**
 * @module output/contours
 * GeoJSON contours [RFC 7946] of a layer at its thresholds: the area where the value is at or
 * above each threshold, as MultiPolygons in longitude/latitude. Marching squares: d3-contour
 * (linear interpolation between cell centres; nodata counts as below every threshold).
 */
import { contours } from 'd3-contour';
import type { Raster } from '../raster/raster.ts';

type Position = [number, number];
type Ring = Position[];

export interface ContourFeature {
  type: 'Feature';
  properties: { layer: string; threshold: number; unit: string };
  geometry: { type: 'MultiPolygon'; coordinates: Ring[][] };
}

export interface ContourCollection {
  type: 'FeatureCollection';
  features: ContourFeature[];
}

/** Twice the signed area of a ring in the lon/lat plane (> 0 = counter-clockwise). */
function signedArea(ring: Ring): number {
  let s = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    s += (ring[j]![0] - ring[i]![0]) * (ring[j]![1] + ring[i]![1]);
  }
  return -s;
}

/** RFC 7946 §3.1.6: exterior rings counter-clockwise, holes clockwise. */
function rightHand(polygon: Ring[]): Ring[] {
  return polygon.map((ring, k) => {
    const ccw = signedArea(ring) > 0;
    return (k === 0) === ccw ? ring : ring.slice().reverse();
  });
}

const round = (v: number) => Math.round(v * 1e7) / 1e7;

/** Contours of `raster` at each threshold, one feature per threshold (empty ones omitted). */
export function contourFeatures(
  raster: Raster,
  layer: string,
  thresholds: readonly number[],
  unit: string,
): ContourFeature[] {
  const g = raster.grid;
  const values = new Float64Array(raster.data.length);
  for (let i = 0; i < values.length; i++) {
    const v = raster.data[i]!;
    values[i] = raster.isNodata(v) ? NaN : v;
  }
  const generator = contours().size([g.width, g.height]);
  const out: ContourFeature[] = [];
  for (const threshold of thresholds) {
    const geometry = generator.contour(Array.from(values), threshold);
    if (geometry.coordinates.length === 0) continue;
    // d3-contour works in grid units: x = column edges 0..width, y = row edges 0..height.
    const coordinates = geometry.coordinates.map((polygon) =>
      rightHand(
        polygon.map((ring) =>
          ring.map(([x, y]): Position => [
            round(g.west + x! * g.stepLon),
            round(g.north - y! * g.stepLat),
          ]),
        ),
      ),
    );
    out.push({
      type: 'Feature',
      properties: { layer, threshold, unit },
      geometry: { type: 'MultiPolygon', coordinates },
    });
  }
  return out;
}

export function featureCollection(features: ContourFeature[]): ContourCollection {
  return { type: 'FeatureCollection', features };
}
