/**
 * @module sw
 * The messenger's service worker: it keeps the app shell (HTML, scripts, styles, icons,
 * manifests) in the Cache API so the messenger opens with no link at all, and so a phone that
 * opened it once never downloads it again on a 9.6 kbit/s link until the app changes.
 *
 * - install: caches the build's list of messenger files (the build writes it into this file).
 * - activate: drops the shells of older builds.
 * - fetch: messenger pages and files come from the cache first; everything else (the API under
 *   /v1 and /api, the planner, a desktop tool) goes to the network untouched.
 *
 * Messages themselves never pass through here: the page syncs them when a link appears (the
 * `online` event), because the keys live with the page's IndexedDB store, not in the worker.
 */

// Minimal shapes of the Service Worker API (the DOM lib of this project does not include the
// WebWorker lib, whose globals conflict with it).
interface ExtendableEvent extends Event {
  waitUntil(work: Promise<unknown>): void;
}
interface FetchEvent extends ExtendableEvent {
  readonly request: Request;
  respondWith(response: Promise<Response> | Response): void;
}
interface WorkerScope {
  addEventListener(type: 'install' | 'activate', listener: (event: ExtendableEvent) => void): void;
  addEventListener(type: 'fetch', listener: (event: FetchEvent) => void): void;
  skipWaiting(): Promise<void>;
  readonly clients: { claim(): Promise<void> };
  readonly location: Location;
}

const scope = self as unknown as WorkerScope;

// Replaced by the build (vite.config.ts, plugin "messenger-shell") with the hashed file names.
const SHELL: string[] = JSON.parse('__SHELL_FILES__') as string[];
// Neutral names: the browser's storage may be looked at, and a disguise must hold there too.
const CACHE = 'shell-__SHELL_VERSION__';
const PREFIX = 'shell-';

/** Paths that open the messenger page (the invitation landing /i included). */
const PAGES = new Set(['/', '/i', '/index.html']);

scope.addEventListener('install', (event) => {
  event.waitUntil(
    caches
      .open(CACHE)
      .then((cache) => cache.addAll(SHELL))
      .then(() => scope.skipWaiting()),
  );
});

scope.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) =>
        Promise.all(
          keys.filter((k) => k.startsWith(PREFIX) && k !== CACHE).map((k) => caches.delete(k)),
        ),
      )
      .then(() => scope.clients.claim()),
  );
});

const SHELL_PATHS = new Set(SHELL);

function isShellPath(path: string): boolean {
  return PAGES.has(path) || SHELL_PATHS.has(path);
}

async function fromCacheFirst(request: Request, path: string): Promise<Response> {
  const cache = await caches.open(CACHE);
  const key = PAGES.has(path) ? '/index.html' : request;
  const hit = await cache.match(key, { ignoreSearch: PAGES.has(path) });
  if (hit) return hit;
  const response = await fetch(request);
  // A shell file missing from the cache (evicted, or install interrupted) is kept again.
  if (response.ok && !PAGES.has(path)) await cache.put(request, response.clone());
  return response;
}

scope.addEventListener('fetch', (event) => {
  const { request } = event;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== scope.location.origin || !isShellPath(url.pathname)) return;
  event.respondWith(fromCacheFirst(request, url.pathname));
});
