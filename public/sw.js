// JOKATSU service worker: keeps the app's files for offline use, per audience, serves them
// offline, fetches the feed network-first. Only same-origin GET requests are handled; the
// app never contacts another origin.
//
// scripts/postbuild.py fills in, after each build, a version derived from the content and
// the files of each audience (Trunk's hashed names): every page with the files it loads
// (src/site/mod.rs, `Page::audience`). A file two audiences load is listed under the first.
// - FIRST (`holder` on the public site, `office` in the office bundle) is kept when the
//   worker installs, i.e. on the first visit to any page;
// - another audience (`shop`) once one of its pages is opened on this device: at install if
//   one is open then, else when the page asks (message `PRECACHE`); from then on every new
//   version keeps it too.
// Nothing the page already downloaded is transferred again: a file with a content hash in
// its name is taken from the previous version's cache or the browser's HTTP cache (where
// the page's own files are: `only-if-cached`), else requested normally (the host lets
// those be cached for a year, docs/operations.md); the other files (entry pages, icons,
// manifest) are revalidated. The code files of an audience's other pages come in one pack
// (PACKS, scripts/postbuild.py): compressed together, their shared code costs once.
const VERSION = '__JOKATSU_VERSION__';
const AUDIENCES = __JOKATSU_AUDIENCES__;
const PACKS = __JOKATSU_PACKS__;
const FIRST = '__JOKATSU_FIRST__';
const SHELL = 'jokatsu-shell-' + VERSION;
const FEED = 'jokatsu-feed';
// Which audiences this device uses, and which were told that the app is ready offline
// (kept across versions; see offlineReady).
const STATE = 'jokatsu-offline';
const FEED_PATH = 'feed/';
// The default feed address (a JOKATSU_FEED_URL build outside feed/ is not cached here;
// the pages' shared storage copy still works offline: src/ui/feed_cache.rs).
const FEED_FILE = 'feed/feed.json';
const ALL = Object.values(AUDIENCES).flat();
// Content-hashed names: Trunk's `name-<hash>.js|_bg.wasm|.css` and its snippets folder.
const HASHED = /(^snippets\/[^/]+-[0-9a-f]{8,}\/|-[0-9a-f]{8,}(_bg)?\.(wasm|js|css)$)/;

self.addEventListener('install', (event) => {
  event.waitUntil((async () => {
    const wanted = new Set([FIRST, ...(await audiencesUsed()), ...(await audiencesOpen())]);
    const cache = await caches.open(SHELL);
    await Promise.all([...[...wanted].map((a) => precache(cache, a)), precacheFeed()]);
  })());
});

function stateKey(kind, audience) {
  return new URL(`${STATE}/${kind}/${audience}`, self.registration.scope).href;
}

async function audiencesUsed() {
  const state = await caches.open(STATE);
  const used = [];
  for (const a of Object.keys(AUDIENCES)) if (await state.match(stateKey('uses', a))) used.push(a);
  return used;
}

// The audiences of the pages open now (the page that registered this worker among them).
async function audiencesOpen() {
  const open = await self.clients.matchAll({ type: 'window', includeUncontrolled: true });
  return open.map((c) => audienceOf(scopePath(new URL(c.url)) || 'index.html')).filter(Boolean);
}

function audienceOf(path) {
  return Object.keys(AUDIENCES).find((a) => AUDIENCES[a].includes(path));
}

// Keep the files of `audience` in `cache` (those not there yet), and remember that this
// device uses it. Fails if a file cannot be had (the install then fails and is retried).
async function precache(cache, audience) {
  const missing = [];
  for (const path of AUDIENCES[audience]) if (!(await cache.match(path))) missing.push(path);
  // Already on this device: an earlier version's copy, or what the page downloaded.
  const had = await Promise.all(missing.map(async (path) => (HASHED.test(path)
    ? (await caches.match(path)) || fromHttpCache(path) : null)));
  const rest = [];
  await Promise.all(missing.map(async (path, i) => {
    if (had[i]) await cache.put(path, had[i]);
    else rest.push(path);
  }));
  const packed = await unpack(PACKS[audience], rest);
  await Promise.all(rest.map(async (path) => {
    const response = packed.get(path)
      || await fetch(new Request(path, { cache: HASHED.test(path) ? 'default' : 'no-cache' }));
    if (!response.ok) throw new Error(`${path}: ${response.status}`);
    await cache.put(path, response);
  }));
  if (audience !== FIRST) await (await caches.open(STATE)).put(stateKey('uses', audience), new Response('1'));
}

// The browser's copy of a file the page downloaded, however old (the name changes with
// the content), or null: never the network.
async function fromHttpCache(path) {
  try {
    const response = await fetch(new Request(path, { cache: 'only-if-cached', mode: 'same-origin' }));
    return response.ok ? response : null;
  } catch (err) {
    return null;
  }
}

// The files of `wanted` that a pack of the audience holds, cut out of it: of its packs,
// the first that holds every such file (scripts/postbuild.py: without the audience's first
// page's files, then with them), when they are half the pack or more (a pack compresses to
// about half of its files compressed one by one; after an update that changed a page or
// two, those come one by one). An empty map if the pack cannot be had as it was built, or
// comes uncompressed (a host that does not send the precompressed copy: one by one is then
// no worse); those files are then fetched one by one.
async function unpack(packs = [], wanted) {
  const cut = new Map();
  const holds = (p, path) => p.entries.some(([file]) => file === path);
  const packable = wanted.filter((path) => packs.some((p) => holds(p, path)));
  const pack = packs.find((p) => packable.every((path) => holds(p, path)));
  const inside = pack ? pack.entries.filter(([path]) => wanted.includes(path)) : [];
  if (inside.length < 2 || 2 * inside.reduce((n, [, , length]) => n + length, 0) < pack.size) return cut;
  try {
    const response = await fetch(pack.file);
    if (!response.ok || !response.headers.get('content-encoding')) {
      if (response.body) await response.body.cancel();
      return cut;
    }
    const bytes = await response.arrayBuffer();
    if (bytes.byteLength !== pack.size) return cut;
    for (const [path, offset, length, type] of inside) {
      cut.set(path, new Response(bytes.slice(offset, offset + length), { headers: { 'content-type': type } }));
    }
  } catch (err) {
    // offline or refused: one by one (which fails the install the same way)
  }
  return cut;
}

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

// A page asks whether its audience's files are kept (keeping them now if not): the answer
// `first: true` tells it to say once that the app is ready offline; each audience is told
// once per device.
async function offlineReady(audience) {
  await precache(await caches.open(SHELL), audience);
  const state = await caches.open(STATE);
  const said = stateKey('said', audience);
  if (await state.match(said)) return false;
  await state.put(said, new Response('1'));
  return true;
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
  const data = event.data || {};
  if (data.type === 'SKIP_WAITING') self.skipWaiting();
  if (data.type === 'PRECACHE' && AUDIENCES[data.audience] && event.ports[0]) {
    const port = event.ports[0];
    event.waitUntil(offlineReady(data.audience).then(
      (first) => port.postMessage({ ready: true, first }),
      () => port.postMessage({ ready: false, first: false }),
    ));
  }
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

async function shellCacheFirst(event, path) {
  const request = event.request;
  const cache = await caches.open(SHELL);
  // A navigation to an address that is not one of the pages gets the home page.
  const key = path === '' || (request.mode === 'navigate' && !ALL.includes(path)) ? 'index.html' : path;
  const hit = await cache.match(key);
  if (hit) return hit;
  const response = await fetch(request);
  // A file of an audience not kept yet (shop mode opened the first time on a device that
  // has this worker): kept as it passes, so the page works offline after this visit.
  if (response.ok && key === path && ALL.includes(path)) event.waitUntil(cache.put(path, response.clone()));
  return response;
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
  } else if (request.mode === 'navigate' || ALL.includes(path) || path === '') {
    event.respondWith(shellCacheFirst(event, path));
  }
});
