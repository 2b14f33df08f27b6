// A static server for the end-to-end tests: serves ../../dist under a sub-path (/jokatsu/)
// like the city's website would, and can be told (POST /__control) to answer the feed
// URL badly, to test that the app keeps its last good copy. Loopback only.
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';
import crypto from 'node:crypto';

const here = path.dirname(fileURLToPath(import.meta.url));
// E2E_DIST / E2E_DIST_OFFICE: another build (the production build's, target/prod/).
const dist = path.resolve(here, process.env.E2E_DIST || '../../dist');
// The office bundle (the city's internal server) under its own prefix.
const distOffice = path.resolve(here, process.env.E2E_DIST_OFFICE || '../../dist-office');
const officeBase = '/office/';
const base = '/jokatsu/';
const port = Number(process.env.PORT || 4173);
const types = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.mjs': 'text/javascript',
  '.wasm': 'application/wasm', '.css': 'text/css', '.json': 'application/json',
  '.webmanifest': 'application/manifest+json', '.svg': 'image/svg+xml', '.png': 'image/png',
  '.ics': 'text/calendar; charset=utf-8',
};
// COMPRESS=1 (the benchmarks): brotli as a real host would send it, cached per file content.
// A test can turn it on for itself (POST /__control {"compress": true}; each control
// message without it goes back to the default).
const compressDefault = process.env.COMPRESS === '1';
let compress = compressDefault;
const brCache = new Map();
// Caching as docs/operations.md asks of the city's host: a file with a content hash in its
// name (Trunk's `name-<hash>.js|_bg.wasm|.css`, its snippets folder) may be kept for a year;
// the others are revalidated (`no-cache`) by their ETag (304 when unchanged). The service
// worker relies on it to take the first visit's files from the browser's cache
// (public/sw.js), not from the network again.
const HASHED = /(\/snippets\/[^/]+-[0-9a-f]{8,}\/|-[0-9a-f]{8,}(_bg)?\.(wasm|js|css)$)/;
function send(req, res, file, data, headers) {
  const type = types[path.extname(file)] || 'application/octet-stream';
  if (HASHED.test(file) && headers['cache-control'] === 'no-cache') {
    headers = { ...headers, 'cache-control': 'public, max-age=31536000, immutable' };
  }
  const etag = '"' + crypto.createHash('sha256').update(data).digest('base64url').slice(0, 22) + '"';
  headers = { ...headers, etag };
  if (req.headers['if-none-match'] === etag) { res.writeHead(304, headers); res.end(); return; }
  if (compress && /\bbr\b/.test(req.headers['accept-encoding'] || '') && !type.startsWith('image/png')) {
    // The build's precompressed copy (`make dist` writes FILE.br, as a host's
    // brotli_static would serve it) when it matches; else compressed here once.
    // Cached with the content it compresses: a rebuild while the server runs is served anew.
    let cached = brCache.get(file);
    if (!cached || !cached.data.equals(data)) {
      let pre = null;
      try { pre = fs.readFileSync(file + '.br'); } catch { /* none */ }
      cached = { data, br: pre && zlib.brotliDecompressSync(pre).equals(data) ? pre : zlib.brotliCompressSync(data) };
      brCache.set(file, cached);
    }
    const br = cached.br;
    res.writeHead(200, { ...headers, 'content-type': type, 'content-encoding': 'br', vary: 'accept-encoding' });
    res.end(br);
    return;
  }
  res.writeHead(200, { ...headers, 'content-type': type });
  res.end(data);
}
let feedMode = 'ok';
let feedOverride = null;
let swSuffix = '';

function badFeed(mode, res, good) {
  switch (mode) {
    case 'offline': res.socket.destroy(); return;
    case '404': res.writeHead(404, { 'content-type': 'text/html' }); res.end('<!doctype html><title>404</title><h1>Not Found</h1>'); return;
    case 'html': res.writeHead(200, { 'content-type': 'text/html' }); res.end('<!DOCTYPE html><html><body>メンテナンス中</body></html>'); return;
    case 'truncated': res.writeHead(200, { 'content-type': 'application/json' }); res.end(good.subarray(0, Math.floor(good.length / 2))); return;
    case 'wrong-version': {
      const f = JSON.parse(good); f.version = 99;
      res.writeHead(200, { 'content-type': 'application/json' }); res.end(JSON.stringify(f)); return;
    }
    case 'deep-type': {
      const f = JSON.parse(good); f.publisher = { ja: 42 };
      res.writeHead(200, { 'content-type': 'application/json' }); res.end(JSON.stringify(f)); return;
    }
    case 'huge': {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"format":"jokatsu-feed","version":1,"pad":"' + 'x'.repeat(3 * 1024 * 1024) + '"}'); return;
    }
    default: res.writeHead(500); res.end('unknown mode');
  }
}

// What was sent (path, status, body bytes as sent, i.e. compressed), for the tests and the
// benchmark that count a first visit's transfer: `GET /__log` answers it and starts afresh.
let sent = [];

const server = http.createServer((req, res) => {
  const url = new URL(req.url, `http://${req.headers.host}`);
  if (url.pathname === '/__log') {
    res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' });
    res.end(JSON.stringify(sent));
    sent = [];
    return;
  }
  const end = res.end.bind(res);
  res.end = (body, ...rest) => {
    sent.push({ path: url.pathname, status: res.statusCode, bytes: body ? Buffer.byteLength(body) : 0 });
    return end(body, ...rest);
  };
  if (url.pathname === '/__control' && req.method === 'POST') {
    let body = '';
    req.on('data', (c) => { body += c; });
    req.on('end', () => {
      const msg = JSON.parse(body || '{}');
      feedMode = msg.feed || 'ok';
      feedOverride = msg.feedBody ?? null;
      swSuffix = msg.swSuffix ?? '';
      compress = msg.compress ?? compressDefault;
      res.writeHead(204); res.end();
    });
    return;
  }
  if (url.pathname === '/') { res.writeHead(302, { location: base }); res.end(); return; }
  if (url.pathname.startsWith(officeBase)) {
    const rel = decodeURIComponent(url.pathname.slice(officeBase.length)) || 'office.html';
    const file = path.resolve(distOffice, rel);
    if (!file.startsWith(distOffice)) { res.writeHead(403); res.end(); return; }
    fs.readFile(file, (err, data) => {
      if (err) { res.writeHead(404, { 'content-type': 'text/html' }); res.end('<h1>404</h1>'); return; }
      send(req, res, file, data, { 'cache-control': 'no-cache' });
    });
    return;
  }
  if (!url.pathname.startsWith(base)) { res.writeHead(404); res.end('not here'); return; }
  let rel = decodeURIComponent(url.pathname.slice(base.length)) || 'index.html';
  const file = path.resolve(dist, rel);
  if (!file.startsWith(dist)) { res.writeHead(403); res.end(); return; }
  const headers = { 'cache-control': 'no-cache' };
  if (rel === 'feed/feed.json') {
    const good = fs.readFileSync(file);
    if (feedOverride !== null) { res.writeHead(200, { ...headers, 'content-type': 'application/json' }); res.end(feedOverride); return; }
    if (feedMode !== 'ok') { badFeed(feedMode, res, good); return; }
  }
  if (rel === 'sw.js' && swSuffix) {
    // A "new deployment": the service worker script changes.
    res.writeHead(200, { ...headers, 'content-type': 'text/javascript' });
    res.end(Buffer.concat([fs.readFileSync(file), Buffer.from(`\n${swSuffix}\n`)]));
    return;
  }
  fs.readFile(file, (err, data) => {
    if (err) { res.writeHead(404, { 'content-type': 'text/html' }); res.end('<h1>404</h1>'); return; }
    send(req, res, file, data, headers);
  });
});
server.listen(port, '127.0.0.1', () => console.log(`e2e server on http://127.0.0.1:${port}${base}`));
