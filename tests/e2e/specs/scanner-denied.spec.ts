import { test, expect, open, y4mToPng, greyPng, axeViolations } from './fixtures';
import { CAMERA_FILE } from '../global-setup';
import { chromiumArgs } from '../playwright.config';

test.use({
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: [...chromiumArgs, '--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream=deny', '--deny-permission-prompts'],
    },
  permissions: [],
});

  test('a clear message and the manual path', async ({ page, log }) => {
    await open(page, 's.html#/scan');
    await page.getByRole('button', { name: 'カメラでQRを読み取る' }).click();
    await expect(page.getByTestId('scanner-problem')).toContainText(/許可されていません|カメラ/);
    await page.getByRole('link', { name: 'リンクやコードを貼り付ける・ファイルから読み込む' }).click();
    await expect(page.getByLabel('リンクやコードを貼り付け')).toBeVisible();
  });

  test('without the camera, a QR is read from a photo or screenshot; an image without one says so', async ({ page, log }) => {
    await page.clock.setFixedTime(new Date('2026-11-24T10:00:00+09:00'));
    await open(page, 's.html#/scan');
    // An image with no QR code in it: a clear message, nothing opens.
    await page.getByTestId('photo-input').setInputFiles({ name: 'blank.png', mimeType: 'image/png', buffer: greyPng(64, 64, Buffer.alloc(64 * 64, 200)) });
    await expect(page.getByTestId('photo-problem')).toContainText('QRコードが見つかりませんでした');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('QRコードを読み取る');
    expect(await axeViolations(page)).toEqual([]);
    // A screenshot of a coworker's gift QR (the fake camera's frame as a PNG).
    await page.getByLabel('写真・スクリーンショットから読み取る').setInputFiles({ name: 'gift.png', mimeType: 'image/png', buffer: y4mToPng(CAMERA_FILE) });
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('チケットが届きました', { timeout: 20_000 });
    await expect(page.getByTestId('gift-card')).toContainText('山田さんから');
  });
