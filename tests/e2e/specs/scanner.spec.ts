import { test, expect, open } from './fixtures';
import { chromiumArgs } from '../playwright.config';
import { CAMERA_FILE } from '../global-setup';

test.use({
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: [...chromiumArgs, '--use-fake-device-for-media-stream', `--use-file-for-fake-video-capture=${CAMERA_FILE}`],
    },
  permissions: ['camera'],
});

  test('the in-app scanner reads the QR (WebAssembly decoder) and opens the gift', async ({ page, log }) => {
    await page.clock.setFixedTime(new Date('2026-11-24T10:00:00+09:00'));
    await open(page, 'w.html#/wallet');
    await page.getByRole('link', { name: 'カメラでQRを読み取る' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('QRコードを読み取る');
    expect(await page.evaluate(() => 'BarcodeDetector' in window)).toBe(false);
    await page.getByRole('button', { name: 'カメラでQRを読み取る' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('チケットが届きました', { timeout: 20_000 });
    await expect(page.getByTestId('gift-card')).toContainText('山田さんから');
    // the link was opened here, on this app's own origin
    expect(page.url()).toContain('/jokatsu/r.html#/gift/JK1:');
  });
