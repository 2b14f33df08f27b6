// Shop mode (shop.html): set up the till, check tickets (paste, camera), accept, undo,
// refuse what is not a ticket, and export the month's claim.
import { test, expect, open, axeViolations, y4mToPng } from './fixtures';
import { chromiumArgs } from '../playwright.config';
import { Page, Download } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const bundle = JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'fixtures', 'demo-bundle-202611.json'), 'utf8'));
const tickets: string[] = bundle.tickets;
const SITE = 'https://www.city.asahikawa.hokkaido.jp/jokatsu/w.html';
// The ticket on the customer's phone screen: the wallet's QR holds the ticket link.
const CAMERA_TICKET = tickets[5];
const CAMERA_FILE = path.join(__dirname, '..', 'test-results-fixtures', 'shop-ticket-qr.y4m');
if (!fs.existsSync(CAMERA_FILE)) {
  fs.mkdirSync(path.dirname(CAMERA_FILE), { recursive: true });
  execFileSync('cargo', ['run', '--quiet', '--manifest-path', path.join(__dirname, '..', '..', '..', 'Cargo.toml'),
    '--example', 'qr-y4m', '--', `${SITE}#/t/${CAMERA_TICKET}`, CAMERA_FILE], { stdio: 'inherit' });
}

test.use({
  launchOptions: {
    executablePath: '/usr/bin/chromium',
    args: [...chromiumArgs, '--use-fake-device-for-media-stream', `--use-file-for-fake-video-capture=${CAMERA_FILE}`],
  },
  permissions: ['camera'],
});

const NOV = new Date('2026-11-24T10:00:00+09:00');

/** The till, driven by roles and labels. */
class Till {
  constructor(readonly page: Page) {}
  verdict() { return this.page.getByTestId('verdict'); }
  async setUp() {
    await open(this.page, 'shop.html#/shop/setup');
    await expect(this.page.getByTestId('freshness')).toContainText('最終更新');
    await this.page.getByLabel('店名・かな・種類・地域で探す').fill('べーかりー');
    await expect(this.page.getByTestId('shop-option')).toHaveCount(1);
    await this.page.getByLabel('（見本）旭川駅前ベーカリー').check();
    await this.page.getByLabel('端末名').fill('レジ1');
    await this.page.getByRole('button', { name: '保存する' }).click();
    await expect(this.page.getByTestId('setup-notice')).toContainText('保存しました');
  }
  async paste(text: string) {
    await this.page.getByLabel('チケットのコードやリンクを貼り付け・入力').fill(text);
    await this.page.getByRole('button', { name: '確認する', exact: true }).click();
  }
  async accept() {
    await this.page.getByRole('button', { name: '受け付ける' }).click();
    await expect(this.verdict()).toHaveAttribute('data-state', 'redeemed');
  }
}

test.beforeEach(async ({ page }) => {
  await page.clock.setFixedTime(NOV);
});

test('set up, check and accept pasted tickets, refuse the rest, undo, scan with the camera, export the claim', async ({ page, log }) => {
  const till = new Till(page);
  await till.setUp();
  // remembered on the device
  await page.reload();
  await expect(page.getByTestId('till-who')).toHaveText('（見本）旭川駅前ベーカリー · レジ1');
  // changing the shop asks first
  await page.getByLabel('店名・かな・種類・地域で探す').fill('');
  await page.getByLabel('（見本）買物公園カフェ').check();
  await page.getByRole('button', { name: '保存する' }).click();
  await expect(page.getByTestId('confirm-change')).toContainText('変更しますか');
  expect(await axeViolations(page)).toEqual([]);
  await page.getByRole('button', { name: 'やめる' }).click();
  await expect(page.getByTestId('till-who')).toHaveText('（見本）旭川駅前ベーカリー · レジ1');

  await page.getByRole('link', { name: '読み取り' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('お店モード：チケットの確認');

  // a valid (demo) ticket: 1,000円, DEMO, and the confirm button
  await till.paste(tickets[0]);
  await expect(till.verdict()).toHaveAttribute('data-state', 'demo');
  await expect(till.verdict()).toContainText('DEMO');
  await expect(page.getByTestId('verdict-amount')).toHaveText('1,000円');
  expect(await axeViolations(page)).toEqual([]);
  await till.accept();
  await expect(till.verdict()).toContainText('受け付けました');
  await expect(till.verdict()).toContainText('取引番号 1');
  expect(await axeViolations(page)).toEqual([]);
  await expect(page.getByTestId('undo-deadline')).toContainText('10:10まで取り消せます');

  // the same ticket again: already redeemed here, with time and transaction number
  await till.paste(tickets[0]);
  await expect(till.verdict()).toHaveAttribute('data-state', 'used');
  await expect(page.getByTestId('verdict-earlier')).toContainText('この端末で受付済み：2026年11月24日（火） 10:00・取引番号 1');
  await expect(page.getByRole('button', { name: '受け付ける' })).toHaveCount(0);

  // a tampered ticket (one character of the signature changed): forged
  const t = tickets[2];
  const forged = t.slice(0, 100) + (t[100] === 'A' ? 'B' : 'A') + t.slice(101);
  await till.paste(forged);
  await expect(till.verdict()).toHaveAttribute('data-verdict', 'forged');
  await expect(till.verdict()).toContainText('偽造または改ざんされています');
  expect(await axeViolations(page)).toEqual([]);

  // a gift link, another site's address, random text: each its own answer
  await till.paste(`${SITE}#/gift/${tickets[3]}?from=%E5%B1%B1%E7%94%B0`);
  await expect(till.verdict()).toHaveAttribute('data-verdict', 'gift');
  await expect(till.verdict()).toContainText('お客様のウォレットで受け取ってから見せてもらってください');
  expect(await axeViolations(page)).toEqual([]);
  await till.paste('https://example.com/pay?amount=1000');
  await expect(till.verdict()).toHaveAttribute('data-verdict', 'other_url');
  await expect(till.verdict()).toContainText('ほかのサイトのアドレスです');
  await till.paste('ありがとうございました');
  await expect(till.verdict()).toHaveAttribute('data-verdict', 'text');
  await expect(till.verdict()).toContainText('チケットではありません');

  // undo a mistaken redemption: it is never claimed, and the ticket can be checked again
  await till.paste(tickets[1]);
  await till.accept();
  await expect(till.verdict()).toContainText('取引番号 2');
  await page.getByRole('button', { name: '受付を取り消す' }).click();
  await expect(till.verdict()).toHaveAttribute('data-state', 'undone');
  await till.paste(tickets[1]);
  await expect(till.verdict()).toHaveAttribute('data-state', 'demo');

  // the camera (fake device showing the ticket's QR on a phone screen) finds the ticket
  await page.getByRole('button', { name: 'カメラでQRを読み取る' }).click();
  await expect(page.getByTestId('verdict-amount')).toHaveText('1,000円', { timeout: 20_000 });
  await expect(till.verdict()).toContainText('202611-00005');
  await till.accept();
  await expect(till.verdict()).toContainText('取引番号 3');
  await page.getByRole('button', { name: 'カメラを止める' }).click();

  // the photo fallback: a photo of the same QR (now redeemed) says so, with its transaction
  await page.getByTestId('photo-input').setInputFiles({ name: 'qr.png', mimeType: 'image/png', buffer: y4mToPng(CAMERA_FILE) });
  await expect(till.verdict()).toHaveAttribute('data-state', 'used', { timeout: 20_000 });
  await expect(page.getByTestId('verdict-earlier')).toContainText('取引番号 3');

  // the ledger: today's takings, newest first, search by serial
  await page.getByRole('link', { name: '台帳・請求' }).click();
  await expect(page.getByTestId('tally-today')).toContainText('2件');
  await expect(page.getByTestId('tally-today')).toContainText('2,000円');
  await expect(page.getByTestId('tally-month')).toContainText('2,000円');
  await expect(page.getByTestId('ledger-row')).toHaveCount(3);
  await expect(page.getByTestId('ledger-row').nth(1)).toContainText('取り消し済み');
  expect(await axeViolations(page)).toEqual([]);
  await page.getByLabel('番号で探す').fill('202611-00000');
  await expect(page.getByTestId('ledger-row')).toHaveCount(1);

  // the claim for November: exactly the two live redemptions, 2,000円
  await page.getByLabel('請求する月').fill('2026-11');
  await expect(page.getByTestId('claim-pending')).toContainText('2件・2,000円');
  const files = await exportBoth(page, () => page.getByRole('button', { name: '請求データを書き出す' }).click());
  const json = JSON.parse(files.json);
  expect(json.format).toBe('jokatsu-claim');
  expect(json.shop).toBe('s001');
  expect(json.device).toBe('レジ1');
  expect(json.period).toBe('2026-11');
  expect(json.count).toBe(2);
  expect(json.total).toBe(2000);
  expect(json.redemptions.map((r: any) => r.ticket).sort()).toEqual([tickets[0], CAMERA_TICKET].sort());
  expect(files.csvBytes.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
  await expect(page.getByTestId('ledger-notice')).toContainText('2件、合計 2,000円');
  // nothing is claimed twice
  await expect(page.getByTestId('claim-pending')).toContainText('0件');
  await page.getByRole('button', { name: '請求データを書き出す' }).click();
  await expect(page.getByTestId('ledger-notice')).toContainText('請求できる受付はありません');
  // an earlier claim exports again identically
  const again = await exportBoth(page, () => page.getByRole('button', { name: 'もう一度書き出す' }).click());
  expect(again.json).toBe(files.json);
  expect(again.csvBytes.equals(files.csvBytes)).toBe(true);
  // the ledger survives a reload, claimed
  await page.reload();
  await expect(page.getByTestId('ledger-row').first()).toContainText('請求済み');
});

async function exportBoth(page: Page, click: () => Promise<void>) {
  const downloads: Download[] = [];
  const got = new Promise<void>((resolve) => {
    page.on('download', (d) => { downloads.push(d); if (downloads.length === 2) resolve(); });
  });
  await click();
  await got;
  page.removeAllListeners('download');
  const read = async (d: Download) => fs.readFileSync((await d.path())!);
  const json = downloads.find((d) => d.suggestedFilename().endsWith('.json'))!;
  const csv = downloads.find((d) => d.suggestedFilename().endsWith('.csv'))!;
  expect(json.suggestedFilename()).toMatch(/^claim-s001-202611-[0-9a-f]{8}-1\.json$/);
  return { json: (await read(json)).toString('utf8'), csvBytes: await read(csv) };
}

test('dates: an expired ticket and one not yet valid are refused with their dates; old data is warned about', async ({ page, log }) => {
  const till = new Till(page);
  // After the November tickets' last day (2027-01-31), with the feed of 2026-11-20.
  await page.clock.setFixedTime(new Date('2027-02-02T10:00:00+09:00'));
  await till.setUp();
  await page.getByRole('link', { name: '読み取り', exact: true }).click();
  await expect(page.getByTestId('stale-warning')).toContainText('7日を超えています');
  await till.paste(tickets[4]);
  await expect(till.verdict()).toHaveAttribute('data-verdict', 'expired');
  await expect(till.verdict()).toContainText('有効期限切れです');
  await expect(till.verdict()).toContainText('2027年1月31日');
  await expect(page.getByRole('button', { name: '受け付ける' })).toHaveCount(0);
  // Before the November tickets' first day.
  await page.clock.setFixedTime(new Date('2026-10-20T10:00:00+09:00'));
  await page.reload();
  await till.paste(tickets[4]);
  await expect(till.verdict()).toHaveAttribute('data-verdict', 'not_yet_valid');
  await expect(till.verdict()).toContainText('まだ使えません');
  await expect(till.verdict()).toContainText('2026年11月1日');
});

test('after one online visit the till checks and accepts tickets with the network cut', async ({ page, context, log }) => {
  log.allowErrors.push(/Failed to load resource|net::ERR/);
  const till = new Till(page);
  await till.setUp();
  await open(page, 'shop.html#/shop');
  await page.evaluate(async () => { await navigator.serviceWorker.ready; });
  await page.reload();
  await expect.poll(() => page.evaluate(() => !!navigator.serviceWorker.controller)).toBe(true);
  await context.setOffline(true);
  await page.reload();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('お店モード：チケットの確認');
  await till.paste(tickets[7]);
  await expect(till.verdict()).toHaveAttribute('data-state', 'demo');
  await till.accept();
  await context.setOffline(false);
});
