// The `tongilnet` command as one ES module, made with esbuild from src/main.ts and the workspace
// packages it imports, and kept until a source changes. Running the TypeScript through tsx took
// 2.6 s before the first line of output (tsx compiling ~300 modules on every start); the bundle
// starts in a fraction of that. npm packages stay imports that Node loads as usual, and every
// module keeps its own import.meta.url / import.meta.dirname (data files, migrations, the web
// app and the coverage worker are found next to their sources, as before).
import { createHash } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  readdirSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const cliDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const root = join(cliDir, '..', '..');
const cacheDir = join(cliDir, 'node_modules', '.cache', 'tongilnet');

/** Every TypeScript source the command can reach: the workspaces' src trees and web/build.ts. */
function sources() {
  const out = [];
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith('.ts')) out.push(path);
    }
  };
  for (const group of ['packages', 'apps']) {
    for (const name of readdirSync(join(root, group))) {
      const src = join(root, group, name, 'src');
      if (existsSync(src)) walk(src);
    }
  }
  out.push(join(root, 'apps', 'web', 'build.ts'));
  return out.sort();
}

/** A key that changes when any source does (path, size, mtime), computed in milliseconds. */
function sourcesKey() {
  const hash = createHash('sha256');
  for (const file of sources()) {
    const s = statSync(file);
    hash.update(`${file}\0${s.size}\0${s.mtimeMs}\n`);
  }
  return hash.digest('hex').slice(0, 16);
}

async function build(file) {
  const esbuild = await import('esbuild');
  mkdirSync(cacheDir, { recursive: true });
  const mismatched = [];
  const result = await esbuild.build({
    entryPoints: [join(cliDir, 'src', 'main.ts')],
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    write: false,
    logLevel: 'silent',
    plugins: [
      {
        name: 'tongilnet',
        setup(b) {
          // npm packages stay imports, provided Node finds the same file from the bundle's folder.
          b.onResolve({ filter: /^[^./]/ }, async (args) => {
            if (args.path.startsWith('@tongilnet/') || args.pluginData === 'probe')
              return undefined;
            const probe = { kind: args.kind, pluginData: 'probe' };
            const here = await b.resolve(args.path, { ...probe, resolveDir: args.resolveDir });
            const there = await b.resolve(args.path, { ...probe, resolveDir: cacheDir });
            if (here.path !== there.path) mismatched.push(args.path);
            return { external: true };
          });
          // Each module keeps its own location.
          b.onLoad({ filter: /\.ts$/ }, async (args) => {
            const text = await readFile(args.path, 'utf8');
            return {
              loader: 'ts',
              contents: text
                .replaceAll('import.meta.url', JSON.stringify(pathToFileURL(args.path).href))
                .replaceAll('import.meta.dirname', JSON.stringify(dirname(args.path))),
            };
          });
        },
      },
    ],
  });
  if (mismatched.length > 0) throw new Error(`nested packages: ${mismatched.join(', ')}`);
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, result.outputFiles[0].contents);
  renameSync(tmp, file);
  // Bundles of older sources are dead weight (a process still running one has it open already).
  for (const name of readdirSync(cacheDir)) {
    if (/^cli-[0-9a-f]+\.mjs$/.test(name) && join(cacheDir, name) !== file) {
      rmSync(join(cacheDir, name), { force: true });
    }
  }
}

/** The bundled `main`, or undefined when it cannot be made (the caller runs the sources). */
export async function bundledMain() {
  if (process.env.TONGILNET_CLI_TSX === '1') return undefined;
  try {
    const file = join(cacheDir, `cli-${sourcesKey()}.mjs`);
    if (!existsSync(file)) await build(file);
    return (await import(pathToFileURL(file).href)).main;
  } catch (error) {
    // Not fatal: the sources still run. TONGILNET_DEBUG=1 says why the bundle was not made.
    if (process.env.TONGILNET_DEBUG === '1') console.error('tongilnet: no bundle:', error);
    return undefined;
  }
}
