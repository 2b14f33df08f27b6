// The holder's scanner when the camera is refused: a clear message, the manual path, and
// reading a QR from a photo or screenshot instead.
import { test, expect, y4mToPng, greyPng, axeViolations } from './fixtures';
import { chromiumArgs } from '../playwright.config';
import { CAMERA_FILE } from '../files';
import { ReceivePage, ScanPage } from '../pages';

test.use({
  launchOptions: {
    executablePath: '/usr/bin/chromium',
    args: [...chromiumArgs, '--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream=deny', '--deny-permission-prompts'],
  },
  permissions: [],
});

test('a clear message and the manual path', async ({ page, log }) => {
  const scan = new ScanPage(page);
  await scan.goto();
  await scan.cameraButton().click();
  await expect(scan.problem()).toContainText(/許可されていません|カメラ/);
  await scan.manualLink().click();
  await expect(page.getByLabel('リンクやコードを貼り付け')).toBeVisible();
});

test('without the camera, a QR is read from a photo or screenshot; an image without one says so', async ({ page, log }) => {
  await page.clock.setFixedTime(new Date('2026-11-24T10:00:00+09:00'));
  const scan = new ScanPage(page);
  await scan.goto();
  // An image with no QR code in it: a clear message, nothing opens.
  await scan.photoInput().setInputFiles({ name: 'blank.png', mimeType: 'image/png', buffer: greyPng(64, 64, Buffer.alloc(64 * 64, 200)) });
  await expect(scan.photoProblem()).toContainText('QRコードが見つかりませんでした');
  await expect(scan.heading()).toHaveText('QRコードを読み取る');
  expect(await axeViolations(page)).toEqual([]);
  // A screenshot of a coworker's gift QR (the fake camera's frame as a PNG).
  await scan.photoInputByLabel().setInputFiles({ name: 'gift.png', mimeType: 'image/png', buffer: y4mToPng(CAMERA_FILE) });
  const gift = new ReceivePage(page);
  await expect(gift.heading()).toHaveText('チケットが届きました', { timeout: 20_000 });
  await expect(gift.giftCard()).toContainText('山田さんから');
});
