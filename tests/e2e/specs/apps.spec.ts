// Apps share one browser profile but each keeps its own last good feed: a feed another
// page accepts (it does not check the key list) must not replace the wallet's keys.
import { test, expect, setFeed, ORIGIN } from './fixtures';
import { FEEDS, demoBundle, distFeed, readText } from '../files';
import { AppPage, BackupPage, ChecksPage, ReceivePage, ScanPage, WalletPage } from '../pages';

const bundle = demoBundle();

test('a feed with a broken key list accepted by c.html and s.html leaves the wallet its keys, offline too', async ({ page, context, log }) => {
  log.allowErrors.push(/Failed to load resource|net::ERR/);
  const app = new AppPage(page);
  await test.step('the wallet page online once: its last good feed (with the key list) is stored, and the service worker installs', async () => {
    await app.open('w.html#/wallet');
    await page.evaluate(async () => { await navigator.serviceWorker.ready; });
    await page.reload();
    await expect.poll(() => page.evaluate(() => !!navigator.serviceWorker.controller)).toBe(true);
  });

  // Now the server sends a feed whose schedule is fine but whose key list is not signed
  // by the root key (its signature altered: global-setup.ts).
  const sig: string = JSON.parse(readText(distFeed())).keys.signature;
  const bad = readText(FEEDS.keyListNotSigned);
  const badSig: string = JSON.parse(bad).keys.signature;
  expect(badSig).not.toBe(sig);
  await setFeed('ok', bad);

  await test.step('the self-checks and the scanner accept it (they show no keys) and keep it as theirs', async () => {
    await app.open('c.html#/check');
    await expect(app.feedNotice()).toHaveCount(0);
    await expect.poll(() => page.evaluate(() => localStorage.getItem('jokatsu.feed.checks') ?? '')).toContain(badSig);
    await new ScanPage(page).goto();
    await expect.poll(() => page.evaluate(() => localStorage.getItem('jokatsu.feed.scan') ?? '')).toContain(badSig);
  });
  await test.step("the wallet's own copy is untouched", async () => {
    const walletCopy = await page.evaluate(() => localStorage.getItem('jokatsu.feed.tickets') ?? '');
    expect(walletCopy).toContain(sig);
    expect(walletCopy).not.toContain(badSig);
  });

  await test.step('offline, the wallet page still has its last good key list and verifies a ticket', async () => {
    await context.setOffline(true);
    await page.goto(`w.html#/t/${bundle.tickets[5]}`);
    await expect(new ReceivePage(page).verdict()).toContainText(/DEMO.*有効/);
    await context.setOffline(false);
  });
  expect(ORIGIN).toContain('127.0.0.1');
});

test('each page opened bare shows its own first screen', async ({ page, log }) => {
  const app = new AppPage(page);
  for (const [file, heading] of [['w.html', /チケット/], ['c.html', /セルフチェック/], ['s.html', /QRコードを読み取る/], ['shop.html', /お店モード/], ['b.html', /控え/], ['r.html', /チケットを受け取る/]] as const) {
    await app.open(file);
    await expect(app.heading()).toHaveText(heading);
    expect(new URL(page.url()).pathname).toBe(`/jokatsu/${file}`);
  }
  // r.html without a ticket in its link says where tickets come from and leads to the wallet.
  await app.open('r.html');
  await expect(page.getByTestId('receive-bare')).toContainText('リンクを開くと');
  await page.getByTestId('receive-bare').getByRole('link', { name: 'ウォレットを見る' }).click();
  await expect(page).toHaveURL(/w\.html/);
});

test('a first visit draws each screen once: the feed is asked for once, before the app runs, and nothing jumps', async ({ page, log }) => {
  await page.addInitScript(() => {
    (window as any).__shift = 0;
    new PerformanceObserver((list) => {
      for (const e of list.getEntries() as any[]) if (!e.hadRecentInput) (window as any).__shift += e.value;
    }).observe({ type: 'layout-shift', buffered: true });
  });
  for (const file of ['index.html', 'c.html', 'w.html', 'r.html', 's.html', 'shop.html', 'd.html']) {
    await page.evaluate(() => localStorage.clear()).catch(() => {});
    const feedRequests: string[] = [];
    const onRequest = (r: any) => { if (r.url().includes('feed/feed.json')) feedRequests.push(r.url()); };
    page.on('request', onRequest);
    await page.goto(file);
    await expect(page.locator('main h1')).toBeVisible();
    // The loading line is gone once the screen is drawn.
    await expect(page.locator('#app-loading')).toHaveCount(0);
    await page.waitForTimeout(800);
    page.off('request', onRequest);
    expect(feedRequests, file).toHaveLength(1);
    const shift = await page.evaluate(() => (window as any).__shift);
    expect(shift, `${file}: cumulative layout shift`).toBeLessThan(0.02);
  }
});

test('shop and office are not in the holder tab bar; the office is not on the public site', async ({ page, log }) => {
  const app = new AppPage(page);
  await app.open('#/');
  const nav = app.nav();
  await expect(nav.getByRole('link')).toHaveCount(4);
  await expect(nav.getByRole('link', { name: 'お店' })).toHaveCount(0);
  await expect(nav.getByRole('link', { name: '事務局' })).toHaveCount(0);
  await app.open('#/office');
  await expect(app.heading()).toHaveText(/ページが見つかりません/);
  const res = await page.request.get('office.html');
  expect(res.status()).toBe(404);
});

test('after one online visit to the home page only, the checks, wallet and scanner pages show their data offline', async ({ page, context, log }) => {
  log.allowErrors.push(/Failed to load resource|net::ERR/);
  const app = new AppPage(page);
  const checks = new ChecksPage(page);
  // A fresh profile opens the home page once, online, and nothing else; no reload, so
  // the page's own feed request went out before the service worker controlled it.
  const line = await test.step('the home page, once, online', async () => {
    await app.open('./');
    await expect(app.freshness()).toContainText('最終更新：');
    const line = (await app.freshness().textContent())!;
    expect(line).toMatch(/^市の情報：.*発行 · 最終更新：/);
    await page.evaluate(async () => { await navigator.serviceWorker.ready; });
    return line;
  });
  await context.setOffline(true);

  // Every other page, never opened before, works offline with that feed, and its footer
  // says when that feed was fetched: the same line as on the home page.
  await test.step('offline: the checks page', async () => {
    await page.goto('c.html');
    await expect(app.heading()).toHaveText(/セルフチェック/);
    await expect(checks.checkList().getByRole('listitem').first()).toBeVisible();
    await expect(page.getByText('チェックの情報がまだありません')).toHaveCount(0);
    await expect(app.freshness()).toHaveText(line);
    await expect(app.feedNotice()).toContainText('オフライン');
  });

  await test.step('offline: a ticket, and the wallet', async () => {
    await page.goto(`w.html#/t/${bundle.tickets[5]}`);
    await expect(new ReceivePage(page).verdict()).toContainText(/DEMO.*有効/);
    await expect(app.freshness()).toHaveText(line);
    await page.goto('w.html');
    await expect(app.heading()).toHaveText(/チケット/);
    await expect(page.getByText('まだ情報がありません')).toHaveCount(0);
    await expect(app.freshness()).toHaveText(line);
  });

  await test.step('offline: the scanner', async () => {
    await page.goto('s.html');
    await expect(app.heading()).toHaveText('QRコードを読み取る');
    await expect(page.getByText('まだ情報がありません')).toHaveCount(0);
    await expect(app.freshness()).toHaveText(line);
  });

  // Without any stored copy (storage cleared), the service worker's copy, fetched when it
  // installed, still serves the feed; the footer then names only the feed's own date.
  await test.step("offline, no stored copy: the service worker's", async () => {
    await page.evaluate(() => { for (const k of Object.keys(localStorage)) if (k.startsWith('jokatsu.feed')) localStorage.removeItem(k); });
    await page.goto('c.html');
    await expect(checks.checkList().getByRole('listitem').first()).toBeVisible();
    await expect(app.freshness()).toHaveText(/^市の情報：発行 \d{4}年/);
    await expect(app.freshness()).not.toContainText('最終更新');
    await expect(app.feedNotice()).toContainText('保存済みの情報を表示しています');
  });
  await context.setOffline(false);
});

/** Visible texts anywhere on the page (headings, running text, buttons, the tab bar) in
 *  which `word` is drawn on more than one line (broken inside the word). */
async function brokenInside(page: import('@playwright/test').Page, word: string): Promise<string[]> {
  return page.evaluate((word) => {
    const broken: string[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode() as Text | null; n; n = walker.nextNode() as Text | null) {
      if (n.parentElement?.closest('.visually-hidden, [hidden], details:not([open]) > :not(summary)')) continue;
      for (let i = n.data.indexOf(word); i >= 0; i = n.data.indexOf(word, i + 1)) {
        const r = document.createRange();
        r.setStart(n, i);
        r.setEnd(n, i + word.length);
        const tops = new Set([...r.getClientRects()].filter((x) => x.width > 0).map((x) => Math.round(x.top)));
        if (tops.size > 1) broken.push(n.data);
      }
    }
    return broken;
  }, word);
}

test('at 200 % zoom Japanese words are not broken in the middle', async ({ page, log }) => {
  // A 390 px phone at 200 % zoom lays out like a 195 px wide screen.
  await page.setViewportSize({ width: 195, height: 422 });
  await page.clock.setFixedTime(new Date('2026-12-02T12:00:00+09:00'));
  const home = new AppPage(page);
  await home.open('./');
  await home.feedLoaded();
  // running text, buttons, the venue 「旭川市市民活動交流センターCoCoDe」, the tab bar
  for (const word of ['キャリア', 'カレンダー', 'センセー', 'センター', 'CoCoDe', 'コミュニケーション', '保健室', 'チェック', 'チケット']) {
    expect(await brokenInside(page, word), word).toEqual([]);
  }
  const wallet = new WalletPage(page);
  await wallet.open('w.html#/wallet');
  await wallet.demoMonthButton().click();
  for (const word of ['チケット', 'ウォレット', 'すみまセンエン', 'ファイル', '受け取る', 'バックアップ']) {
    expect(await brokenInside(page, word), word).toEqual([]);
  }
  await new BackupPage(page).goto();
  for (const word of ['バックアップ', 'ファイル', 'スマホ', 'カレンダー', '端末', 'ありがとう', 'チケット']) {
    expect(await brokenInside(page, word), word).toEqual([]);
  }
  await wallet.open('w.html#/wallet');
  await wallet.showQrButton(wallet.tickets().first()).click();
  await expect(wallet.dialog()).toBeVisible();
  expect(await brokenInside(page, '閉じる')).toEqual([]);
});

test('the header fits one row at 390 px in English as in Japanese', async ({ page, log }) => {
  const wallet = new WalletPage(page);
  await wallet.open('w.html#/wallet');
  const header = page.locator('.app-header');
  const row = async () => header.evaluate((h) => {
    const tops = [...h.children].map((c) => c.getBoundingClientRect()).map((r) => r.top + r.height / 2);
    return Math.max(...tops) - Math.min(...tops);
  });
  expect(await row()).toBeLessThan(4);
  await wallet.languageButton('English').click();
  await expect(wallet.languageButton('日本語')).toBeVisible();
  expect(await row()).toBeLessThan(4);
  await wallet.languageButton('日本語').click();
});
