// The shared header on every public page: at 200 % zoom (a 390 × 844 phone lays out as
// 195 × 422) it keeps to a quarter of the first screen and the brand never stacks one
// letter per line, in Japanese and English; its brand link goes home from every holder page.
import { test, expect, open, axeLightAndDark } from './fixtures';
import { AppPage } from '../pages';

const PAGES = [
  'index.html#/',
  'c.html#/check',
  'm.html#/memo',
  'w.html#/wallet',
  'r.html',
  'b.html#/backup',
  'd.html#/shops',
  's.html#/scan',
  'shop.html#/shop',
  'shop-desk.html#/shop/ledger',
];

test('at 200 % zoom the header is at most a quarter of the first screen on every page, the brand on one or two lines', async ({ page, log }) => {
  await page.setViewportSize({ width: 195, height: 422 });
  for (const lang of ['ja', 'en'] as const) {
    for (const path of PAGES) {
      await open(page, path);
      if (lang === 'en' && (await page.getByRole('button', { name: 'English' }).count()) > 0) {
        await page.getByRole('button', { name: 'English' }).click();
        await expect(page.getByRole('button', { name: '日本語' })).toBeVisible();
      }
      const header = page.locator('header.app-header');
      const box = (await header.boundingBox())!;
      expect(box.height, `${path} ${lang}: header height`).toBeLessThanOrEqual(422 / 4);
      const brand = await header.locator('.app-header__brand > span:not([aria-hidden])').evaluate((el) => {
        const lines = el.getBoundingClientRect().height / parseFloat(getComputedStyle(el).lineHeight);
        return { lines, width: el.getBoundingClientRect().width };
      });
      expect(brand.lines, `${path} ${lang}: brand lines`).toBeLessThanOrEqual(2.1);
      expect(brand.width, `${path} ${lang}: brand width`).toBeGreaterThan(60);
      // every control of the header is on the screen, none cut off
      for (const el of await header.locator('a, button').all()) {
        const b = (await el.boundingBox())!;
        expect(b.x + b.width, `${path} ${lang}: ${await el.textContent()}`).toBeLessThanOrEqual(195.5);
      }
    }
    await page.evaluate(() => localStorage.clear());
  }
  await open(page, 'w.html#/wallet');
  await axeLightAndDark(page, 'header');
});

test('the brand link goes home from the self-checks, the wallet and the backup page', async ({ page, log }) => {
  const app = new AppPage(page);
  for (const path of ['c.html#/check', 'w.html#/wallet', 'b.html#/backup']) {
    await app.open(path);
    await page.getByRole('link', { name: /JOKATSU あさひかわ/ }).click();
    await expect(page).toHaveURL(/\/jokatsu\/(index\.html)?#\/$/);
    await expect(app.heading()).toHaveText(/キャリアの保健室/);
  }
});
