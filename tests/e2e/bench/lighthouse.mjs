// Lighthouse (mobile profile, its default simulated throttling) on every entry page, served
// with brotli as a real host would. Prints {page: {performance, accessibility,
// best-practices, seo, lcp_ms}}. Usage: node bench/lighthouse.mjs URL...
import lighthouse from 'lighthouse';
import * as chromeLauncher from 'chrome-launcher';
import { chromiumArgs } from './common.mjs';

const urls = process.argv.slice(2);
const chrome = await chromeLauncher.launch({ chromePath: '/usr/bin/chromium', chromeFlags: chromiumArgs });
const out = {};
try {
  for (const url of urls) {
    const p = new URL(url).pathname.split('/').pop();
    const result = await lighthouse(url, {
      port: chrome.port, output: 'json', logLevel: 'error',
      onlyCategories: ['performance', 'accessibility', 'best-practices', 'seo'],
    });
    const c = result.lhr.categories;
    const score = (k) => Math.round((c[k]?.score ?? 0) * 100);
    out[p] = {
      performance: score('performance'), accessibility: score('accessibility'),
      'best-practices': score('best-practices'), seo: score('seo'),
      lcp_ms: Math.round(result.lhr.audits['largest-contentful-paint']?.numericValue ?? 0),
    };
    process.stderr.write(`${p}: ${JSON.stringify(out[p])}\n`);
  }
} finally {
  await chrome.kill();
}
console.log(JSON.stringify(out, null, 2));
