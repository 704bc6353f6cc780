/**
 * Test helpers that write real-format terrain files: SRTM `.hgt` bytes and a minimal but valid
 * little-endian classic TIFF with GeoTIFF tags, striped or tiled, uncompressed. Hand-assembled
 * because geotiff.js's writer only makes single-strip files and cannot write tiles. [TIFF 6.0
 * (Adobe, 1992) §2 (header, IFD), §15 (tiles); OGC 19-008r4 GeoTIFF 1.1 §7 (GeoKeyDirectory)]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A fresh temporary directory and a function removing it. */
export function tempDir(prefix = 'tongilnet-terrain-'): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** An SRTM tile of `side`² big-endian int16 posts; `z(row, col)` gives each post. */
export function hgtBytes(side: 1201 | 3601, z: (row: number, col: number) => number): Uint8Array {
  const bytes = new Uint8Array(side * side * 2);
  const view = new DataView(bytes.buffer);
  for (let r = 0; r < side; r++) {
    for (let c = 0; c < side; c++) view.setInt16((r * side + c) * 2, z(r, c), false);
  }
  return bytes;
}

export interface TiffOptions {
  width: number;
  height: number;
  /** Row-major pixel values. */
  values: ArrayLike<number>;
  type: 'int16' | 'float32';
  /** Striped (default, with this many rows per strip) or tiled with square tiles of this size. */
  rowsPerStrip?: number;
  tileSize?: number;
  /** ModelPixelScale [sx, sy] and ModelTiepoint at raster (0,0) → (x, y); or a ModelTransformation. */
  scale?: [number, number];
  origin?: [number, number];
  transformation?: number[];
  /** GeoKeys; undefined keys are left out. Default: geographic WGS 84, pixel-is-area. */
  modelType?: number;
  rasterType?: number;
  geographicType?: number;
  projectedType?: number;
  /** GDAL_NODATA text, e.g. '-9999'. */
  noData?: string;
  /** Leave out the GeoKeyDirectory (a plain TIFF). */
  noGeoKeys?: boolean;
}

const SHORT = 3;
const LONG = 4;
const DOUBLE = 12;
const ASCII = 2;
const SIZE: Record<number, number> = { [SHORT]: 2, [LONG]: 4, [DOUBLE]: 8, [ASCII]: 1 };

interface Entry {
  tag: number;
  type: number;
  values: number[] | string;
}

/** A GeoTIFF file as bytes. */
export function tiffBytes(o: TiffOptions): Uint8Array {
  const bps = o.type === 'int16' ? 2 : 4;
  const pixel = (buf: DataView, at: number, v: number) =>
    o.type === 'int16' ? buf.setInt16(at, v, true) : buf.setFloat32(at, v, true);

  // Blocks of pixels: strips (rows) or tiles (padded to full tiles at the right and bottom edges).
  const blocks: Uint8Array[] = [];
  if (o.tileSize) {
    const t = o.tileSize;
    for (let ty = 0; ty < Math.ceil(o.height / t); ty++) {
      for (let tx = 0; tx < Math.ceil(o.width / t); tx++) {
        const block = new Uint8Array(t * t * bps);
        const view = new DataView(block.buffer);
        for (let y = 0; y < t; y++) {
          for (let x = 0; x < t; x++) {
            const row = ty * t + y;
            const col = tx * t + x;
            if (row < o.height && col < o.width)
              pixel(view, (y * t + x) * bps, o.values[row * o.width + col]!);
          }
        }
        blocks.push(block);
      }
    }
  } else {
    const rps = o.rowsPerStrip ?? o.height;
    for (let r0 = 0; r0 < o.height; r0 += rps) {
      const rows = Math.min(rps, o.height - r0);
      const block = new Uint8Array(rows * o.width * bps);
      const view = new DataView(block.buffer);
      for (let i = 0; i < rows * o.width; i++) pixel(view, i * bps, o.values[r0 * o.width + i]!);
      blocks.push(block);
    }
  }

  const entries: Entry[] = [
    { tag: 256, type: LONG, values: [o.width] },
    { tag: 257, type: LONG, values: [o.height] },
    { tag: 258, type: SHORT, values: [bps * 8] },
    { tag: 259, type: SHORT, values: [1] },
    { tag: 262, type: SHORT, values: [1] },
    { tag: 277, type: SHORT, values: [1] },
    { tag: 284, type: SHORT, values: [1] },
    { tag: 339, type: SHORT, values: [o.type === 'int16' ? 2 : 3] },
  ];
  const offsetsEntry: Entry = {
    tag: o.tileSize ? 324 : 273,
    type: LONG,
    values: blocks.map(() => 0),
  };
  entries.push(offsetsEntry, {
    tag: o.tileSize ? 325 : 279,
    type: LONG,
    values: blocks.map((b) => b.byteLength),
  });
  if (o.tileSize) {
    entries.push(
      { tag: 322, type: LONG, values: [o.tileSize] },
      { tag: 323, type: LONG, values: [o.tileSize] },
    );
  } else {
    entries.push({ tag: 278, type: LONG, values: [o.rowsPerStrip ?? o.height] });
  }
  if (o.transformation) entries.push({ tag: 34264, type: DOUBLE, values: o.transformation });
  if (o.scale) entries.push({ tag: 33550, type: DOUBLE, values: [o.scale[0], o.scale[1], 0] });
  if (o.origin)
    entries.push({ tag: 33922, type: DOUBLE, values: [0, 0, 0, o.origin[0], o.origin[1], 0] });
  if (!o.noGeoKeys) {
    const keys: [number, number][] = [];
    const model = 'modelType' in o ? o.modelType : 2;
    const raster = 'rasterType' in o ? o.rasterType : 1;
    const geographic = 'geographicType' in o ? o.geographicType : 4326;
    if (model !== undefined) keys.push([1024, model]);
    if (raster !== undefined) keys.push([1025, raster]);
    if (geographic !== undefined) keys.push([2048, geographic]);
    if (o.projectedType !== undefined) keys.push([3072, o.projectedType]);
    entries.push({
      tag: 34735,
      type: SHORT,
      values: [1, 1, 0, keys.length, ...keys.flatMap(([id, v]) => [id, 0, 1, v])],
    });
  }
  if (o.noData !== undefined) entries.push({ tag: 42113, type: ASCII, values: `${o.noData}\0` });
  entries.sort((a, b) => a.tag - b.tag);

  // Layout: header, IFD, out-of-line values, pixel blocks.
  const ifdOffset = 8;
  const ifdSize = 2 + entries.length * 12 + 4;
  let cursor = ifdOffset + ifdSize;
  const outOfLine = new Map<Entry, number>();
  for (const e of entries) {
    const bytes = e.values.length * SIZE[e.type]!;
    if (bytes > 4) {
      cursor += cursor % 2;
      outOfLine.set(e, cursor);
      cursor += bytes;
    }
  }
  const blockOffsets: number[] = [];
  for (const b of blocks) {
    cursor += cursor % 4 === 0 ? 0 : 4 - (cursor % 4);
    blockOffsets.push(cursor);
    cursor += b.byteLength;
  }
  offsetsEntry.values = blockOffsets;

  const out = new Uint8Array(cursor);
  const view = new DataView(out.buffer);
  out.set([0x49, 0x49]); // "II": little-endian
  view.setUint16(2, 42, true);
  view.setUint32(4, ifdOffset, true);
  view.setUint16(ifdOffset, entries.length, true);
  const write = (e: Entry, at: number) => {
    if (typeof e.values === 'string') {
      for (let i = 0; i < e.values.length; i++) out[at + i] = e.values.charCodeAt(i);
      return;
    }
    e.values.forEach((v, i) => {
      if (e.type === SHORT) view.setUint16(at + i * 2, v, true);
      else if (e.type === LONG) view.setUint32(at + i * 4, v, true);
      else view.setFloat64(at + i * 8, v, true);
    });
  };
  entries.forEach((e, i) => {
    const at = ifdOffset + 2 + i * 12;
    view.setUint16(at, e.tag, true);
    view.setUint16(at + 2, e.type, true);
    view.setUint32(at + 4, e.values.length, true);
    const where = outOfLine.get(e);
    if (where === undefined) write(e, at + 8);
    else {
      view.setUint32(at + 8, where, true);
      write(e, where);
    }
  });
  view.setUint32(ifdOffset + 2 + entries.length * 12, 0, true);
  blocks.forEach((b, i) => out.set(b, blockOffsets[i]!));
  return out;
}
