/**
 * @module size
 * What the messenger costs on the wire, from the build's manifest: the bytes before the first
 * screen shows, the bytes to create an identity and chat, and everything it can ever load, each as
 * raw, gzip (level 9, what most servers send) and Brotli (what `tongilnet serve` sends) — and the
 * seconds each takes at 9.6 kbit/s. The planner is reported too, for scale.
 *
 *   npm run size -w @tongilnet/web        (builds first if the build is stale)
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, gzipSync, constants } from 'node:zlib';
import { defaultOutDir, ensureBuilt } from './build.ts';

interface ManifestChunk {
  file: string;
  src?: string;
  isEntry?: boolean;
  isDynamicEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
  css?: string[];
}
type Manifest = Record<string, ManifestChunk>;

export interface SizeLine {
  what: string;
  files: number;
  raw: number;
  gzip: number;
  brotli: number;
}

/** Files a manifest key loads: its chunk, static imports (recursively) and their CSS. */
function closure(manifest: Manifest, keys: string[], dynamic: boolean): Set<string> {
  const files = new Set<string>();
  const seen = new Set<string>();
  const visit = (key: string) => {
    if (seen.has(key)) return;
    seen.add(key);
    const chunk = manifest[key];
    if (!chunk) return;
    files.add(chunk.file);
    for (const css of chunk.css ?? []) files.add(css);
    for (const next of chunk.imports ?? []) visit(next);
    if (dynamic) for (const next of chunk.dynamicImports ?? []) visit(next);
  };
  for (const key of keys) visit(key);
  return files;
}

function measure(dir: string, what: string, files: Iterable<string>): SizeLine {
  const line: SizeLine = { what, files: 0, raw: 0, gzip: 0, brotli: 0 };
  for (const file of files) {
    if (!/\.(js|mjs|css)$/.test(file)) continue;
    const bytes = readFileSync(join(dir, file));
    line.files++;
    line.raw += bytes.length;
    line.gzip += gzipSync(bytes, { level: 9 }).length;
    line.brotli += brotliCompressSync(bytes, {
      params: { [constants.BROTLI_PARAM_QUALITY]: 11 },
    }).length;
  }
  return line;
}

/** Sizes of the messenger (and the planner) in a build directory. */
export function webSizes(dir = defaultOutDir): SizeLine[] {
  const manifest = JSON.parse(
    readFileSync(join(dir, '.vite', 'manifest.json'), 'utf8'),
  ) as Manifest;
  const entry = 'index.html';
  const app = Object.keys(manifest).find((k) => k.endsWith('src/messenger/app.ts'));
  if (!manifest[entry] || !app) throw new Error(`${dir}: no messenger entry in the manifest`);
  const first = closure(manifest, [entry], false);
  const toChat = closure(manifest, [entry, app], false);
  // Creating an identity also loads one BIP-39 word list (a dynamic chunk of the SDK).
  const wordlist = Object.keys(manifest).find((k) => /wordlists\/korean/.test(k));
  if (wordlist) for (const f of closure(manifest, [wordlist], false)) toChat.add(f);
  const all = closure(manifest, [entry], true);
  const planner = closure(manifest, ['planner/index.html'], true);
  return [
    measure(dir, 'messenger: first screen', first),
    measure(dir, 'messenger: create an identity and chat', toChat),
    measure(dir, 'messenger: everything it can load', all),
    measure(dir, 'planner (desktop, for scale)', planner),
  ];
}

const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
/** Seconds on a 9.6 kbit/s link (payload only, no TCP/TLS/HTTP overhead). */
const air = (n: number) => `${((n * 8) / 9600).toFixed(0)} s`;

if (import.meta.url === `file://${process.argv[1]}`) {
  const dir = await ensureBuilt();
  console.log(
    'what                                      files      raw     gzip   brotli  brotli@9.6k',
  );
  for (const l of webSizes(dir)) {
    console.log(
      `${l.what.padEnd(40)} ${String(l.files).padStart(6)} ${kb(l.raw).padStart(9)} ${kb(l.gzip).padStart(8)} ${kb(l.brotli).padStart(8)} ${air(l.brotli).padStart(11)}`,
    );
  }
}
