// The whole ticket chain, each person in a browser context of their own: the office issues
// a month from a roster; a mother opens her link and gives a ticket to a coworker; both
// tickets are redeemed at a shop (fake camera for one); a copy of the mother's ticket is
// redeemed at a second shop; both shops export claims; the office settles them (the copy is
// flagged and traced to the mother, payouts exact, the command-line tool gives the same
// reports) and publishes the used data; wallets then show those tickets used and a till
// refuses them.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Browser, BrowserContext, Download, Page } from '@playwright/test';
import { test, expect, setFeed, ORIGIN } from './fixtures';
import { chromiumArgs } from '../playwright.config';

const root = path.join(__dirname, '..', '..', '..');
const fixtures = path.join(__dirname, '..', 'fixtures');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'jokatsu-chain-'));
const CAMERA_FILE = path.join(tmp, 'camera.y4m');
const PASS = 'demo-passphrase-2026';

function qrVideo(text: string) {
  execFileSync('cargo', ['run', '--quiet', '--manifest-path', path.join(root, 'Cargo.toml'),
    '--example', 'qr-y4m', '--', text, CAMERA_FILE], { stdio: 'inherit' });
}
// The fake camera's file must exist when the browser starts; its picture is set later.
qrVideo('JOKATSU');

test.use({
  launchOptions: {
    executablePath: '/usr/bin/chromium',
    args: [...chromiumArgs, '--use-fake-device-for-media-stream', `--use-file-for-fake-video-capture=${CAMERA_FILE}`],
  },
  permissions: ['camera'],
});

function thisMonth(): string {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Tokyo', year: 'numeric', month: '2-digit' }).formatToParts(new Date());
  return `${parts.find((p) => p.type === 'year')!.value}-${parts.find((p) => p.type === 'month')!.value}`;
}

async function phone(browser: Browser): Promise<[BrowserContext, Page]> {
  const ctx = await browser.newContext({ locale: 'ja-JP', timezoneId: 'Asia/Tokyo', viewport: { width: 390, height: 844 }, permissions: ['camera'] });
  return [ctx, await ctx.newPage()];
}

async function saved(page: Page, click: () => Promise<void>): Promise<string> {
  const dl = page.waitForEvent('download');
  await click();
  const d: Download = await dl;
  const file = path.join(tmp, d.suggestedFilename());
  await d.saveAs(file);
  return file;
}

async function setUpTill(page: Page, search: string, shop: string) {
  await page.goto('shop.html#/shop/setup');
  await expect(page.getByTestId('freshness')).toContainText('最終更新');
  await page.getByLabel('店名・かな・種類・地域で探す').fill(search);
  await page.getByLabel(shop).check();
  await page.getByLabel('端末名').fill('レジ1');
  await page.getByRole('button', { name: '保存する' }).click();
  await expect(page.getByTestId('setup-notice')).toContainText('保存しました');
  await page.goto('shop.html#/shop');
}

async function pasteAndAccept(page: Page, text: string) {
  await page.getByLabel('チケットのコードやリンクを貼り付け・入力').fill(text);
  await page.getByRole('button', { name: '確認する', exact: true }).click();
  await page.getByRole('button', { name: '受け付ける' }).click();
  await expect(page.getByTestId('verdict')).toHaveAttribute('data-state', 'redeemed');
}

async function exportClaim(page: Page, month: string): Promise<string> {
  await page.goto('shop.html#/shop/ledger');
  await page.getByLabel('請求する月').fill(month);
  const files: string[] = [];
  const got = new Promise<void>((resolve) => {
    page.on('download', async (d) => {
      const f = path.join(tmp, d.suggestedFilename());
      await d.saveAs(f);
      files.push(f);
      if (files.length === 2) resolve();
    });
  });
  await page.getByRole('button', { name: '請求データを書き出す' }).click();
  await got;
  page.removeAllListeners('download');
  return files.find((f) => f.endsWith('.json'))!;
}

test('office → mother → coworker → two shops (one with a copy) → settlement → used data everywhere', async ({ page: office, browser, log }) => {
  test.setTimeout(240_000);
  log.allowErrors.push(/Failed to load resource|net::ERR/);
  const month = thisMonth();

  // 1. The office issues the month.
  await office.setViewportSize({ width: 1280, height: 900 });
  await office.goto(`${ORIGIN}/office/office.html`);
  await office.getByLabel('パスフレーズ（12文字以上）').fill(PASS);
  await office.getByLabel('鍵ファイルを開く').setInputFiles(path.join(fixtures, 'demo-issuer-1.key'));
  await expect(office.getByTestId('office-key')).toContainText('鍵 1');
  await office.getByLabel('名簿（CSV, Excel で保存したもの）').setInputFiles(path.join(fixtures, 'roster-sjis.csv'));
  await office.getByLabel('発行する月（例 2026-12）').fill(month);
  await office.getByLabel('アプリのアドレス（受け取りリンク用）').fill(`${ORIGIN}/jokatsu/w.html`);
  await office.getByLabel('見本（DEMO）として発行する').uncheck();
  await office.getByRole('button', { name: '発行する', exact: true }).click();
  await expect(office.getByTestId('issued-row')).toHaveCount(3);
  const register = await saved(office, () => office.getByRole('button', { name: '発行台帳を保存（必ず）' }).click());
  const link = (await office.getByTestId('issued-link').first().getAttribute('href'))!;
  const bundleFile = await saved(office, () => office.getByTestId('issued-row').first().getByRole('button', { name: 'ファイル' }).click());
  const mothersTickets: string[] = JSON.parse(fs.readFileSync(bundleFile, 'utf8')).tickets;
  expect(mothersTickets).toHaveLength(20);

  // 2. The mother receives her month and gives a ticket to a coworker.
  const [mCtx, mother] = await phone(browser);
  await mother.goto(link);
  await mother.getByRole('button', { name: 'ウォレットに入れる' }).click();
  await expect(mother.getByTestId('receive-result')).toContainText('20枚を受け取りました');
  await mother.getByRole('link', { name: 'ウォレットを見る' }).click();
  await expect(mother.getByTestId('balance-yen')).toHaveText('20,000円');
  await mother.getByTestId('ticket').first().getByRole('button', { name: '同僚に渡す' }).click();
  const sheet = mother.getByRole('dialog');
  await mother.getByLabel('渡す相手（必須・あなたの控え用）').fill('佐藤さん');
  await mother.getByLabel('あなたの名前（相手に表示）').fill('旭川');
  await mother.getByLabel('ひとことメッセージ').fill('ありがとう！');
  await sheet.getByRole('button', { name: '次へ（確認）' }).click();
  await sheet.getByRole('button', { name: '渡す', exact: true }).click();
  const gift = (await mother.getByTestId('gift-link').getAttribute('href'))!;
  await mother.getByRole('button', { name: '閉じる' }).click();
  await expect(mother.getByTestId('balance-yen')).toHaveText('19,000円');
  const giftTicket = decodeURIComponent(gift).match(/JK1:[A-Z2-7]{143}/)![0];
  const copied = mothersTickets.find((t) => t !== giftTicket)!;

  // 3. The coworker accepts the gift in her own wallet.
  const [cCtx, coworker] = await phone(browser);
  await coworker.goto(gift);
  await coworker.getByRole('button', { name: '受け取る' }).click();
  await expect(coworker.getByTestId('receive-result')).toContainText('ウォレットに入れました');

  // 4. Shop 1: the coworker's ticket by camera (her phone's QR), then the mother's ticket.
  const [s1Ctx, shop1] = await phone(browser);
  await setUpTill(shop1, 'べーかりー', '（見本）旭川駅前ベーカリー');
  qrVideo(giftTicket);
  await shop1.getByRole('button', { name: 'カメラでQRを読み取る' }).click();
  await expect(shop1.getByTestId('verdict-amount')).toHaveText('1,000円', { timeout: 30_000 });
  await shop1.getByRole('button', { name: '受け付ける' }).click();
  await expect(shop1.getByTestId('verdict')).toHaveAttribute('data-state', 'redeemed');
  await shop1.getByRole('button', { name: 'カメラを止める' }).click();
  await pasteAndAccept(shop1, copied);

  // 5. Shop 2: a copy of the mother's ticket (a screenshot) is redeemed again.
  const [s2Ctx, shop2] = await phone(browser);
  await setUpTill(shop2, 'かふぇ', '（見本）買物公園カフェ');
  await pasteAndAccept(shop2, copied);

  // 6. Both shops export their claims.
  const claim1 = await exportClaim(shop1, month);
  const claim2 = await exportClaim(shop2, month);

  // 7. The office settles: exact payouts, the copy flagged and traced to the mother.
  await office.getByLabel('配信データを開く').setInputFiles(path.join(root, 'dist', 'feed', 'feed.json'));
  await office.getByLabel('精算する月（例 2026-12）').fill(month);
  await office.getByLabel('お店の請求ファイル（複数可）').setInputFiles([claim1, claim2]);
  await expect(office.getByTestId('claims-count')).toContainText('2');
  await office.getByRole('button', { name: '精算する', exact: true }).click();
  await expect(office.getByTestId('payouts')).toContainText('s001');
  await expect(office.getByTestId('payouts')).toContainText('2,000円');
  await expect(office.getByTestId('duplicates')).toContainText('A0001 旭川 花子');
  const payouts = await saved(office, () => office.getByRole('button', { name: '支払い CSV' }).click());
  const problems = await saved(office, () => office.getByRole('button', { name: '問題 CSV' }).click());

  // The command-line tool gives byte-identical reports for the same inputs.
  const out = path.join(tmp, 'cli');
  try {
    execFileSync('cargo', ['run', '--quiet', '--manifest-path', path.join(root, 'Cargo.toml'), '--bin', 'jokatsu-office', '--',
      'settle', '--month', month, '--feed', path.join(root, 'dist', 'feed', 'feed.json'), '--register', register,
      '--roster', path.join(fixtures, 'roster-sjis.csv'), '--out', out, '--demo', claim1, claim2], { stdio: 'pipe' });
  } catch (e: any) {
    expect(e.status, String(e.stderr)).toBe(1); // exit 1: a duplicate was found
  }
  expect(fs.readFileSync(path.join(out, 'payouts.csv')).equals(fs.readFileSync(payouts))).toBe(true);
  expect(fs.readFileSync(path.join(out, 'problems.csv')).equals(fs.readFileSync(problems))).toBe(true);

  // 8. The office signs the used data; it goes into the served feed.
  await office.getByLabel('パスフレーズ（12文字以上）').fill(PASS);
  await office.getByLabel('鍵ファイルを開く').setInputFiles(path.join(fixtures, 'demo-used-200.key'));
  await expect(office.getByTestId('office-key')).toContainText('鍵 200');
  const usedFile = await saved(office, () => office.getByRole('button', { name: '使用済みデータに署名' }).click());
  const feed = JSON.parse(fs.readFileSync(path.join(root, 'dist', 'feed', 'feed.json'), 'utf8'));
  feed.used = JSON.parse(fs.readFileSync(usedFile, 'utf8'));
  await setFeed('ok', JSON.stringify(feed));

  // 9. The wallets show those tickets used; a till that never saw them refuses them.
  await mother.reload();
  await expect(mother.getByTestId('balance-yen')).toHaveText('18,000円');
  await mother.getByTestId('done-group').locator('summary').click();
  await expect(mother.getByTestId('done-group')).toContainText('使用済み（市の記録）');
  await coworker.goto('w.html#/wallet');
  await coworker.reload();
  await coworker.getByTestId('done-group').locator('summary').click();
  await expect(coworker.getByTestId('done-group')).toContainText('使用済み（市の記録）');
  const [s3Ctx, shop3] = await phone(browser);
  await setUpTill(shop3, 'べーかりー', '（見本）旭川駅前ベーカリー');
  await shop3.getByLabel('チケットのコードやリンクを貼り付け・入力').fill(giftTicket);
  await shop3.getByRole('button', { name: '確認する', exact: true }).click();
  await expect(shop3.getByTestId('verdict')).toHaveAttribute('data-verdict', 'already_used');
  await expect(shop3.getByRole('button', { name: '受け付ける' })).toHaveCount(0);
  for (const c of [mCtx, cCtx, s1Ctx, s2Ctx, s3Ctx]) await c.close();
});
