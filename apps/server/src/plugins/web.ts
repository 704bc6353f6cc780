/**
 * @module plugins/web
 * Serves the built web app (apps/web, `vite build`): the messenger at `/` and at `/i` (the
 * landing of invitation links, whose payload stays in the fragment the browser never sends), the
 * planner at `/planner/`, the messenger's service worker at `/sw.js`, and the hashed files under
 * `/assets/`.
 *
 * Built for a 9.6 kbit/s link: files are compressed once (Brotli, else gzip) and kept in memory,
 * hashed assets are cacheable for a year, pages revalidate by ETag (a 304 costs a few bytes).
 * Every page is sent with a Content-Security-Policy that allows only this origin: the app loads no
 * third-party script, font, tile or style, and the browser enforces it.
 */
import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, resolve, sep } from 'node:path';
import { brotliCompressSync, constants as zlib, gzipSync } from 'node:zlib';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

export interface WebOptions {
  /** The directory `vite build` wrote (apps/web/dist). */
  dir: string;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.wasm': 'application/wasm',
};

const COMPRESSIBLE = new Set([
  '.html',
  '.js',
  '.mjs',
  '.css',
  '.json',
  '.webmanifest',
  '.svg',
  '.txt',
]);

/**
 * Only this origin, for everything. `blob:` workers and images are MapLibre's (it starts its
 * workers from a blob and decodes tiles into blobs); `data:` images are the planner's overlays.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "worker-src 'self' blob:",
  "child-src 'self' blob:",
  "connect-src 'self'",
  "font-src 'self'",
  "media-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "form-action 'self'",
].join('; ');

interface Entry {
  body: Buffer;
  br?: Buffer;
  gzip?: Buffer;
  type: string;
  etag: string;
  mtimeMs: number;
}

/** Paths that are pages of the app, and the file each one is. */
const PAGES: Record<string, string> = {
  '/': 'index.html',
  '/i': 'index.html',
  '/index.html': 'index.html',
  '/planner/': 'planner/index.html',
  '/planner/index.html': 'planner/index.html',
};

export async function webPlugin(app: FastifyInstance, options: WebOptions): Promise<void> {
  const dir = resolve(options.dir);
  const cache = new Map<string, Entry>();

  async function load(relative: string): Promise<Entry | undefined> {
    const file = resolve(dir, relative);
    // Never leave the build directory, whatever the path says.
    if (file !== dir && !file.startsWith(dir + sep)) return undefined;
    let info;
    try {
      info = await stat(file);
    } catch {
      return undefined;
    }
    if (!info.isFile()) return undefined;
    const hit = cache.get(file);
    if (hit && hit.mtimeMs === info.mtimeMs) return hit;
    const body = await readFile(file);
    const ext = extname(file);
    const entry: Entry = {
      body,
      type: TYPES[ext] ?? 'application/octet-stream',
      etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 22)}"`,
      mtimeMs: info.mtimeMs,
    };
    if (COMPRESSIBLE.has(ext) && body.length > 256) {
      entry.br = brotliCompressSync(body, {
        params: { [zlib.BROTLI_PARAM_QUALITY]: 11, [zlib.BROTLI_PARAM_SIZE_HINT]: body.length },
      });
      entry.gzip = gzipSync(body, { level: 9 });
    }
    cache.set(file, entry);
    return entry;
  }

  function send(request: FastifyRequest, reply: FastifyReply, entry: Entry, path: string) {
    const immutable = path.startsWith('/assets/');
    const page = entry.type.startsWith('text/html');
    reply
      .header('content-type', entry.type)
      .header('etag', entry.etag)
      .header('vary', 'accept-encoding')
      .header('x-content-type-options', 'nosniff')
      .header('referrer-policy', 'no-referrer')
      .header('cache-control', immutable ? 'public, max-age=31536000, immutable' : 'no-cache');
    if (page) {
      reply.header('content-security-policy', CONTENT_SECURITY_POLICY);
      reply.header('x-frame-options', 'DENY');
    }
    if (request.headers['if-none-match'] === entry.etag) return reply.code(304).send();
    const accept = String(request.headers['accept-encoding'] ?? '');
    if (entry.br && /\bbr\b/.test(accept)) {
      return reply.header('content-encoding', 'br').send(entry.br);
    }
    if (entry.gzip && /\bgzip\b/.test(accept)) {
      return reply.header('content-encoding', 'gzip').send(entry.gzip);
    }
    return reply.send(entry.body);
  }

  async function serve(request: FastifyRequest, reply: FastifyReply, path: string) {
    const relative = PAGES[path] ?? decodeURIComponent(path).replace(/^\/+/, '');
    if (relative.split('/').some((part) => part === '..' || part.startsWith('.'))) {
      return reply.code(404).send({ error: 'not found' });
    }
    const entry = await load(relative);
    if (!entry) {
      if (PAGES[path]) {
        return reply
          .code(503)
          .type('text/plain; charset=utf-8')
          .send(`The web app is not built in ${dir}: run npm run build -w @tongilnet/web\n`);
      }
      return reply.code(404).send({ error: 'not found' });
    }
    return send(request, reply, entry, path);
  }

  app.get('/planner', (_request, reply) => reply.redirect('/planner/', 301));
  app.get('/*', (request, reply) => {
    const path = request.url.split(/[?#]/)[0]!;
    return serve(request, reply, path);
  });
  app.get('/', (request, reply) => serve(request, reply, '/'));
  return Promise.resolve();
}

/** The default build directory: apps/web/dist beside this app in the repository. */
export function defaultWebDir(): string {
  return join(import.meta.dirname, '..', '..', '..', 'web', 'dist');
}
