import lighthouse from 'lighthouse';
import * as chromeLauncher from 'chrome-launcher';
import { chromiumArgs } from './common.mjs';
import fs from 'node:fs';
const urls = process.argv.slice(2);
const chrome = await chromeLauncher.launch({ chromePath: '/usr/bin/chromium', chromeFlags: chromiumArgs });
try {
  for (const url of urls) {
    const p = new URL(url).pathname.split('/').pop();
    const r = await lighthouse(url, { port: chrome.port, output: 'json', logLevel: 'error', onlyCategories: ['performance'] });
    fs.writeFileSync(`/tmp/lh/${p}.json`, JSON.stringify(r.lhr));
    const a = r.lhr.audits;
    const m = (k) => `${k}=${Math.round(a[k].numericValue)}(${a[k].score})`;
    console.log(p, Math.round(r.lhr.categories.performance.score*100), ['first-contentful-paint','speed-index','largest-contentful-paint','total-blocking-time','cumulative-layout-shift'].map(m).join(' '));
    const lt = a['long-tasks']?.details?.items ?? [];
    console.log('  long tasks:', lt.map(t => `${t.url?.split('/').pop()}@${Math.round(t.startTime)}:${Math.round(t.duration)}`).join(' '));
    const el = a['largest-contentful-paint-element']?.details?.items?.[0]?.items?.[0]?.node;
    console.log('  lcp el:', el?.snippet?.slice(0,150), el?.selector);
    const ph = a['largest-contentful-paint-element']?.details?.items?.[1]?.items;
    if (ph) console.log('  lcp phases:', ph.map(x=>`${x.phase}:${Math.round(x.timing)}`).join(' '));
  }
} finally { await chrome.kill(); }
