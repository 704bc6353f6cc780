/**
 * @module population/polygon
 * GeoJSON polygons as a {@link RingIndex}, for counting population inside an area drawn by the user.
 */

import type { LabelledRing } from '../borders/ring-index.ts';
import { RingIndex } from '../borders/ring-index.ts';

/**
 * Builds a point-in-polygon index from a GeoJSON Polygon or MultiPolygon (bare, in a Feature, or
 * every polygon of a FeatureCollection). All rings go in under one label and the even–odd rule, so
 * holes stay holes.
 * @param where Named in errors (a file name or a label).
 * @throws Error naming `where` and the part that is not a polygon.
 */
export function polygonIndex(geojson: unknown, where = 'polygon'): RingIndex {
  const rings: LabelledRing[] = [];
  const addGeometry = (
    g: { type?: unknown; coordinates?: unknown } | null | undefined,
    at: string,
  ): void => {
    const polys: unknown =
      g?.type === 'Polygon'
        ? [g.coordinates]
        : g?.type === 'MultiPolygon'
          ? g.coordinates
          : undefined;
    if (!Array.isArray(polys))
      throw new Error(`${where}: ${at} is ${String(g?.type)}, not a Polygon or MultiPolygon`);
    polys.forEach((poly: unknown, pi) => {
      if (!Array.isArray(poly))
        throw new Error(`${where}: ${at} polygon ${pi} is not an array of rings`);
      poly.forEach((ring: unknown, ri) => {
        const flat: number[] = [];
        if (!Array.isArray(ring) || ring.length < 3) {
          throw new Error(`${where}: ${at} polygon ${pi} ring ${ri} needs at least 3 positions`);
        }
        ring.forEach((p: unknown, k) => {
          const [lon, lat] = Array.isArray(p) ? (p as unknown[]) : [];
          if (
            typeof lon !== 'number' ||
            typeof lat !== 'number' ||
            Math.abs(lat) > 90 ||
            Math.abs(lon) > 360
          ) {
            throw new Error(
              `${where}: ${at} polygon ${pi} ring ${ri} position ${k} is not [lon, lat] in degrees`,
            );
          }
          flat.push(lon, lat);
        });
        rings.push({ label: 1, coords: flat });
      });
    });
  };
  const obj = geojson as { type?: unknown; features?: unknown; geometry?: unknown } | null;
  if (obj?.type === 'FeatureCollection' && Array.isArray(obj.features)) {
    (obj.features as { geometry?: { type?: unknown } }[]).forEach((f, i) => {
      if (f?.geometry?.type === 'Polygon' || f?.geometry?.type === 'MultiPolygon') {
        addGeometry(f.geometry, `features[${i}]`);
      }
    });
    if (rings.length === 0)
      throw new Error(`${where}: the FeatureCollection has no Polygon or MultiPolygon`);
  } else if (obj?.type === 'Feature') {
    addGeometry(obj.geometry as { type?: unknown }, 'the feature');
  } else {
    addGeometry(obj as { type?: unknown }, 'the geometry');
  }
  return new RingIndex(rings, { cellSizeDeg: 0.01 });
}
