/**
 * @module terrain/geotiff
 * GeoTIFF elevation grids through geotiff.js: any layout the library reads (striped or tiled,
 * compressed or not), first band, int16 kept as Int16Array and everything else as Float32Array.
 *
 * Only geographic WGS 84 (EPSG:4326) grids with a north-up affine transform are accepted; a projected
 * CRS is refused with a message saying so, because silently treating metres as degrees would put the
 * terrain in the wrong place. [OGC 19-008r4, GeoTIFF 1.1: §7.1.1 raster space (PixelIsArea vs
 * PixelIsPoint), §7.5 GeoKeys GTModelTypeGeoKey (1 projected, 2 geographic) and GeographicTypeGeoKey]
 *
 * Pixel-is-area (the default when GTRasterTypeGeoKey is absent): raster point (0,0) is the outer
 * corner of the first pixel, whose value belongs to its centre, so posts sit half a pixel in from the
 * edges and the grid answers for the whole pixel extent. Pixel-is-point: (0,0) is the first post.
 * GDAL_NODATA (TIFF tag 42113, ASCII) gives the void value.
 */
import { fromArrayBuffer, fromFile } from 'geotiff';
import type GeoTIFF from 'geotiff';
import type { GeoTIFFImage } from 'geotiff';
import { TerrainFormatError } from './errors.ts';
import type { GeoBounds, TerrainGrid } from './types.ts';

/** The georeferencing of a GeoTIFF, read from its header without decoding pixels. */
export interface GeoTiffHeader {
  file: string;
  name: string;
  width: number;
  height: number;
  /** Latitude/longitude of the first post (row 0, column 0). */
  lat0: number;
  lon0: number;
  /** Degrees between posts. */
  dLat: number;
  dLon: number;
  bounds: GeoBounds;
  pixelIsArea: boolean;
  /** 'int16' or 'float32' storage once loaded. */
  storage: 'int16' | 'float32';
  /** GDAL_NODATA, or null when the file has none. */
  noData: number | null;
  /** Bytes the posts take in memory once loaded. */
  bytes: number;
  tiled: boolean;
}

const EPSG_WGS84 = 4326;
const USER_DEFINED = 32767;
const ANGULAR_DEGREE = 9102;
const MODEL_PROJECTED = 1;
const MODEL_GEOGRAPHIC = 2;
const MODEL_GEOCENTRIC = 3;
const RASTER_PIXEL_IS_POINT = 2;

function fail(file: string, message: string, cause?: unknown): never {
  throw new TerrainFormatError(`${file}: ${message}`, file, cause ? { cause } : undefined);
}

/** `/x/korea.tif` → `korea`. */
function baseName(file: string): string {
  return file.replace(/^.*[\\/]/, '').replace(/\.(tiff?|gtiff)$/i, '');
}

async function openTiff(file: string): Promise<GeoTIFF> {
  try {
    return await fromFile(file);
  } catch (error) {
    return fail(file, `not a readable GeoTIFF (${(error as Error).message})`, error);
  }
}

async function firstImage(tiff: GeoTIFF, file: string): Promise<GeoTIFFImage> {
  try {
    return await tiff.getImage(0);
  } catch (error) {
    return fail(file, `not a readable GeoTIFF (${(error as Error).message})`, error);
  }
}

function checkCrs(image: GeoTIFFImage, file: string): void {
  const keys = image.getGeoKeys() as Record<string, unknown> | null;
  if (!keys) {
    fail(
      file,
      'has no GeoKeyDirectory, so its coordinates are unknown (a plain TIFF, not a GeoTIFF)',
    );
  }
  const model = keys.GTModelTypeGeoKey as number | undefined;
  const projected = keys.ProjectedCSTypeGeoKey as number | undefined;
  if (model === MODEL_PROJECTED || (model === undefined && projected !== undefined)) {
    const which = projected && projected !== USER_DEFINED ? `EPSG:${projected}` : 'a projected CRS';
    fail(
      file,
      `uses ${which} (GTModelTypeGeoKey=1, projected); only geographic WGS 84 (EPSG:4326) terrain is ` +
        'supported — reproject it, e.g. gdalwarp -t_srs EPSG:4326 in.tif out.tif',
    );
  }
  if (model === MODEL_GEOCENTRIC) fail(file, 'uses a geocentric CRS; only EPSG:4326 is supported');
  if (model !== undefined && model !== MODEL_GEOGRAPHIC) {
    fail(file, `has an unknown GTModelTypeGeoKey=${model}; only geographic EPSG:4326 is supported`);
  }
  const geographic = keys.GeographicTypeGeoKey as number | undefined;
  if (geographic !== undefined && geographic !== EPSG_WGS84 && geographic !== USER_DEFINED) {
    fail(file, `uses geographic CRS EPSG:${geographic}, not WGS 84; reproject to EPSG:4326`);
  }
  if (geographic !== EPSG_WGS84) {
    // User-defined or unstated: accept only when the ellipsoid says WGS 84 (or nothing contradicts it).
    const a = keys.GeogSemiMajorAxisGeoKey as number | undefined;
    const invF = keys.GeogInvFlatteningGeoKey as number | undefined;
    if (
      (a !== undefined && Math.abs(a - 6378137) > 0.5) ||
      (invF !== undefined && Math.abs(invF - 298.257223563) > 1e-3)
    ) {
      fail(
        file,
        `uses a user-defined datum (a=${a}, 1/f=${invF}), not WGS 84; reproject to EPSG:4326`,
      );
    }
    if (model === undefined && geographic === undefined) {
      fail(file, 'has neither GTModelTypeGeoKey nor GeographicTypeGeoKey; cannot tell its CRS');
    }
  }
  const units = keys.GeogAngularUnitsGeoKey as number | undefined;
  if (units !== undefined && units !== ANGULAR_DEGREE) {
    fail(file, `has angular unit code ${units}; only degrees (9102) are supported`);
  }
}

function numbers(value: unknown): number[] | undefined {
  if (value === undefined || value === null) return undefined;
  return Array.from(value as ArrayLike<number>, Number);
}

/** Reads CRS, transform, sample type and nodata of the first image. */
function readHeader(image: GeoTIFFImage, file: string): GeoTiffHeader {
  checkCrs(image, file);
  const fd = image.getFileDirectory();
  const width = image.getWidth();
  const height = image.getHeight();
  if (width < 2 || height < 2) fail(file, `is ${width}×${height} pixels; need at least 2×2`);

  const transform = numbers(fd.getValue('ModelTransformation'));
  const scale = numbers(fd.getValue('ModelPixelScale'));
  const tie = numbers(fd.getValue('ModelTiepoint'));
  let x0: number; // longitude of raster point (0,0)
  let y0: number; // latitude of raster point (0,0)
  let sx: number; // degrees per column
  let sy: number; // degrees per row, positive for north-up
  if (transform && transform.length >= 8) {
    const [a, b, , d, e, f, , h] = transform as [
      number,
      number,
      number,
      number,
      number,
      number,
      number,
      number,
    ];
    if (b !== 0 || e !== 0)
      fail(file, 'has a rotated or sheared transform; only north-up grids are supported');
    [x0, y0, sx, sy] = [d, h, a, -f];
  } else if (scale && tie && tie.length >= 6) {
    if (tie.length > 6)
      fail(
        file,
        `has ${tie.length / 6} tiepoints (a warped grid); need one tiepoint and a pixel scale`,
      );
    const [i, j, , x, y] = tie as [number, number, number, number, number];
    [sx, sy] = [scale[0]!, scale[1]!];
    [x0, y0] = [x - i * sx, y + j * sy];
  } else {
    return fail(
      file,
      'has no ModelTransformation nor ModelPixelScale+ModelTiepoint; cannot place it on the map',
    );
  }
  if (!(sx > 0) || !(sy > 0)) {
    fail(
      file,
      `has pixel size ${sx}×${sy}°; only north-up grids with positive steps are supported`,
    );
  }

  const keys = image.getGeoKeys() as Record<string, unknown>;
  const pixelIsArea = keys.GTRasterTypeGeoKey !== RASTER_PIXEL_IS_POINT;
  const lon0 = pixelIsArea ? x0 + sx / 2 : x0;
  const lat0 = pixelIsArea ? y0 - sy / 2 : y0;
  const bounds: GeoBounds = pixelIsArea
    ? { west: x0, north: y0, east: x0 + width * sx, south: y0 - height * sy }
    : { west: x0, north: y0, east: x0 + (width - 1) * sx, south: y0 - (height - 1) * sy };
  if (
    bounds.south < -90.000001 ||
    bounds.north > 90.000001 ||
    bounds.west < -180.000001 ||
    bounds.east > 360.000001
  ) {
    fail(
      file,
      `extent ${bounds.west},${bounds.south} .. ${bounds.east},${bounds.north} is not in degrees; ` +
        'is the CRS really EPSG:4326?',
    );
  }

  const format = image.getSampleFormat(0); // 1 unsigned, 2 signed, 3 float
  const bits = image.getBitsPerSample(0);
  if (![1, 2, 3].includes(format) || (format === 3 && bits !== 32 && bits !== 64)) {
    fail(file, `has sample format ${format} with ${bits} bits; need integers or float32/float64`);
  }
  const storage = format === 2 && bits === 16 ? 'int16' : 'float32';
  const rawNoData = fd.getValue('GDAL_NODATA') as string | undefined;
  let noData: number | null = null;
  if (rawNoData !== undefined) {
    const text = String(rawNoData)
      .replace(/[\0\s]+$/g, '')
      .trim();
    const value = text.toLowerCase() === 'nan' ? NaN : Number(text);
    if (text === '' || (Number.isNaN(value) && text.toLowerCase() !== 'nan')) {
      fail(file, `has an unreadable GDAL_NODATA value "${text}"`);
    }
    noData = value;
  }
  return {
    file,
    name: baseName(file),
    width,
    height,
    lat0,
    lon0,
    dLat: sy,
    dLon: sx,
    bounds,
    pixelIsArea,
    storage,
    noData,
    bytes: width * height * (storage === 'int16' ? 2 : 4),
    tiled: image.isTiled,
  };
}

/** The georeferencing of `file`, reading only its header. */
export async function readGeoTiffHeader(file: string): Promise<GeoTiffHeader> {
  const tiff = await openTiff(file);
  try {
    return readHeader(await firstImage(tiff, file), file);
  } finally {
    await tiff.close();
  }
}

/** Options for decoding: `shared` puts the posts in a SharedArrayBuffer (for worker threads). */
export interface GeoTiffReadOptions {
  shared?: boolean;
}

async function decodeImage(
  image: GeoTIFFImage,
  file: string,
  options: GeoTiffReadOptions,
): Promise<TerrainGrid> {
  const header = readHeader(image, file);
  let raster: ArrayLike<number>;
  try {
    raster = (await image.readRasters({
      samples: [0],
      interleave: true,
    })) as unknown as ArrayLike<number>;
  } catch (error) {
    return fail(file, `cannot decode its pixels (${(error as Error).message})`, error);
  }
  const count = header.width * header.height;
  if (raster.length !== count) fail(file, `decoded ${raster.length} pixels, expected ${count}`);
  let data: Int16Array | Float32Array;
  let voidValue = NaN;
  let voids = 0;
  const nd = header.noData;
  if (header.storage === 'int16') {
    if (raster instanceof Int16Array && !options.shared) {
      data = raster;
    } else {
      data = new Int16Array(
        options.shared ? new SharedArrayBuffer(count * 2) : new ArrayBuffer(count * 2),
      );
      data.set(raster);
    }
    if (nd !== null && Number.isInteger(nd) && nd >= -32768 && nd <= 32767) {
      voidValue = nd;
      for (let i = 0; i < count; i++) if (data[i] === nd) voids++;
    }
  } else {
    // Float voids become NaN so one test (v !== v) finds them whatever the file used.
    const out = new Float32Array(
      options.shared ? new SharedArrayBuffer(count * 4) : new ArrayBuffer(count * 4),
    );
    const match =
      nd === null || Number.isNaN(nd) ? NaN : raster instanceof Float32Array ? Math.fround(nd) : nd;
    for (let i = 0; i < count; i++) {
      const v = raster[i]!;
      if (v === match || v !== v) {
        out[i] = NaN;
        voids++;
      } else {
        out[i] = v;
      }
    }
    data = out;
  }
  return {
    name: header.name,
    file,
    format: 'geotiff',
    data,
    width: header.width,
    height: header.height,
    lat0: header.lat0,
    lon0: header.lon0,
    dLat: header.dLat,
    dLon: header.dLon,
    voidValue,
    bounds: header.bounds,
    voidCount: voids,
  };
}

/** Reads and decodes the first band of a GeoTIFF file. */
export async function readGeoTiffFile(
  file: string,
  options: GeoTiffReadOptions = {},
): Promise<TerrainGrid> {
  const tiff = await openTiff(file);
  try {
    return await decodeImage(await firstImage(tiff, file), file, options);
  } finally {
    await tiff.close();
  }
}

/** Decodes a GeoTIFF held in memory (a browser upload, a test fixture); `label` names it in errors. */
export async function decodeGeoTiff(
  buffer: ArrayBuffer,
  label: string,
  options: GeoTiffReadOptions = {},
): Promise<TerrainGrid> {
  let tiff: GeoTIFF;
  try {
    tiff = await fromArrayBuffer(buffer);
  } catch (error) {
    return fail(label, `not a readable GeoTIFF (${(error as Error).message})`, error);
  }
  return decodeImage(await firstImage(tiff, label), label, options);
}
