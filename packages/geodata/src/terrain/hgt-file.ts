/**
 * @module terrain/hgt-file
 * Reading `.hgt` and `.hgt.gz` files from disk. Gzip is undone with node:zlib; a truncated or corrupt
 * archive is reported with the file name rather than as zlib's bare "unexpected end of file".
 */
import { open, readFile, stat } from 'node:fs/promises';
import { promisify } from 'node:util';
import { gunzip } from 'node:zlib';
import { TerrainFormatError } from './errors.ts';
import { decodeHgt, hgtResolutionForSize } from './hgt.ts';
import type { TerrainGrid } from './types.ts';

const gunzipAsync = promisify(gunzip);

/**
 * Reads and decodes one tile; `name` is its tile name (`N37E126`). `shared` puts the posts in a
 * SharedArrayBuffer (for worker threads).
 */
export async function readHgtFile(
  file: string,
  name: string,
  options: { shared?: boolean } = {},
): Promise<TerrainGrid> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(file);
  } catch (error) {
    throw new TerrainFormatError(`${file}: cannot read (${(error as Error).message})`, file, {
      cause: error,
    });
  }
  if (/\.gz$/i.test(file)) {
    try {
      bytes = await gunzipAsync(bytes);
    } catch (error) {
      throw new TerrainFormatError(
        `${file}: corrupt or truncated gzip (${(error as Error).message})`,
        file,
        { cause: error },
      );
    }
  }
  return decodeHgt(bytes, name, file, { inPlace: true, shared: options.shared === true });
}

/**
 * Arc-seconds per post of a tile without decoding it: from the size of a plain file, or from the
 * gzip trailer's ISIZE field (uncompressed size mod 2³², RFC 1952 §2.3.1) of a `.gz`. NaN when the
 * size fits no SRTM product; the load then reports the exact problem.
 */
export async function peekHgtResolution(file: string): Promise<number> {
  if (!/\.gz$/i.test(file)) return hgtResolutionForSize((await stat(file)).size) ?? NaN;
  const handle = await open(file, 'r');
  try {
    const { size } = await handle.stat();
    if (size < 18) return NaN;
    const trailer = new Uint8Array(4);
    await handle.read(trailer, 0, 4, size - 4);
    const isize = new DataView(trailer.buffer).getUint32(0, true);
    return hgtResolutionForSize(isize) ?? NaN;
  } finally {
    await handle.close();
  }
}
