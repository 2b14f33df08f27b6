import { test, expect, open } from './fixtures';
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
