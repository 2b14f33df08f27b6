// Lighthouse (mobile profile, its default simulated throttling) on every entry page, served
// with brotli as a real host would. Each page is run RUNS times (default 3; Lighthouse's
// own advice for a score that moves between runs) and the run with the median performance
// score is reported, with every run's score beside it.
// Prints {page: {performance, accessibility, best-practices, seo, runs: [performance…],
// fcp_ms, lcp_ms, tbt_ms, cls, lcp_element, long_tasks: ["source@start:duration"…]}}.
// Usage: RUNS=3 node bench/lighthouse.mjs URL...
import lighthouse from 'lighthouse';
import * as chromeLauncher from 'chrome-launcher';
import { chromiumArgs } from './common.mjs';

const urls = process.argv.slice(2);
const runs = Number(process.env.RUNS || 3);
const chrome = await chromeLauncher.launch({ chromePath: '/usr/bin/chromium', chromeFlags: chromiumArgs });
const out = {};

function summary(lhr) {
  const c = lhr.categories;
  const a = lhr.audits;
  const score = (k) => Math.round((c[k]?.score ?? 0) * 100);
  const value = (k) => Math.round(a[k]?.numericValue ?? 0);
  const element = a['largest-contentful-paint-element']?.details?.items?.[0]?.items?.[0]?.node;
  return {
    performance: score('performance'), accessibility: score('accessibility'),
    'best-practices': score('best-practices'), seo: score('seo'),
    fcp_ms: value('first-contentful-paint'), lcp_ms: value('largest-contentful-paint'),
    tbt_ms: value('total-blocking-time'),
    cls: Math.round((a['cumulative-layout-shift']?.numericValue ?? 0) * 1000) / 1000,
    lcp_element: element?.selector ?? null,
    long_tasks: (a['long-tasks']?.details?.items ?? [])
      .map((t) => `${(t.url ?? '').split('/').pop()}@${Math.round(t.startTime)}:${Math.round(t.duration)}`),
  };
}

try {
  for (const url of urls) {
    const p = new URL(url).pathname.split('/').pop();
    const results = [];
    for (let i = 0; i < runs; i++) {
      const result = await lighthouse(url, {
        port: chrome.port, output: 'json', logLevel: 'error',
        onlyCategories: ['performance', 'accessibility', 'best-practices', 'seo'],
      });
      results.push(summary(result.lhr));
    }
    const sorted = [...results].sort((x, y) => x.performance - y.performance);
    const median = sorted[Math.floor((sorted.length - 1) / 2)];
    out[p] = { ...median, runs: results.map((r) => r.performance) };
    process.stderr.write(`${p}: ${JSON.stringify(out[p])}\n`);
  }
} finally {
  await chrome.kill();
}
console.log(JSON.stringify(out, null, 2));
