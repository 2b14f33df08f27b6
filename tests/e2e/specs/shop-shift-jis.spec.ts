// Item 10 of issue 25: a Shift_JIS QR (what many Japanese QR makers write, e.g. a shop's
// point card) gets the till's answer at once, by camera and by photo, instead of 14 s of
// silence. The fake camera shows it (global-setup.ts); a file of its own because the
// camera is chosen when the browser starts.
import { test, expect, y4mToPng } from './fixtures';
import { chromiumArgs } from '../playwright.config';
import { SHIFT_JIS_CAMERA_FILE, SHIFT_JIS_QR } from '../files';
import { ShopDeskPage, ShopPage } from '../pages';

const BAKERY = { search: 'べーかりー', shop: '（見本）旭川駅前ベーカリー' };
const NOV24 = new Date('2026-11-24T10:00:00+09:00');

test.use({
  launchOptions: {
    executablePath: '/usr/bin/chromium',
    args: [...chromiumArgs, '--use-fake-device-for-media-stream', `--use-file-for-fake-video-capture=${SHIFT_JIS_CAMERA_FILE}`],
  },
  permissions: ['camera'],
});

test('item 10: gets the till\'s answer at once, by camera and by photo, instead of silence', async ({ page, log }) => {
  await page.clock.setFixedTime(NOV24);
  const till = new ShopPage(page);
  await new ShopDeskPage(page).setUp(BAKERY);
  await till.open('shop.html#/shop');
  expect(await page.evaluate(() => 'BarcodeDetector' in window)).toBe(false);
  await till.cameraButton().click();
  await expect(till.verdict()).toHaveAttribute('data-verdict', 'text', { timeout: 5_000 });
  await expect(till.verdict()).toContainText('チケットではありません');
  // Read as Shift_JIS (the browser's decoder): the clerk sees what the code says.
  await expect(page.getByTestId('verdict-read')).toHaveText(`読み取った文字：${SHIFT_JIS_QR.replace('　', ' ')}`);
  await till.stopCameraButton().click();
  // The photo path reads it too.
  await till.paste('https://example.com/');
  await expect(till.verdict()).toHaveAttribute('data-verdict', 'other_url');
  await till.photoInput().setInputFiles({ name: 'qr.png', mimeType: 'image/png', buffer: y4mToPng(SHIFT_JIS_CAMERA_FILE) });
  await expect(till.verdict()).toHaveAttribute('data-verdict', 'text', { timeout: 5_000 });
});
