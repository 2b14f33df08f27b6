// Stored data at scale (examples/bench-storage.rs): a wallet of 720 tickets (three years)
// and a till's ledger of 10,000 redemptions. Measures, on a phone viewport without
// throttling, the time from navigation until the wallet's balance and list are on screen,
// (and, as the baseline, with one month's 20 tickets), until the ledger's rows are on screen, and a serial search in the ledger. Median of 3.
// Usage: node bench/storage-scale.mjs DATA_DIR BASE_URL > result.json
import { chromium } from 'playwright-core';
import fs from 'node:fs';
import path from 'node:path';
import { chromiumArgs } from './common.mjs';

const [dataDir, baseUrl] = process.argv.slice(2);
const read = (f) => fs.readFileSync(path.join(dataDir, f), 'utf8');
const storedWith = (wallet) => ({
  'jokatsu.wallet': read(wallet),
  'jokatsu.shop.ledger': read('ledger-10000.json'),
  'jokatsu.shop.setup': read('shop-setup.json'),
});
const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: chromiumArgs });

async function timed(url, ready, after, stored = storedWith('wallet-720.json')) {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'ja-JP', timezoneId: 'Asia/Tokyo' });
  await context.addInitScript((s) => { for (const [k, v] of Object.entries(s)) localStorage.setItem(k, v); }, stored);
  const page = await context.newPage();
  const started = Date.now();
  await page.goto(url, { waitUntil: 'commit' });
  await ready(page);
  const ms = Date.now() - started;
  const extra = after ? await after(page) : undefined;
  await context.close();
  return { ms, extra };
}

const wallet = []; const wallet20 = []; const ledger = []; const search = []; let rows = 0;
for (let i = 0; i < 3; i++) {
  const balance = (p) => p.getByTestId('balance-yen').waitFor({ timeout: 60_000 });
  wallet.push((await timed(`${baseUrl}w.html#/wallet`, balance)).ms);
  wallet20.push((await timed(`${baseUrl}w.html#/wallet`, balance, null, storedWith('wallet-20.json'))).ms);
  const l = await timed(`${baseUrl}shop-desk.html#/shop/ledger`, (p) => p.getByTestId('ledger-row').first().waitFor({ timeout: 60_000 }),
    async (p) => {
      const n = await p.getByTestId('ledger-row').count();
      const t = Date.now();
      await p.getByLabel('番号で探す').fill('01050');
      await p.waitForFunction(() => document.querySelectorAll('[data-testid="ledger-row"]').length < 50, null, { timeout: 60_000, polling: 10 });
      return { n, search: Date.now() - t };
    });
  ledger.push(l.ms); search.push(l.extra.search); rows = l.extra.n;
}
await browser.close();
console.log(JSON.stringify({
  wallet_720_ms: median(wallet), wallet_20_ms: median(wallet20), ledger_10000_ms: median(ledger), ledger_rows_rendered: rows, ledger_search_ms: median(search),
}, null, 2));
