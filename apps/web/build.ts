/**
 * @module build
 * Builds the web app with Vite's JavaScript API, and tells whether a build is current. Used by
 * `tongilnet serve` (build on first start), by the e2e tests (build first, then drive Chromium)
 * and by `npm run build -w @tongilnet/web`.
 */
import { existsSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { build } from 'vite';

export const webRoot = import.meta.dirname;
export const defaultOutDir = join(webRoot, 'dist');

/** Newest modification time under `dir` (files only), ms; 0 when it does not exist. */
function newest(dir: string): number {
  if (!existsSync(dir)) return 0;
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    latest = Math.max(latest, statSync(join(entry.parentPath, entry.name)).mtimeMs);
  }
  return latest;
}

/** True when `outDir` holds a build at least as new as every source of the app. */
export function isBuilt(outDir = defaultOutDir): boolean {
  const built = existsSync(join(outDir, 'index.html'))
    ? statSync(join(outDir, 'index.html')).mtimeMs
    : 0;
  if (built === 0) return false;
  const sources = Math.max(
    newest(join(webRoot, 'src')),
    newest(join(webRoot, 'public')),
    statSync(join(webRoot, 'index.html')).mtimeMs,
    statSync(join(webRoot, 'planner', 'index.html')).mtimeMs,
    statSync(join(webRoot, 'vite.config.ts')).mtimeMs,
  );
  return built >= sources;
}

/**
 * Runs `vite build` into `outDir` (default apps/web/dist). The build goes to a fresh directory
 * beside it and is then swapped in, so a server reading `outDir` never sees half a build, and two
 * processes building at once (tests starting servers in parallel) cannot mix their files.
 */
export async function buildWeb(outDir = defaultOutDir): Promise<string> {
  const stamp = `${process.pid}-${Date.now()}`;
  const fresh = join(dirname(outDir), `.build-${basename(outDir)}-${stamp}`);
  const old = join(dirname(outDir), `.old-${basename(outDir)}-${stamp}`);
  try {
    await build({
      configFile: join(webRoot, 'vite.config.ts'),
      logLevel: 'warn',
      build: { outDir: fresh, emptyOutDir: true },
    });
    if (existsSync(outDir)) renameSync(outDir, old);
    try {
      renameSync(fresh, outDir);
    } catch (error) {
      // Another process swapped its build in meanwhile: built from the same sources, keep it.
      if (!existsSync(join(outDir, 'index.html'))) throw error;
    }
  } finally {
    rmSync(fresh, { recursive: true, force: true });
    rmSync(old, { recursive: true, force: true });
  }
  return outDir;
}

/** Builds unless `outDir` is already current; returns the directory. */
export async function ensureBuilt(outDir = defaultOutDir): Promise<string> {
  if (!isBuilt(outDir)) await buildWeb(outDir);
  return outDir;
}
