import lighthouse from '/work/main/tests/e2e/bench/node_modules/lighthouse/core/index.js';
import * as chromeLauncher from '/work/main/tests/e2e/bench/node_modules/chrome-launcher/dist/index.js';
import { chromiumArgs } from '/work/main/tests/e2e/bench/common.mjs';
const urls = process.argv.slice(2);
const chrome = await chromeLauncher.launch({ chromePath: '/usr/bin/chromium', chromeFlags: chromiumArgs });
try {
  for (const url of urls) {
    const r = await lighthouse(url, { port: chrome.port, output: 'json', logLevel: 'error', onlyCategories: ['performance'] });
    const a = r.lhr.audits;
    const m = (k) => Math.round(a[k]?.numericValue ?? -1) + '(' + (a[k]?.score) + ')';
    console.log(url.split('/').pop(), 'perf', Math.round(r.lhr.categories.performance.score*100), 'FCP', m('first-contentful-paint'), 'LCP', m('largest-contentful-paint'), 'TBT', m('total-blocking-time'), 'CLS', a['cumulative-layout-shift'].numericValue.toFixed(3), 'SI', m('speed-index'));
    const lcpEl = a['largest-contentful-paint-element']?.details?.items?.[0]?.items?.[0]?.node?.snippet;
    console.log('  LCP el', lcpEl);
    const bt = a['long-tasks']?.details?.items?.slice(0,5).map(i => `${i.url?.split('/').pop()}:${Math.round(i.duration)}@${Math.round(i.startTime)}`);
    console.log('  long tasks', bt?.join(' '));
    const ls = a['layout-shifts']?.details?.items?.slice(0,3).map(i => `${i.node?.snippet?.slice(0,80)}:${i.score?.toFixed(3)}`);
    console.log('  shifts', ls?.join(' | '));
  }
} finally { await chrome.kill(); }
