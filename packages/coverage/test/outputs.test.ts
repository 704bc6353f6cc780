/**
 * Every output format is read back by a reader we did not write: GDAL (gdalinfo, ogrinfo) for
 * GeoTIFF, PNG, GeoJSON and KMZ, and @tmcw/togeojson over @xmldom/xmldom for KML.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { kml as kmlToGeoJson } from '@tmcw/togeojson';
import { DOMParser } from '@xmldom/xmldom';
import { describe, expect, it } from 'vitest';
import {
  Grid,
  Raster,
  contourFeatures,
  encodeGeoTiff,
  encodePng,
  featureCollection,
  groundOverlayKml,
  kmz,
  levelStyle,
  renderLegend,
  renderMap,
  renderOverlay,
} from '../src/index.ts';

const dir = mkdtempSync(join(tmpdir(), 'tongilnet-outputs-'));

function gdal(tool: string, args: string[]): string {
  return execFileSync(tool, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

/** A 40 × 30 grid at 0.01° over 126.5–126.9E, 37.8–38.1N with a bump in the middle. */
function bump(): Raster<Float32Array> {
  const grid = new Grid({
    west: 126.5,
    north: 38.1,
    stepLon: 0.01,
    stepLat: 0.01,
    width: 40,
    height: 30,
  });
  const r = Raster.float32(grid);
  for (let row = 0; row < grid.height; row++) {
    for (let col = 0; col < grid.width; col++) {
      const d = Math.hypot(col - 20, row - 15);
      r.set(col, row, -60 - 3 * d);
    }
  }
  r.set(0, 0, NaN);
  return r;
}

interface GdalInfo {
  size: [number, number];
  geoTransform: number[];
  coordinateSystem: { wkt: string };
  bands: { type: string; noDataValue?: number; minimum: number; maximum: number }[];
}

describe('GeoTIFF', () => {
  it('gdalinfo reads size, EPSG:4326, geotransform, nodata and values', () => {
    const r = bump();
    const file = join(dir, 'level.tif');
    writeFileSync(file, encodeGeoTiff(r, { description: 'downlink level, dBm' }));
    const info = JSON.parse(gdal('gdalinfo', ['-json', '-stats', file])) as GdalInfo;
    expect(info.size).toEqual([40, 30]);
    expect(info.coordinateSystem.wkt).toContain('ID["EPSG",4326]');
    const gt = info.geoTransform;
    expect(gt[0]).toBeCloseTo(126.5, 12);
    expect(gt[1]).toBeCloseTo(0.01, 12);
    expect(gt[3]).toBeCloseTo(38.1, 12);
    expect(gt[5]).toBeCloseTo(-0.01, 12);
    const band = info.bands[0]!;
    expect(band.type).toBe('Float32');
    expect(band.noDataValue).toBe(-9999);
    expect(band.maximum).toBeCloseTo(-60, 5);
    // The farthest corner (0, 0) is nodata, so the minimum is at (col 0, row 29).
    expect(band.minimum).toBeCloseTo(-60 - 3 * Math.hypot(20, 14), 2);
    // One cell by coordinates: (col 20, row 15) is centred at 126.705E, 37.945N.
    const v = gdal('gdallocationinfo', ['-valonly', '-wgs84', file, '126.705', '37.945']).trim();
    expect(Number(v)).toBeCloseTo(-60, 5);
    const nodata = gdal('gdallocationinfo', [
      '-valonly',
      '-wgs84',
      file,
      '126.505',
      '38.095',
    ]).trim();
    expect(Number(nodata)).toBe(-9999);
  });
});

describe('PNG', () => {
  it('the overlay is plate carrée, transparent where nothing is served', () => {
    const r = bump();
    const style = levelStyle('Downlink', 'dBm', -90, 10, 3);
    const file = join(dir, 'overlay.png');
    writeFileSync(file, encodePng(renderOverlay(r, style)));
    const info = JSON.parse(gdal('gdalinfo', ['-json', file])) as {
      size: number[];
      bands: unknown[];
    };
    expect(info.size).toEqual([40, 30]);
    expect(info.bands).toHaveLength(4);
    // Centre cell -60 dBm is in the top class (≥ -70): opaque; a corner (-135 dBm) is transparent.
    const centre = gdal('gdallocationinfo', ['-valonly', file, '20', '15'])
      .trim()
      .split('\n')
      .map(Number);
    expect(centre[3]).toBeGreaterThan(0);
    const corner = gdal('gdallocationinfo', ['-valonly', file, '39', '29'])
      .trim()
      .split('\n')
      .map(Number);
    expect(corner[3]).toBe(0);
  });

  it('the map has a legend panel and the border drawn', () => {
    const r = bump();
    const style = levelStyle('Downlink', 'dBm', -90, 10, 3);
    const img = renderMap(r, {
      style,
      title: 'Test',
      notes: ['a note'],
      lines: [
        {
          label: 'MDL',
          color: [120, 0, 0, 255],
          width: 3,
          lines: [
            [
              [126.5, 38.0],
              [126.9, 38.0],
            ],
          ],
        },
      ],
      points: [{ lat: 37.95, lon: 126.7, label: 'A', kind: 'site' }],
      targetWidth: 400,
    });
    const file = join(dir, 'map.png');
    writeFileSync(file, encodePng(img));
    const info = JSON.parse(gdal('gdalinfo', ['-json', file])) as { size: number[] };
    expect(info.size[0]).toBe(img.width);
    expect(img.width).toBeGreaterThan(400 + 100); // map + legend panel
    // The border at 38.0N crosses the map one third of the way down (0.1° of 0.3°).
    const header = 30;
    const mapHeight = Math.round(400 / ((0.4 * Math.cos((37.95 * Math.PI) / 180)) / 0.3));
    const y = header + Math.round(mapHeight / 3);
    let found = false;
    for (let dy = -3; dy <= 3 && !found; dy++) {
      const px = gdal('gdallocationinfo', ['-valonly', file, '60', String(y + dy)])
        .trim()
        .split('\n')
        .map(Number);
      found = px[0] === 120 && px[1] === 0 && px[2] === 0;
    }
    expect(found).toBe(true);
    expect(renderLegend(style).height).toBeGreaterThan(3 * 14);
  });
});

describe('KML and KMZ', () => {
  const bbox = { south: 37.8, west: 126.5, north: 38.1, east: 126.9 };
  const doc = groundOverlayKml('Test plan', [
    {
      name: 'Downlink <dBm>',
      bbox,
      href: 'overlay.png',
      legendHref: 'legend.png',
      placemarks: [{ name: 'Site A', lat: 37.95, lon: 126.7 }],
    },
  ]);

  it('togeojson reads the ground overlay box and the placemark', () => {
    const parsed = kmlToGeoJson(new DOMParser().parseFromString(doc, 'text/xml') as never);
    const overlay = parsed.features.find((f) => f.properties?.icon === 'overlay.png');
    expect(overlay?.properties?.name).toBe('Downlink <dBm>');
    const ring = (overlay?.geometry as { coordinates: number[][][] }).coordinates[0]!;
    const lons = ring.map((p) => p[0]!);
    const lats = ring.map((p) => p[1]!);
    expect([Math.min(...lons), Math.max(...lons)]).toEqual([126.5, 126.9]);
    expect([Math.min(...lats), Math.max(...lats)]).toEqual([37.8, 38.1]);
    const point = parsed.features.find((f) => f.geometry?.type === 'Point');
    expect(point?.properties?.name).toBe('Site A');
  });

  it('GDAL opens the KMZ: doc.kml and the overlay PNG inside it', () => {
    const r = bump();
    const style = levelStyle('Downlink', 'dBm', -90, 10, 3);
    const png = encodePng(renderOverlay(r, style));
    const file = join(dir, 'test.kmz');
    writeFileSync(
      file,
      kmz(doc, { 'overlay.png': png, 'legend.png': encodePng(renderLegend(style)) }),
    );
    const png2 = JSON.parse(gdal('gdalinfo', ['-json', `/vsizip/${file}/overlay.png`])) as {
      size: number[];
    };
    expect(png2.size).toEqual([40, 30]);
    const layers = gdal('ogrinfo', ['-ro', '-al', '-so', `/vsizip/${file}/doc.kml`]);
    // LIBKML reports the ground overlay and the placemark as features.
    expect(layers).toMatch(/Feature Count: 2/);
    expect(readFileSync(file).subarray(0, 2).toString()).toBe('PK');
  });
});

describe('GeoJSON contours', () => {
  it('ogrinfo reads one polygon per threshold, nested by level, in lon/lat', () => {
    const r = bump();
    const features = contourFeatures(r, 'downlink', [-90, -75], 'dBm');
    expect(features).toHaveLength(2);
    const file = join(dir, 'contours.geojson');
    writeFileSync(file, JSON.stringify(featureCollection(features)));
    const info = gdal('ogrinfo', ['-ro', '-al', '-so', file]);
    expect(info).toMatch(/Feature Count: 2/);
    expect(info).toMatch(/Geometry: Multi Polygon/);
    // -90 dBm is 10 cells (0.1°) from the centre (126.705E, 37.945N): the contour spans about ±0.1°.
    const m = /Extent: \(([-\d.]+), ([-\d.]+)\) - \(([-\d.]+), ([-\d.]+)\)/.exec(info)!;
    const [w, s, e, n] = m.slice(1).map(Number);
    expect(w).toBeCloseTo(126.605, 1);
    expect(e).toBeCloseTo(126.805, 1);
    expect(s).toBeCloseTo(37.845, 1);
    expect(n).toBeCloseTo(38.045, 1);
    // Exterior rings run counter-clockwise (RFC 7946 §3.1.6).
    const ring = features[0]!.geometry.coordinates[0]![0]!;
    let area = 0;
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      area += (ring[j]![0] - ring[i]![0]) * (ring[j]![1] + ring[i]![1]);
    }
    expect(-area).toBeGreaterThan(0);
  });
});
