// The holder's scanner with a fake camera showing a coworker's gift QR (global-setup.ts).
import { test, expect } from './fixtures';
import { chromiumArgs } from '../playwright.config';
import { CAMERA_FILE } from '../files';
import { ReceivePage, ScanPage, WalletPage } from '../pages';

test.use({
  launchOptions: {
    executablePath: '/usr/bin/chromium',
    args: [...chromiumArgs, '--use-fake-device-for-media-stream', `--use-file-for-fake-video-capture=${CAMERA_FILE}`],
  },
  permissions: ['camera'],
});

test('the in-app scanner reads the QR (WebAssembly decoder) and opens the gift', async ({ page, log }) => {
  await page.clock.setFixedTime(new Date('2026-11-24T10:00:00+09:00'));
  const wallet = new WalletPage(page);
  await wallet.open('w.html#/wallet');
  await page.getByRole('link', { name: 'カメラでQRを読み取る' }).click();
  const scan = new ScanPage(page);
  await expect(scan.heading()).toHaveText('QRコードを読み取る');
  expect(await page.evaluate(() => 'BarcodeDetector' in window)).toBe(false);
  await scan.cameraButton().click();
  const gift = new ReceivePage(page);
  await expect(gift.heading()).toHaveText('チケットが届きました', { timeout: 20_000 });
  await expect(gift.giftCard()).toContainText('山田さんから');
  // the link was opened here, on this app's own origin
  expect(page.url()).toContain('/jokatsu/r.html#/gift/JK1:');
});
