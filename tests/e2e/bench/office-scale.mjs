// Office at scale in the browser (issue 12 / benchmarks): settles a synthetic month and a
// synthetic year of claims (examples/synthetic-year.rs) in office.html, in headless
// Chromium, and reports wall time, the longest task the page ran (a "frozen page" is a
// long task), how often progress was painted, and the browser's peak memory.
// Also issues a month for the year's roster (2,709 recipients, 54,180 signatures) in the page.
// Usage: node bench/office-scale.mjs DATA_DIR BASE_URL [issue|month|year|both] > result.json
import { chromium } from 'playwright-core';
import fs from 'node:fs';
import path from 'node:path';
import { execSync } from 'node:child_process';
import { chromiumArgs } from './common.mjs';

const [dataDir, baseUrl, which = 'both'] = process.argv.slice(2);

// Resident memory of every Chromium process, sampled (the renderer holds the wasm memory).
function chromiumRssKb() {
  try {
    const out = execSync("ps -C chromium -o rss= 2>/dev/null || true").toString();
    return out.split('\n').map(Number).filter((n) => n > 0).reduce((a, b) => a + b, 0);
  } catch { return 0; }
}

async function settle(browser, label, month, claimFiles) {
  const page = await browser.newPage();
  await page.addInitScript(() => {
    window.__longtasks = [];
    new PerformanceObserver((l) => { for (const e of l.getEntries()) window.__longtasks.push(e.duration); })
      .observe({ type: 'longtask', buffered: true });
  });
  await page.goto(`${baseUrl}office.html`);
  await page.locator('#office-feed-file').setInputFiles(path.join(dataDir, 'feed.json'));
  await page.locator('#office-register-file').setInputFiles(path.join(dataDir, 'register.json'));
  await page.locator('#office-settle-month').fill(month);
  // The synthetic year is 2027: settle as on a day after it (a redemption dated after the
  // settlement day is refused), as the command line does with --today.
  await page.locator('#office-settle-day').fill('2028-01-05');
  await page.locator('#office-claims').setInputFiles(claimFiles);
  await page.getByTestId('claims-count').filter({ hasText: String(claimFiles.length) }).waitFor({ timeout: 120_000 });
  // Only the settlement counts: forget the long tasks of start-up and file reading.
  await page.evaluate(() => { window.__longtasks = []; });
  let peak = chromiumRssKb();
  const sampler = setInterval(() => { peak = Math.max(peak, chromiumRssKb()); }, 500);
  const phases = new Set();
  const started = Date.now();
  await page.getByRole('button', { name: '精算する', exact: true }).click();
  // Progress text changes while it works: count distinct updates we could observe.
  const poll = setInterval(async () => {
    try { phases.add(await page.getByTestId('settle-phase').textContent({ timeout: 1000 })); } catch {}
  }, 250);
  await page.getByTestId('settle-summary').waitFor({ timeout: 900_000 });
  const ms = Date.now() - started;
  clearInterval(poll); clearInterval(sampler);
  const summary = await page.getByTestId('settle-summary').textContent();
  const tasks = await page.evaluate(() => window.__longtasks);
  await page.close();
  const lines = claimFiles.reduce((n, f) => n + (fs.readFileSync(f, 'utf8').match(/"ticket":/g) || []).length, 0);
  // The page settles exactly as generated (its second core included): every ticket one
  // shop claims paid once; one two shops claim (in one run, also across months) waits for
  // the office's review, unpaid (the demo claims are unsigned: neither line is evidence).
  const expected = JSON.parse(fs.readFileSync(path.join(dataDir, 'expected.json'), 'utf8'));
  const paid = Number((summary.match(/支払 (\d+)枚/) || [])[1]);
  const e = label === 'year' ? expected.year : expected.months[month];
  const want = e.paid - e.duplicate_other_shop - e.duplicate_settled_earlier;
  if (paid !== want) throw new Error(`${label}: the page paid ${paid} tickets, expected ${want}`);
  return {
    label, month, files: claimFiles.length, lines, ms,
    lines_per_s: Math.round(lines / (ms / 1000)),
    longest_task_ms: Math.round(Math.max(0, ...tasks)),
    long_tasks_over_200ms: tasks.filter((t) => t > 200).length,
    progress_updates_seen: phases.size,
    peak_rss_mb: Math.round(peak / 1024),
    paid_line: (summary.match(/支払 [^\n]*/) || [''])[0],
  };
}

async function issue(browser) {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await page.goto(`${baseUrl}office.html`);
  const fixtures = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../fixtures');
  await page.getByRole('region', { name: '鍵を開く' }).getByLabel('パスフレーズ（12文字以上）').fill('demo-passphrase-2026');
  await page.getByLabel('鍵ファイルを開く').setInputFiles(path.join(fixtures, 'demo-issuer-1.key'));
  await page.getByTestId('office-key').filter({ hasText: '鍵 1' }).waitFor();
  await page.getByLabel('名簿（CSV, Excel で保存したもの）').setInputFiles(path.join(dataDir, 'roster.csv'));
  await page.getByTestId('roster-preview').waitFor({ timeout: 120_000 });
  await page.getByLabel('発行する月（例 2026-12）').fill('2027-01');
  // The app's address is required (no default): the bench's own origin.
  await page.getByLabel('アプリのアドレス（受け取りリンク用）').fill(new URL('w.html', baseUrl).href);
  await page.getByLabel('見本（DEMO）として発行する').uncheck();
  await page.evaluate(() => {
    window.__longtasks = [];
    new PerformanceObserver((l) => { for (const e of l.getEntries()) window.__longtasks.push(e.duration); })
      .observe({ type: 'longtask' });
  });
  const started = Date.now();
  await page.getByRole('button', { name: '発行する', exact: true }).click();
  const recipients = (fs.readFileSync(path.join(dataDir, 'roster.csv'), 'utf8').trim().split('\n').length) - 1;
  await page.getByTestId('issued-row').nth(recipients - 1).waitFor({ timeout: 600_000 });
  const ms = Date.now() - started;
  const tasks = await page.evaluate(() => window.__longtasks);
  await page.close();
  return { label: 'issue', recipients, signatures: recipients * 20, ms, longest_task_ms: Math.round(Math.max(0, ...tasks)) };
}

const claimsOf = (m) => fs.readdirSync(path.join(dataDir, 'claims', m)).map((f) => path.join(dataDir, 'claims', m, f));
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: chromiumArgs });
const results = [];
if (which === 'both' || which === 'issue') results.push(await issue(browser));
if (which === 'both' || which === 'month') results.push(await settle(browser, 'month', '2027-01', claimsOf('2027-01')));
if (which === 'both' || which === 'year') {
  const all = fs.readdirSync(path.join(dataDir, 'claims')).sort().flatMap(claimsOf);
  results.push(await settle(browser, 'year', '2027-12', all));
}
await browser.close();
console.log(JSON.stringify(results, null, 2));
