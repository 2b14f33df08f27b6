import { test, expect, open, axeViolations, setFeed } from './fixtures';
import { AppPage } from '../pages';

const routes: [string, RegExp][] = [
  ['#/', /キャリアの保健室/],
  ['#/check', /セルフチェック/],
  ['#/wallet', /チケット/],
  ['#/shop', /お店モード/],
  ['#/about', /このアプリについて/],
  ['#/no-such-page', /ページが見つかりません/],
  ['s.html#/scan', /QRコードを読み取る/],
  ['d.html#/shops', /使えるお店/],
];

test('every route renders, under a sub-path, with no console errors', async ({ page, log }) => {
  const app = new AppPage(page);
  for (const [hash, heading] of routes) {
    await app.open(hash);
    await expect(app.heading()).toHaveText(heading);
  }
  // deep link + reload keeps the route
  await app.open('#/wallet');
  await page.reload();
  await expect(app.heading()).toHaveText(/チケット/);
  expect(page.url()).toContain('/jokatsu/w.html#/wallet');
});

test('bottom navigation marks the current page and works by keyboard', async ({ page, log }) => {
  const app = new AppPage(page);
  await app.open('#/');
  const nav = app.nav();
  await expect(nav.getByRole('link', { name: '保健室' })).toHaveAttribute('aria-current', 'page');
  await nav.getByRole('link', { name: 'チケット' }).focus();
  await page.keyboard.press('Enter');
  await expect(app.heading()).toHaveText(/チケット/);
  await expect(nav.getByRole('link', { name: 'チケット' })).toHaveAttribute('aria-current', 'page');
});

test('language switch persists across a reload', async ({ page, log }) => {
  const app = new AppPage(page);
  await app.open('#/about');
  await expect(page.locator('html')).toHaveAttribute('lang', 'ja');
  await app.languageButton('English').click();
  await expect(app.heading()).toHaveText('About this app');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await page.reload();
  await expect(app.heading()).toHaveText('About this app');
  await app.languageButton('日本語').click();
  await expect(app.heading()).toHaveText('このアプリについて');
});

test('the demo feed loads, is marked as demo, and its freshness is shown', async ({ page, log }) => {
  const app = new AppPage(page);
  await app.open('#/about');
  await expect(app.feedInfo()).toContainText('見本データ');
  await expect(page.locator('.badge--demo')).toHaveText('見本');
  await expect(app.freshness()).toContainText(/市の情報：.*発行 · 最終更新：/);
  await expect(app.feedNotice()).toHaveCount(0);
});

for (const mode of ['offline', '404', 'html', 'truncated', 'wrong-version', 'deep-type', 'huge']) {
  test(`a bad feed answer (${mode}) keeps the last good data and shows a calm notice`, async ({ page, log }) => {
    log.allowErrors.push(/Failed to load resource|ERR_EMPTY_RESPONSE|net::ERR/);
    const app = new AppPage(page);
    await app.open('#/about');
    await expect(app.feedInfo()).toContainText('見本データ');
    const fresh = await app.freshness().textContent();
    await setFeed(mode);
    await page.reload();
    await expect(app.feedNotice()).toBeVisible();
    await expect(app.feedNotice()).toContainText('前回');
    await expect(app.feedInfo()).toContainText('見本データ');
    await expect(app.freshness()).toHaveText(fresh!);
  });
}

test('after one online visit the app and its feed load with the network cut', async ({ page, context, log }) => {
  log.allowErrors.push(/Failed to load resource|net::ERR/);
  const app = new AppPage(page);
  await app.open('#/about');
  await page.evaluate(async () => { await navigator.serviceWorker.ready; });
  await page.reload();
  await expect.poll(() => page.evaluate(() => !!navigator.serviceWorker.controller)).toBe(true);
  await context.setOffline(true);
  await page.reload();
  await expect(app.heading()).toHaveText('このアプリについて');
  await expect(app.feedInfo()).toContainText('見本データ');
  await expect(app.feedNotice()).toContainText('オフライン');
  await app.open('#/wallet');
  await context.setOffline(false);
});

test('a corrupted settings record is set aside, not lost, and offered for export', async ({ page, log }) => {
  const app = new AppPage(page);
  await app.open('#/about');
  await page.evaluate(() => localStorage.setItem('jokatsu.settings', '{"version":1,"data":'));
  await page.reload();
  await expect(app.quarantineNotice()).toBeVisible();
  await expect(page.getByTestId('quarantine-list')).toContainText('jokatsu.settings');
  const kept = await page.evaluate(() => localStorage.getItem('jokatsu.quarantine'));
  expect(kept).toContain('{\\"version\\":1,\\"data\\":');
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: '書き出す' }).click();
  expect((await download).suggestedFilename()).toBe('jokatsu-set-aside-data.json');
  // Removing it asks first, offering the export again.
  await page.getByRole('button', { name: '一覧から消す' }).click();
  await expect(page.getByTestId('confirm-forget')).toContainText('元に戻せません');
  await page.getByRole('button', { name: 'やめる' }).click();
  await expect(page.getByTestId('quarantine-list')).toContainText('jokatsu.settings');
  await page.getByRole('button', { name: '一覧から消す' }).click();
  await page.getByRole('button', { name: '消す', exact: true }).click();
  await expect(page.getByTestId('quarantine-list')).toHaveCount(0);
});

test('every page has no axe-core violations at WCAG 2.2 AA', async ({ page, log }) => {
  for (const [hash] of routes) {
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      await open(page, hash);
      expect(await axeViolations(page), `${hash} ${scheme}`).toEqual([]);
    }
  }
});

test('the page is locked down by a Content-Security-Policy', async ({ page, log }) => {
  await open(page, '#/');
  const csp = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  expect(csp).toContain("default-src 'self'");
  expect(csp).toContain("connect-src 'self'");
  expect(csp).not.toContain('unsafe-inline');
  // an injected inline script is refused
  log.allowErrors.push(/Content Security Policy/);
  const ran = await page.evaluate(() => {
    const s = document.createElement('script');
    s.textContent = 'window.__injected = true';
    document.body.appendChild(s);
    return (window as any).__injected === true;
  });
  expect(ran).toBe(false);
});

test('the app is installable: manifest and service worker', async ({ page, log }) => {
  await open(page, '#/');
  const manifest = await (await page.request.get('manifest.webmanifest')).json();
  expect(manifest.display).toBe('standalone');
  expect(manifest.start_url).toBe('./');
  expect(manifest.icons.some((i: any) => i.sizes === '512x512')).toBe(true);
  await page.evaluate(async () => { await navigator.serviceWorker.ready; });
});

test('a new deployment offers a reload, and the reload brings the new version', async ({ page, log }) => {
  const app = new AppPage(page);
  await app.open('#/about');
  await page.evaluate(async () => { await navigator.serviceWorker.ready; });
  await page.reload();
  await expect.poll(() => page.evaluate(() => !!navigator.serviceWorker.controller)).toBe(true);
  await expect(page.getByRole('button', { name: '再読み込み' })).toHaveCount(0);
  await setFeed('ok', null, '// deployment 2');
  await page.evaluate(async () => { const r = await navigator.serviceWorker.getRegistration(); await r?.update(); });
  await expect(page.getByText('新しいバージョンがあります。')).toBeVisible({ timeout: 15_000 });
  await Promise.all([page.waitForEvent('load'), page.getByRole('button', { name: '再読み込み' }).click()]);
  await expect(app.heading()).toHaveText('このアプリについて');
  const active = await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.waiting === null);
  expect(active).toBe(true);
});

test('at 200 % zoom (a 195 px wide viewport) no page scrolls sideways', async ({ page, log }) => {
  await page.setViewportSize({ width: 195, height: 422 });
  for (const [hash] of routes) {
    await open(page, hash);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow, hash).toBeLessThanOrEqual(0);
  }
});
