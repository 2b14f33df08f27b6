// Stored data at scale (examples/bench-storage.rs): a wallet of 720 tickets (three years)
// and a till's ledger of 10,000 redemptions. Measures, on a phone viewport without
// throttling, the time from navigation until the wallet's balance and list are on screen,
// (and, as the baseline, with one month's 20 tickets), on a first visit and opened again
// (feed stored, service worker), until the ledger's rows are on screen, and a serial search in the ledger. Median of RUNS (default 5), the two wallets alternating.
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
const RUNS = Number(process.env.RUNS ?? 5);
const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: chromiumArgs });

async function timed(url, readySelector, after, stored = storedWith('wallet-720.json')) {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'ja-JP', timezoneId: 'Asia/Tokyo' });
  await context.addInitScript((s) => { for (const [k, v] of Object.entries(s)) localStorage.setItem(k, v); }, stored);
  // The page itself notes when the awaited element first appears and when the frame that
  // shows it is painted (a mutation observer, then a frame and a task): the timing does
  // not include Playwright's polling interval.
  await context.addInitScript((selector) => {
    new MutationObserver((_, observer) => {
      if (!document.querySelector(selector)) return;
      observer.disconnect();
      requestAnimationFrame(() => setTimeout(() => { window.__shownAt = performance.now(); }));
    }).observe(document, { childList: true, subtree: true });
  }, readySelector);
  const page = await context.newPage();
  await page.goto(url, { waitUntil: 'commit' });
  await page.waitForFunction(() => window.__shownAt !== undefined, null, { timeout: 60_000 });
  const ms = Math.round(await page.evaluate(() => window.__shownAt));
  const extra = after ? await after(page) : undefined;
  // The same page opened again, as on any later day: the feed is stored (its check runs
  // in the background) and the service worker serves the files.
  await page.reload({ waitUntil: 'commit' });
  await page.waitForFunction(() => window.__shownAt !== undefined, null, { timeout: 60_000 });
  const repeat = Math.round(await page.evaluate(() => window.__shownAt));
  await context.close();
  return { ms, repeat, extra };
}

const wallet = []; const wallet20 = []; const walletRepeat = []; const wallet20Repeat = []; const doneOpen = []; let doneCards = 0; const ledger = []; const search = []; let rows = 0;
for (let i = 0; i < RUNS; i++) {
  const shown = '[data-testid="balance-yen"]';
  // Then the folded group of used or expired tickets opened (its cards are built then):
  // from the click until the frame that shows them is painted.
  const openDone = (p) => p.evaluate(() => new Promise((resolve) => {
    const summary = document.querySelector('[data-testid="done-group"] > summary');
    const t = performance.now();
    summary.click();
    requestAnimationFrame(() => setTimeout(() => resolve({
      ms: performance.now() - t,
      cards: document.querySelectorAll('[data-testid="done-group"] [data-testid="ticket"]').length,
    })));
  }));
  const w720 = await timed(`${baseUrl}w.html#/wallet`, shown, openDone);
  wallet.push(w720.ms); walletRepeat.push(w720.repeat); doneOpen.push(w720.extra.ms); doneCards = w720.extra.cards;
  const w20 = await timed(`${baseUrl}w.html#/wallet`, shown, null, storedWith('wallet-20.json'));
  wallet20.push(w20.ms); wallet20Repeat.push(w20.repeat);
  const l = await timed(`${baseUrl}shop-desk.html#/shop/ledger`, '[data-testid="ledger-row"]',
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
  wallet_720_ms: median(wallet), wallet_20_ms: median(wallet20), wallet_720_repeat_ms: median(walletRepeat), wallet_20_repeat_ms: median(wallet20Repeat), wallet_720_done_open_ms: Math.round(median(doneOpen)), wallet_720_done_cards: doneCards, ledger_10000_ms: median(ledger), ledger_rows_rendered: rows, ledger_search_ms: median(search),
}, null, 2));
