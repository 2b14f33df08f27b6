// JOKATSU service worker: precache the app shell (Trunk's hashed file names are filled in
// by scripts/postbuild.py after each build), serve it offline, fetch the feed network-first.
// Only same-origin GET requests are handled; the app never contacts another origin.
const VERSION = '__JOKATSU_VERSION__';
const PRECACHE = __JOKATSU_PRECACHE__;
const SHELL = 'jokatsu-shell-' + VERSION;
const FEED = 'jokatsu-feed';
const FEED_PATH = 'feed/';
// The default feed address (a JOKATSU_FEED_URL build outside feed/ is not cached here;
// the pages' shared storage copy still works offline: src/ui/feed_cache.rs).
const FEED_FILE = 'feed/feed.json';

self.addEventListener('install', (event) => {
  event.waitUntil(Promise.all([
    caches.open(SHELL).then((cache) => cache.addAll(PRECACHE.map((p) => new Request(p, { cache: 'reload' })))),
    precacheFeed(),
  ]));
});

// The first visit fetched the feed before this worker controlled the page, so it never
// passed through feedNetworkFirst: fetch it once here, so that every page has it offline
// after one visit to any page. A failure never fails the install (the app still runs and
// says it has no information yet).
async function precacheFeed() {
  try {
    const url = new URL(FEED_FILE, self.registration.scope).href;
    const response = await fetch(url, { cache: 'no-cache' });
    if (response.ok) await (await caches.open(FEED)).put(url, response);
  } catch (err) {
    // offline or refused: nothing to cache
  }
}

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    for (const key of await caches.keys()) {
      if (key.startsWith('jokatsu-shell-') && key !== SHELL) await caches.delete(key);
    }
    await self.clients.claim();
  })());
});

self.addEventListener('message', (event) => {
  if (event.data && event.data.type === 'SKIP_WAITING') self.skipWaiting();
});

function scopePath(url) {
  const scope = new URL(self.registration.scope);
  return url.pathname.startsWith(scope.pathname) ? url.pathname.slice(scope.pathname.length) : null;
}

async function feedNetworkFirst(request) {
  const cache = await caches.open(FEED);
  try {
    const response = await fetch(request);
    if (response.ok) await cache.put(request.url.split('?')[0], response.clone());
    return response;
  } catch (err) {
    const cached = await cache.match(request.url.split('?')[0]);
    if (!cached) throw err;
    // Mark the answer as coming from the offline cache, so the app says so.
    const headers = new Headers(cached.headers);
    headers.set('x-jokatsu-cache', '1');
    return new Response(await cached.blob(), { status: 200, headers });
  }
}

async function shellCacheFirst(request, path) {
  const cache = await caches.open(SHELL);
  // A navigation to an address that is not one of the pages gets the home page.
  const key = path === '' || (request.mode === 'navigate' && !PRECACHE.includes(path)) ? 'index.html' : path;
  const hit = await cache.match(key);
  if (hit) return hit;
  return fetch(request);
}

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  const path = scopePath(url);
  if (path === null) return;
  if (path.startsWith(FEED_PATH)) {
    event.respondWith(feedNetworkFirst(request));
  } else if (request.mode === 'navigate' || PRECACHE.includes(path) || path === '') {
    event.respondWith(shellCacheFirst(request, path));
  }
});
