import { chromium } from 'playwright-core';
import { chromiumArgs } from './bench/common.mjs';
const b = await chromium.launch({ executablePath: '/usr/bin/chromium', args: chromiumArgs });
const url = process.argv[2];
const ctx = await b.newContext({ viewport: { width: 412, height: 823 }, locale: 'ja-JP' });
const page = await ctx.newPage();
const cdp = await ctx.newCDPSession(page);
await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
const events = [];
cdp.on('Tracing.dataCollected', (d) => events.push(...d.value));
const done = new Promise((r) => cdp.once('Tracing.tracingComplete', r));
await cdp.send('Tracing.start', { categories: 'devtools.timeline,v8,v8.wasm,disabled-by-default-devtools.timeline,blink.user_timing', transferMode: 'ReportEvents' });
await page.goto(url); await page.waitForTimeout(3000);
await cdp.send('Tracing.end'); await done;
// main thread: find CrRendererMain tid
const main = events.find(e => e.name === 'thread_name' && e.args?.name === 'CrRendererMain');
const mt = events.filter(e => e.pid === main.pid && e.tid === main.tid && e.ph === 'X');
const tasks = mt.filter(e => e.name === 'RunTask' && e.dur > 30000);
const t0 = Math.min(...mt.map(e => e.ts));
for (const t of tasks) {
  const kids = mt.filter(e => e.ts >= t.ts && e.ts + e.dur <= t.ts + t.dur && e !== t && e.dur > 5000);
  const agg = {};
  for (const k of kids) { const key = k.name + (k.args?.data?.url ? ':' + k.args.data.url.split('/').pop() : '') + (k.args?.data?.functionName ? ':' + k.args.data.functionName : ''); agg[key] = Math.max(agg[key] || 0, Math.round(k.dur / 1000)); }
  console.log(Math.round((t.ts - t0) / 1000), Math.round(t.dur / 1000), JSON.stringify(agg));
}
await b.close();
