// First load of every entry page under a phone's conditions: 4x CPU throttling and
// Lighthouse's slow-4G profile (150 ms RTT, 1.6 Mbit/s down, 750 kbit/s up), via the
// DevTools protocol. Measures the time until the app has rendered its first screen (the
// loading notice gone and a heading on screen) and the largest contentful paint, on a
// first visit (empty cache) and a repeat visit (service worker), median of RUNS.
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

async function visit(page, url) {
  const started = Date.now();
  await page.goto(url, { waitUntil: 'commit' });
  await page.waitForFunction(() => !document.getElementById('app-loading') && document.querySelector('h1, h2'), null, { timeout: 60_000, polling: 50 });
  const ready = Date.now() - started;
  await page.waitForTimeout(500);
  const lcp = await page.evaluate(() => new Promise((resolve) => {
    new PerformanceObserver((l) => { const e = l.getEntries(); resolve(e.length ? e[e.length - 1].startTime : null); })
      .observe({ type: 'largest-contentful-paint', buffered: true });
    setTimeout(() => resolve(null), 1000);
  }));
  return { ready, lcp: lcp === null ? null : Math.round(lcp) };
}

const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: chromiumArgs });
const out = {};
for (const p of pages) {
  const first = []; const repeat = []; const lcpFirst = []; const lcpRepeat = [];
  for (let i = 0; i < runs; i++) {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'ja-JP', timezoneId: 'Asia/Tokyo', serviceWorkers: 'allow' });
    const page = await context.newPage();
    await throttle(page);
    const a = await visit(page, baseUrl + p);
    first.push(a.ready); lcpFirst.push(a.lcp);
    // Let the service worker install and take over, then come back.
    await page.evaluate(() => navigator.serviceWorker && navigator.serviceWorker.ready.then(() => true)).catch(() => {});
    await page.waitForTimeout(1500);
    const b = await visit(page, baseUrl + p);
    repeat.push(b.ready); lcpRepeat.push(b.lcp);
    await context.close();
  }
  out[p] = {
    first_ready_ms: median(first), first_lcp_ms: median(lcpFirst.filter((x) => x !== null)),
    repeat_ready_ms: median(repeat), repeat_lcp_ms: median(lcpRepeat.filter((x) => x !== null)),
    runs,
  };
  process.stderr.write(`${p}: ${JSON.stringify(out[p])}\n`);
}
await browser.close();
console.log(JSON.stringify(out, null, 2));
