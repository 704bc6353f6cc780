/**
 * @module engine/worker-bundle
 * The script coverage workers start from. Each worker thread running the TypeScript sources through
 * tsx compiles ~100 modules on its own (0.4–1 s per start, every pool, every run); one esbuild
 * bundle of engine/worker.ts, made once per process (~0.15 s) and written where Node resolves its
 * packages, starts in a few tens of milliseconds. Our workspace packages are bundled; everything
 * from npm stays an import, loaded by Node as usual. If the bundle cannot be made (no esbuild,
 * a read-only tree) the pool starts from worker-entry.js, which registers tsx instead.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, renameSync, writeFileSync, existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** The plain-JS entry that registers tsx in the thread, then loads worker.ts. */
export const tsxWorkerUrl = new URL('./worker-entry.js', import.meta.url);

let bundled: Promise<URL> | null = null;

/** The URL workers start from: the bundle when it can be made, else the tsx entry. */
export function workerScriptUrl(): Promise<URL> {
  bundled ??= bundle().catch(() => tsxWorkerUrl);
  return bundled;
}

async function bundle(): Promise<URL> {
  if (process.env.TONGILNET_WORKER_TSX === '1') return tsxWorkerUrl;
  const esbuild = await import('esbuild');
  const result = await esbuild.build({
    entryPoints: [fileURLToPath(new URL('./worker.ts', import.meta.url))],
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    write: false,
    logLevel: 'silent',
    plugins: [
      {
        name: 'npm-packages-stay-imports',
        setup(build) {
          build.onResolve({ filter: /^[^./]/ }, (args) =>
            args.path.startsWith('@tongilnet/') ? undefined : { external: true },
          );
        },
      },
    ],
  });
  const text = result.outputFiles[0]!.contents;
  // Named by content, so concurrent processes and stale sources never share a wrong file; under
  // this package's node_modules so the bundle's npm imports resolve as the sources' do.
  const hash = createHash('sha256').update(text).digest('hex').slice(0, 16);
  const dir = new URL('../../node_modules/.cache/tongilnet/', import.meta.url);
  const file = new URL(`coverage-worker-${hash}.mjs`, dir);
  if (!existsSync(file)) {
    mkdirSync(dir, { recursive: true });
    const tmp = new URL(`coverage-worker-${hash}.${process.pid}.tmp`, dir);
    writeFileSync(tmp, text);
    renameSync(tmp, file);
  }
  return pathToFileURL(fileURLToPath(file));
}
