/**
 * @module data-dir
 * Where Tongilnet finds its data, in order: a directory the caller names, `TONGILNET_DATA`, then
 * `../shared/data` beside the repository (the development and CI layout). Data is never part of
 * the repository itself.
 */
import { existsSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root: this file lives in packages/geodata/src. */
export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');

export interface DataDirChoice {
  /** Absolute directory, or null when none of the candidates exists. */
  dir: string | null;
  /** How it was chosen, for messages: "--data", "TONGILNET_DATA", "../shared/data". */
  via: string;
  /** Every place that was looked at, in order, for the "not found" message. */
  tried: string[];
}

function isDir(path: string): boolean {
  return existsSync(path) && statSync(path).isDirectory();
}

/**
 * Resolves the data directory. An explicit directory that does not exist is not silently skipped:
 * it is returned as not found so the caller can say so.
 */
export function findDataDir(
  explicit?: string,
  env: NodeJS.ProcessEnv = process.env,
): DataDirChoice {
  const tried: string[] = [];
  if (explicit) {
    const dir = resolve(explicit);
    tried.push(dir);
    return { dir: isDir(dir) ? dir : null, via: '--data', tried };
  }
  if (env.TONGILNET_DATA) {
    const dir = resolve(env.TONGILNET_DATA);
    tried.push(dir);
    return { dir: isDir(dir) ? dir : null, via: 'TONGILNET_DATA', tried };
  }
  const beside = resolve(repoRoot, '../shared/data');
  tried.push(beside);
  return { dir: isDir(beside) ? beside : null, via: '../shared/data', tried };
}

/** The shared-data file at `relative`, or a clear error saying where it was looked for. */
export function requireDataFile(relative: string, explicitDir?: string): string {
  const choice = findDataDir(explicitDir);
  if (!choice.dir) {
    throw new Error(
      `no data directory found (looked in ${choice.tried.join(', ')}); ` +
        'pass --data DIR or set TONGILNET_DATA',
    );
  }
  const path = resolve(choice.dir, relative);
  if (!existsSync(path))
    throw new Error(`${relative} not found in ${choice.dir} (via ${choice.via})`);
  return path;
}
