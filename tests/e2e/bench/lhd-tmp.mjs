import lighthouse from 'lighthouse';
import * as chromeLauncher from 'chrome-launcher';
import { chromiumArgs } from './common.mjs';
const chrome = await chromeLauncher.launch({ chromePath: '/usr/bin/chromium', chromeFlags: chromiumArgs });
for (const url of process.argv.slice(2)) {
  const r = await lighthouse(url, { port: chrome.port, output: 'json', logLevel: 'error', onlyCategories: ['performance', 'accessibility'] });
  const a = r.lhr.audits;
  const m = (k) => Math.round(a[k]?.numericValue ?? -1) + '(' + (a[k]?.score) + ')';
  console.log(url.split('/').pop(), 'perf', Math.round(r.lhr.categories.performance.score*100), 'a11y', Math.round(r.lhr.categories.accessibility.score*100), 'FCP', m('first-contentful-paint'), 'LCP', m('largest-contentful-paint'), 'TBT', m('total-blocking-time'), 'CLS', a['cumulative-layout-shift'].numericValue.toFixed(3), 'SI', m('speed-index'));
  console.log('  LCP el', a['largest-contentful-paint-element']?.details?.items?.[0]?.items?.[0]?.node?.snippet);
  console.log('  long', (a['long-tasks']?.details?.items ?? []).slice(0,6).map(i => `${i.url?.split('/').pop()}:${Math.round(i.duration)}@${Math.round(i.startTime)}`).join(' '));
  const fails = Object.values(a).filter(x => x.score === 0 && r.lhr.categories.accessibility.auditRefs.some(ref => ref.id === x.id)).map(x => x.id + ': ' + JSON.stringify(x.details?.items?.[0]?.node?.snippet ?? ''));
  if (fails.length) console.log('  a11y fails', fails.join(' | '));
}
await chrome.kill();
