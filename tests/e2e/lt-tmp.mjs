import { chromium } from 'playwright-core';
import { chromiumArgs } from './bench/common.mjs';
const b = await chromium.launch({ executablePath: '/usr/bin/chromium', args: chromiumArgs });
for (const url of process.argv.slice(2)) {
  const ctx = await b.newContext({ viewport: { width: 412, height: 823 }, locale: 'ja-JP' });
  const page = await ctx.newPage();
  const cdp = await ctx.newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  await page.addInitScript(() => { window.__lt = []; new PerformanceObserver((l) => { for (const e of l.getEntries()) window.__lt.push([Math.round(e.startTime), Math.round(e.duration)]); }).observe({ type: 'longtask', buffered: true }); });
  await page.goto(url); await page.waitForTimeout(3000);
  console.log(url.split('/').pop(), JSON.stringify(await page.evaluate(() => window.__lt)));
  await ctx.close();
}
await b.close();
