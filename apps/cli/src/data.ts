/**
 * @module data
 * Data discovery for commands (issue #2): `--terrain PATH` or `--data DIR` first, then
 * `TONGILNET_DATA`, then `../shared/data` beside the repository. When nothing is found the message
 * says where we looked and how to fix it.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { findDataDir } from '@tongilnet/geodata';
import { UserError } from './errors.ts';

export interface DataOptions {
  data?: string;
  terrain?: string;
}

const howToGetData =
  'Terrain is not bundled: pass --terrain PATH (an .hgt/.hgt.gz/GeoTIFF file or a directory of tiles), ' +
  '--data DIR (a directory with terrain/), or set TONGILNET_DATA.';

/** The data directory, or a UserError naming where we looked. */
export function dataDir(options: DataOptions): string {
  const choice = findDataDir(options.data);
  if (!choice.dir) {
    throw new UserError(
      `no data directory (looked in ${choice.tried.join(', ')}). ${howToGetData}`,
    );
  }
  return choice.dir;
}

/** The terrain file or directory to open, and how it was found (for the "source" line). */
export function terrainPath(options: DataOptions): { path: string; via: string } {
  if (options.terrain) {
    const path = resolve(options.terrain);
    if (!existsSync(path))
      throw new UserError(`--terrain: ${path} does not exist. ${howToGetData}`);
    return { path, via: '--terrain' };
  }
  const choice = findDataDir(options.data);
  if (!choice.dir) {
    throw new UserError(`no terrain found (looked in ${choice.tried.join(', ')}). ${howToGetData}`);
  }
  const path = resolve(choice.dir, 'terrain');
  if (!existsSync(path)) {
    throw new UserError(
      `no terrain/ directory in ${choice.dir} (via ${choice.via}). ${howToGetData}`,
    );
  }
  return { path, via: choice.via };
}
