// Shop mode (shop.html): set up the till, check tickets (paste, camera), accept, undo,
// refuse what is not a ticket, and export the month's claim.
import { test, expect, axeViolations, y4mToPng } from './fixtures';
import { chromiumArgs } from '../playwright.config';
import fs from 'node:fs';
import { SHOP_CAMERA_FILE, SITE, demoBundle, shopCameraTicket } from '../files';
import { ShopDeskPage, ShopPage } from '../pages';

const tickets: string[] = demoBundle().tickets;
// The ticket on the customer's phone screen: the wallet's QR holds the ticket link
// (global-setup.ts makes the fake camera's video).
const CAMERA_TICKET = shopCameraTicket();

test.use({
  launchOptions: {
    executablePath: '/usr/bin/chromium',
    args: [...chromiumArgs, '--use-fake-device-for-media-stream', `--use-file-for-fake-video-capture=${SHOP_CAMERA_FILE}`],
  },
  permissions: ['camera'],
});

const NOV = new Date('2026-11-24T10:00:00+09:00');
/** The demo till: the bakery, device レジ1. */
const BAKERY = { search: 'べーかりー', shop: '（見本）旭川駅前ベーカリー', options: 1 };

test.beforeEach(async ({ page }) => {
  await page.clock.setFixedTime(NOV);
});

test('set up, check and accept pasted tickets, refuse the rest, undo, scan with the camera, export the claim', async ({ page, log }) => {
  const desk = new ShopDeskPage(page);
  const till = new ShopPage(page);
  await test.step('set up the till: remembered on the device; changing the shop asks first', async () => {
    await desk.setUp(BAKERY);
    // remembered on the device
    await page.reload();
    await expect(desk.tillWho()).toHaveText('（見本）旭川駅前ベーカリー · レジ1');
    // changing the shop asks first
    await desk.searchBox().fill('');
    await page.getByLabel('（見本）買物公園カフェ').check();
    await desk.saveButton().click();
    await expect(page.getByTestId('confirm-change')).toContainText('変更しますか');
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'やめる' }).click();
    await expect(desk.tillWho()).toHaveText('（見本）旭川駅前ベーカリー · レジ1');
  });

  await page.getByRole('link', { name: '読み取り' }).click();
  await expect(till.heading()).toHaveText('お店モード：チケットの確認');

  await test.step('a valid (demo) ticket: 1,000円, DEMO, and the confirm button', async () => {
    await till.paste(tickets[0]);
    await expect(till.verdict()).toHaveAttribute('data-state', 'demo');
    await expect(till.verdict()).toContainText('DEMO');
    await expect(till.verdictAmount()).toHaveText('1,000円');
    expect(await axeViolations(page)).toEqual([]);
    await till.accept();
    await expect(till.verdict()).toContainText('受け付けました');
    await expect(till.verdict()).toContainText('取引番号 1');
    expect(await axeViolations(page)).toEqual([]);
    await expect(page.getByTestId('undo-deadline')).toContainText('10:10まで取り消せます');
  });

  await test.step('the same ticket again: already redeemed here, with time and transaction number', async () => {
    await till.paste(tickets[0]);
    await expect(till.verdict()).toHaveAttribute('data-state', 'used');
    await expect(till.verdictEarlier()).toContainText('この端末で受付済み：2026年11月24日（火） 10:00・取引番号 1');
    await expect(till.acceptButton()).toHaveCount(0);
  });

  await test.step('a tampered ticket (one character of the signature changed): forged', async () => {
    const t = tickets[2];
    const forged = t.slice(0, 100) + (t[100] === 'A' ? 'B' : 'A') + t.slice(101);
    await till.paste(forged);
    await expect(till.verdict()).toHaveAttribute('data-verdict', 'forged');
    await expect(till.verdict()).toContainText('偽造または改ざんされています');
    expect(await axeViolations(page)).toEqual([]);
  });

  await test.step("a gift link, another site's address, random text: each its own answer", async () => {
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
  });

  await test.step('undo a mistaken redemption: it is never claimed, and the ticket can be checked again', async () => {
    await till.paste(tickets[1]);
    await till.accept();
    await expect(till.verdict()).toContainText('取引番号 2');
    await till.undoButton().click();
    await expect(till.verdict()).toHaveAttribute('data-state', 'undone');
    await till.paste(tickets[1]);
    await expect(till.verdict()).toHaveAttribute('data-state', 'demo');
  });

  await test.step("the camera (fake device showing the ticket's QR on a phone screen) finds the ticket", async () => {
    await till.cameraButton().click();
    // The frame the hint speaks of is drawn over the camera's view.
    await expect(page.getByText('QRコードを枠の中に写してください…')).toBeVisible();
    const frame = await page.locator('.scanner').evaluate((el) => {
      const before = getComputedStyle(el, '::before');
      return { content: before.content, width: parseFloat(before.width), height: parseFloat(before.height) };
    });
    expect(frame.content).toBe('""');
    expect(frame.width).toBeGreaterThan(100);
    expect(frame.height).toBeCloseTo(frame.width, 0);
    await expect(till.verdictAmount()).toHaveText('1,000円', { timeout: 20_000 });
    await expect(till.verdict()).toContainText('202611-00005');
    await till.accept();
    await expect(till.verdict()).toContainText('取引番号 3');
    await till.stopCameraButton().click();
  });

  await test.step('the photo fallback: a photo of the same QR (now redeemed) says so, with its transaction', async () => {
    await till.photoInput().setInputFiles({ name: 'qr.png', mimeType: 'image/png', buffer: y4mToPng(SHOP_CAMERA_FILE) });
    await expect(till.verdict()).toHaveAttribute('data-state', 'used', { timeout: 20_000 });
    await expect(till.verdictEarlier()).toContainText('取引番号 3');
  });

  await test.step("the ledger: today's takings, newest first, search by serial", async () => {
    await page.getByRole('link', { name: '台帳・請求' }).click();
    await expect(page.getByTestId('tally-today')).toContainText('2件');
    await expect(page.getByTestId('tally-today')).toContainText('2,000円');
    await expect(page.getByTestId('tally-month')).toContainText('2,000円');
    await expect(desk.ledgerRows()).toHaveCount(3);
    await expect(desk.ledgerRows().nth(1)).toContainText('取り消し済み');
    expect(await axeViolations(page)).toEqual([]);
    await page.getByLabel('番号で探す').fill('202611-00000');
    await expect(desk.ledgerRows()).toHaveCount(1);
  });

  await test.step('the claim for November: exactly the two live redemptions, 2,000円; nothing is claimed twice', async () => {
    await desk.monthInput().fill('2026-11');
    await expect(desk.claimPending()).toContainText('2件・2,000円');
    // 24 November: the month is not over, so the export asks first.
    await expect(page.getByTestId('claim-month-note')).toContainText('この月はまだ終わっていません（2026年11月30日（月）まで）');
    const files = await exportBoth(desk, () => desk.exportEarly());
    // The desk signs its claims with its own key: the envelope holds the claim file.
    const signed = JSON.parse(files.json);
    expect(signed.format).toBe('jokatsu-signed-claim');
    expect(signed.signature).toMatch(/^[A-Za-z0-9_-]{86}$/);
    const json = JSON.parse(signed.claim);
    expect(json.format).toBe('jokatsu-claim');
    expect(json.shop).toBe('s001');
    expect(json.device).toBe('レジ1');
    expect(json.period).toBe('2026-11');
    expect(json.count).toBe(2);
    expect(json.total).toBe(2000);
    expect(json.redemptions.map((r: any) => r.ticket).sort()).toEqual([tickets[0], CAMERA_TICKET].sort());
    expect(files.csvBytes.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    await expect(desk.claimResult()).toContainText('2件、合計 2,000円');
    // nothing is claimed twice
    await expect(desk.claimPending()).toContainText('0件');
    await desk.exportEarly();
    await expect(desk.ledgerNotice()).toContainText('請求できる受付はありません');
    // an earlier claim exports again identically
    const again = await exportBoth(desk, () => desk.exportAgainButton().click());
    expect(again.json).toBe(files.json);
    expect(again.csvBytes.equals(files.csvBytes)).toBe(true);
  });
  // the ledger survives a reload, claimed
  await page.reload();
  await expect(desk.ledgerRows().first()).toContainText('請求済み');
});

/** The claim's two files, read: the JSON's text and the CSV's bytes. */
async function exportBoth(desk: ShopDeskPage, click: () => Promise<void>) {
  const { json, csv } = await desk.claimDownloads(click);
  const read = async (d: typeof json) => fs.readFileSync((await d.path())!);
  expect(json.suggestedFilename()).toMatch(/^claim-s001-202611-[0-9a-f]{8}-1\.json$/);
  return { json: (await read(json)).toString('utf8'), csvBytes: await read(csv) };
}

test('dates: an expired ticket and one not yet valid are refused with their dates; old data is warned about', async ({ page, log }) => {
  const till = new ShopPage(page);
  // After the November tickets' last day (2027-01-31), with the feed of 2026-11-20.
  await page.clock.setFixedTime(new Date('2027-02-02T10:00:00+09:00'));
  await new ShopDeskPage(page).setUp(BAKERY);
  await page.getByRole('link', { name: '読み取り', exact: true }).click();
  await expect(till.dataNotice()).toContainText('市のデータは11月20日公開（74日前）');
  await till.paste(tickets[4]);
  await expect(till.verdict()).toHaveAttribute('data-verdict', 'expired');
  await expect(till.verdict()).toContainText('有効期限切れです');
  await expect(till.verdict()).toContainText('2027年1月31日');
  await expect(till.acceptButton()).toHaveCount(0);
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
  const till = new ShopPage(page);
  await new ShopDeskPage(page).setUp(BAKERY);
  await till.open('shop.html#/shop');
  await page.evaluate(async () => { await navigator.serviceWorker.ready; });
  await page.reload();
  await expect.poll(() => page.evaluate(() => !!navigator.serviceWorker.controller)).toBe(true);
  await context.setOffline(true);
  await page.reload();
  await expect(till.heading()).toHaveText('お店モード：チケットの確認');
  await till.paste(tickets[7]);
  await expect(till.verdict()).toHaveAttribute('data-state', 'demo');
  await till.accept();
  await context.setOffline(false);
});
