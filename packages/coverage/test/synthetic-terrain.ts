/**
 * Terrain built in memory for hand-computable engine tests: a flat plain, a plain with one sharp
 * ridge, the sea. Real TerrainGrids (geodata's type) in a real Mosaic, not stand-ins.
 */
import { Mosaic, type TerrainGrid } from '@tongilnet/geodata';

/** A float32 grid of posts over [south, north] × [west, east] at `stepDeg`, heights from `z`. */
export function syntheticGrid(
  name: string,
  box: { south: number; west: number; north: number; east: number },
  stepDeg: number,
  z: (lat: number, lon: number) => number,
): TerrainGrid {
  const width = Math.round((box.east - box.west) / stepDeg) + 1;
  const height = Math.round((box.north - box.south) / stepDeg) + 1;
  const data = new Float32Array(width * height);
  for (let r = 0; r < height; r++) {
    for (let c = 0; c < width; c++)
      data[r * width + c] = z(box.north - r * stepDeg, box.west + c * stepDeg);
  }
  return {
    name,
    file: `memory:${name}`,
    format: 'geotiff',
    data,
    width,
    height,
    lat0: box.north,
    lon0: box.west,
    dLat: stepDeg,
    dLon: stepDeg,
    voidValue: NaN,
    bounds: { ...box },
    voidCount: 0,
  };
}

/** A terrain source over one synthetic grid. */
export function syntheticTerrain(grid: TerrainGrid): Mosaic {
  return Mosaic.fromGrids([grid], {}, grid.name);
}
