/**
 * Builds the web app: the messenger at `/` (also served at `/i`, the invitation landing), the
 * planner at `/planner/`, and the messenger's service worker at `/sw.js`. Nothing is loaded from
 * another origin at run time: fonts are the system's, tiles and data come from our server.
 *
 * The plugin "messenger-shell" writes what only the finished bundle knows: the list of files the
 * service worker caches (every chunk the messenger can load, eagerly or lazily, and its CSS) and
 * a web app manifest per disguise and language, with PNG icons (icons.ts) besides the SVGs.
 */
import { createHash } from 'node:crypto';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';
import { iconPng } from './icons.ts';

const root = dirname(fileURLToPath(import.meta.url));

/** Disguises: the name on the home screen and its icon (see src/messenger/settings.ts). */
const manifests = {
  none: { ko: '통일넷', en: 'Tongilnet', icon: 'tongilnet', color: '#0b3d91' },
  calculator: { ko: '계산기', en: 'Calculator', icon: 'calculator', color: '#3c4043' },
  notes: { ko: '메모', en: 'Notes', icon: 'notes', color: '#fbbc04' },
} as const;

interface ChunkLike {
  type: 'chunk';
  name: string;
  isEntry: boolean;
  code: string;
  moduleIds: string[];
  imports: string[];
  dynamicImports: string[];
  viteMetadata?: { importedCss: Set<string>; importedAssets: Set<string> };
}

function messengerShell(): Plugin {
  return {
    name: 'messenger-shell',
    apply: 'build',
    enforce: 'post',
    generateBundle(_options, bundle) {
      const manifestFiles: string[] = [];
      const iconFiles: string[] = [];
      for (const { icon } of Object.values(manifests)) {
        for (const size of [192, 512]) {
          const fileName = `icons/${icon}-${size}.png`;
          iconFiles.push(`/${fileName}`);
          this.emitFile({ type: 'asset', fileName, source: iconPng(icon, size) });
        }
      }
      for (const [id, m] of Object.entries(manifests)) {
        for (const lang of ['ko', 'en'] as const) {
          const fileName = `manifest-${id}-${lang}.webmanifest`;
          manifestFiles.push(`/${fileName}`);
          this.emitFile({
            type: 'asset',
            fileName,
            source: JSON.stringify(
              {
                name: m[lang],
                short_name: m[lang],
                lang,
                start_url: '/',
                scope: '/',
                display: 'standalone',
                background_color: '#ffffff',
                theme_color: m.color,
                icons: [
                  { src: `/icons/${m.icon}-192.png`, sizes: '192x192', type: 'image/png' },
                  { src: `/icons/${m.icon}-512.png`, sizes: '512x512', type: 'image/png' },
                  { src: `/icons/${m.icon}.svg`, sizes: 'any', type: 'image/svg+xml' },
                ],
              },
              null,
              2,
            ),
          });
        }
      }
      const chunks = new Map<string, ChunkLike>();
      for (const [fileName, item] of Object.entries(bundle)) {
        if (item.type === 'chunk') chunks.set(fileName, item as unknown as ChunkLike);
      }
      const entry = [...chunks.entries()].find(([, c]) => c.isEntry && c.name === 'messenger');
      const sw = [...chunks.entries()].find(([, c]) => c.isEntry && c.name === 'sw');
      if (!entry || !sw) this.error('messenger-shell: the messenger or sw entry is missing');
      const files = new Set<string>(['/index.html', ...manifestFiles, ...iconFiles]);
      for (const icon of Object.values(manifests)) files.add(`/icons/${icon.icon}.svg`);
      const visit = (fileName: string) => {
        if (files.has(`/${fileName}`)) return;
        const chunk = chunks.get(fileName);
        // The JavaScript QR decoder (~48 KB gz) serves only browsers without BarcodeDetector, and
        // only when they scan: fetched then, never part of every phone's install.
        if (chunk?.moduleIds.some((id) => id.includes('/node_modules/jsqr/'))) return;
        files.add(`/${fileName}`);
        if (!chunk) return;
        for (const css of chunk.viteMetadata?.importedCss ?? []) files.add(`/${css}`);
        for (const asset of chunk.viteMetadata?.importedAssets ?? []) files.add(`/${asset}`);
        for (const next of [...chunk.imports, ...chunk.dynamicImports]) visit(next);
      };
      visit(entry[0]);
      const list = [...files].sort();
      const version = createHash('sha256')
        .update(list.join('\n'))
        .update(entry[1].code)
        .digest('hex')
        .slice(0, 16);
      const swChunk = sw[1];
      if (!swChunk.code.includes('__SHELL_FILES__')) this.error('messenger-shell: no placeholder');
      swChunk.code = swChunk.code
        .replace('__SHELL_FILES__', JSON.stringify(list).replace(/'/g, "\\'"))
        .replace('__SHELL_VERSION__', version);
    },
  };
}

export default defineConfig({
  root,
  base: '/',
  publicDir: resolve(root, 'public'),
  build: {
    outDir: resolve(root, 'dist'),
    emptyOutDir: true,
    // dist/.vite/manifest.json: what each entry loads, for size.ts (the server never serves it).
    manifest: true,
    target: 'es2020',
    // The planner's map library is large by nature; the messenger's size is reported separately.
    chunkSizeWarningLimit: 1500,
    rolldownOptions: {
      input: {
        messenger: resolve(root, 'index.html'),
        planner: resolve(root, 'planner/index.html'),
        sw: resolve(root, 'src/sw.ts'),
      },
      output: {
        entryFileNames: (chunk) => (chunk.name === 'sw' ? 'sw.js' : 'assets/[name]-[hash].js'),
      },
    },
  },
  plugins: [messengerShell()],
});
