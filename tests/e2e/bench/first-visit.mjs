// What a first visit downloads, per audience, page and service worker together: a fresh
// profile opens the audience's page and waits until the app says it is ready offline (the
// worker has kept every page of that audience). Counted by the server (`/__log` of
// tests/e2e/server.mjs): the bytes of every answer's body as sent, brotli where the host
// compresses, 304 revalidations included (their bodies are empty). No throttling: bytes,
// not time.
// Usage: node bench/first-visit.mjs ORIGIN > result.json (server.mjs with COMPRESS=1)
import { chromium } from 'playwright-core';
import { chromiumArgs } from './common.mjs';

const [origin] = process.argv.slice(2);
const log = async () => (await fetch(`${origin}/__log`)).json();

// [name, pages opened in order (the last one's download is counted)]
const visits = [
  ['holder', ['/jokatsu/index.html']],
  ['holder, first page w.html', ['/jokatsu/w.html']],
  ['holder, first page r.html', ['/jokatsu/r.html']],
  ['shop, fresh device', ['/jokatsu/shop.html']],
  ['shop, on a holder\'s device', ['/jokatsu/index.html', '/jokatsu/shop.html']],
  ['office', ['/office/office.html']],
];

const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: chromiumArgs });
const out = {};
for (const [name, pages] of visits) {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'ja-JP', timezoneId: 'Asia/Tokyo', serviceWorkers: 'allow' });
  const page = await context.newPage();
  let sent = [];
  for (const url of pages) {
    await log();
    const started = Date.now();
    await page.goto(origin + url);
    await page.getByTestId('offline-ready').filter({ hasText: /./ }).waitFor({ timeout: 120_000 });
    sent = await log();
    out[name] = { page: url, ready_ms: Date.now() - started };
  }
  const full = sent.filter((s) => s.status === 200);
  const counts = new Map();
  for (const s of full) counts.set(s.path, (counts.get(s.path) ?? 0) + 1);
  Object.assign(out[name], {
    bytes: sent.reduce((n, s) => n + s.bytes, 0),
    requests: sent.length,
    revalidated: sent.filter((s) => s.status === 304).length,
    wasm_sent: full.filter((s) => s.path.endsWith('.wasm')).length,
    packs: full.filter((s) => s.path.endsWith('.bin')).map((s) => s.path.split('/').pop()),
    sent_twice: [...counts].filter(([, n]) => n > 1).map(([p]) => p),
  });
  process.stderr.write(`${name}: ${JSON.stringify(out[name])}\n`);
  await context.close();
}
await browser.close();
console.log(JSON.stringify(out, null, 2));
