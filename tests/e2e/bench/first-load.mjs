// First load of every entry page under a phone's conditions: 4x CPU throttling and
// Lighthouse's slow-4G profile (150 ms RTT, 1.6 Mbit/s down, 750 kbit/s up), via the
// DevTools protocol. Measures the time until the app has rendered its first screen (the
// loading notice gone and a heading on screen) and the largest contentful paint, on a
// first visit (empty cache) and a repeat visit (service worker), median of RUNS.
// Both are read on the page's own clock, from the start of the navigation (as the browser
// times LCP): a watcher in the page notes the first moment the screen is there. The time
// the test driver takes to start the navigation and to poll (about 0.25 s at 4x CPU) is
// not the user's wait; it is reported beside it (`*_wall_ms`).
// Usage: node bench/first-load.mjs BASE_URL RUNS PAGE... > result.json (server with COMPRESS=1)
import { chromium } from 'playwright-core';
import { chromiumArgs } from './common.mjs';

const [baseUrl, runsArg, ...pages] = process.argv.slice(2);
const runs = Number(runsArg);
const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };

async function throttle(page) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false, latency: 150, downloadThroughput: (1.6 * 1024 * 1024) / 8, uploadThroughput: (750 * 1024) / 8,
  });
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  return cdp;
}

// The first screen: the loading notice gone and a heading there (checked on every change
// of the document, from before the page's own scripts run).
function watchFirstScreen() {
  const shown = () => !document.getElementById('app-loading') && document.querySelector('h1, h2');
  new MutationObserver((_, observer) => {
    if (shown()) { window.__firstScreenMs = performance.now(); observer.disconnect(); }
  }).observe(document, { subtree: true, childList: true });
}

async function visit(page, url) {
  const started = Date.now();
  await page.goto(url, { waitUntil: 'commit' });
  await page.waitForFunction(() => window.__firstScreenMs !== undefined, null, { timeout: 60_000, polling: 50 });
  const wall = Date.now() - started;
  const ready = Math.round(await page.evaluate(() => window.__firstScreenMs));
  await page.waitForTimeout(500);
  const lcp = await page.evaluate(() => new Promise((resolve) => {
    new PerformanceObserver((l) => { const e = l.getEntries(); resolve(e.length ? e[e.length - 1].startTime : null); })
      .observe({ type: 'largest-contentful-paint', buffered: true });
    setTimeout(() => resolve(null), 1000);
  }));
  return { ready, wall, lcp: lcp === null ? null : Math.round(lcp) };
}

const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: chromiumArgs });
const out = {};
for (const p of pages) {
  const first = []; const repeat = []; const lcpFirst = []; const lcpRepeat = []; const firstWall = []; const repeatWall = [];
  for (let i = 0; i < runs; i++) {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'ja-JP', timezoneId: 'Asia/Tokyo', serviceWorkers: 'allow' });
    await context.addInitScript(watchFirstScreen);
    const page = await context.newPage();
    await throttle(page);
    const a = await visit(page, baseUrl + p);
    first.push(a.ready); lcpFirst.push(a.lcp); firstWall.push(a.wall);
    // Let the service worker install and take over, then come back.
    await page.evaluate(() => navigator.serviceWorker && navigator.serviceWorker.ready.then(() => true)).catch(() => {});
    await page.waitForTimeout(1500);
    const b = await visit(page, baseUrl + p);
    repeat.push(b.ready); lcpRepeat.push(b.lcp); repeatWall.push(b.wall);
    await context.close();
  }
  out[p] = {
    first_ready_ms: median(first), first_lcp_ms: median(lcpFirst.filter((x) => x !== null)),
    repeat_ready_ms: median(repeat), repeat_lcp_ms: median(lcpRepeat.filter((x) => x !== null)),
    first_ready_wall_ms: median(firstWall), repeat_ready_wall_ms: median(repeatWall),
    runs,
  };
  process.stderr.write(`${p}: ${JSON.stringify(out[p])}\n`);
}
await browser.close();
console.log(JSON.stringify(out, null, 2));
