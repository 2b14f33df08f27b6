import { chromium } from 'playwright-core';
import { chromiumArgs } from './common.mjs';
const [baseUrl, page0, runs = 2] = process.argv.slice(2);
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: chromiumArgs });
for (let i = 0; i < runs; i++) {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'ja-JP', serviceWorkers: 'allow' });
  await context.addInitScript(() => {
    const shown = () => !document.getElementById('app-loading') && document.querySelector('h1, h2');
    new MutationObserver((_, o) => { if (shown()) { window.__first = performance.now(); o.disconnect(); } }).observe(document, { subtree: true, childList: true });
  });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 150, downloadThroughput: (1.6 * 1024 * 1024) / 8, uploadThroughput: (750 * 1024) / 8 });
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  await page.goto(baseUrl + page0, { waitUntil: 'commit' });
  await page.waitForFunction(() => window.__first !== undefined, null, { timeout: 60000 });
  const r = await page.evaluate(() => ({ first: Math.round(window.__first), res: performance.getEntriesByType('resource').map(e => [e.name.split('/').pop().slice(0, 40), Math.round(e.startTime), Math.round(e.responseStart), Math.round(e.responseEnd), e.transferSize]), nav: Math.round(performance.getEntriesByType('navigation')[0].responseEnd), dcl: Math.round(performance.getEntriesByType('navigation')[0].domContentLoadedEventEnd) }));
  console.log(JSON.stringify(r));
  await context.close();
}
await browser.close();
