// The whole ticket chain, each person in a browser context of their own: the office issues
// a month from a roster; a mother opens her link and gives a ticket to a coworker; both
// tickets are redeemed at a shop (fake camera for one); a copy of the mother's ticket is
// redeemed at a second shop; both shops export claims; mid-month the office publishes
// interim used data from them (nothing paid) and a fresh till refuses the copy; the office
// settles them (the copy is
// flagged and traced to the mother, payouts exact, the command-line tool gives the same
// reports) and publishes the used data; wallets then show those tickets used and a till
// refuses them.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Browser, Page } from '@playwright/test';
import { test, expect, setFeed, ORIGIN } from './fixtures';
import { chromiumArgs } from '../playwright.config';
import { qrVideo } from '../global-setup';
import { CARGO_TOML, CHAIN_CAMERA_FILE, distFeed, fixture } from '../files';
import { OfficePage, ReceivePage, ShopDeskPage, ShopPage, WalletPage, newPhone, thisMonth } from '../pages';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'jokatsu-chain-'));

// The fake camera's file exists when the browser starts (global-setup.ts); its picture is
// set later.
test.use({
  launchOptions: {
    executablePath: '/usr/bin/chromium',
    args: [...chromiumArgs, '--use-fake-device-for-media-stream', `--use-file-for-fake-video-capture=${CHAIN_CAMERA_FILE}`],
  },
  permissions: ['camera'],
});

/** A phone of its own that may use the camera. */
const phone = (browser: Browser) => newPhone(browser, { permissions: ['camera'] });

/** Saves the download a click starts into this run's folder. */
async function saved(page: Page, click: () => Promise<void>): Promise<string> {
  const dl = page.waitForEvent('download');
  await click();
  const d = await dl;
  const file = path.join(tmp, d.suggestedFilename());
  await d.saveAs(file);
  return file;
}

/** Sets up a till on a phone and opens the till's screen. */
async function setUpTill(page: Page, search: string, shop: string): Promise<ShopPage> {
  await new ShopDeskPage(page).setUp({ search, shop });
  await page.goto('shop.html#/shop');
  return new ShopPage(page);
}

/** Exports a shop's claim for `month`; returns the JSON file. */
async function exportClaim(page: Page, month: string): Promise<string> {
  const desk = new ShopDeskPage(page);
  await desk.openLedger();
  await desk.monthInput().fill(month);
  // This month is not over: the desk asks before exporting it (an interim claim).
  const { json, csv } = await desk.claimDownloads(() => desk.exportEarly());
  const files: string[] = [];
  for (const d of [json, csv]) {
    const f = path.join(tmp, d.suggestedFilename());
    await d.saveAs(f);
    files.push(f);
  }
  return files.find((f) => f.endsWith('.json'))!;
}

test('office → mother → coworker → two shops (one with a copy) → settlement → used data everywhere', async ({ page, browser, log }) => {
  test.setTimeout(240_000);
  log.allowErrors.push(/Failed to load resource|net::ERR/);
  const month = thisMonth();
  const office = new OfficePage(page);

  const { register, link, mothersTickets } = await test.step('1. the office issues the month', async () => {
    await page.setViewportSize({ width: 1280, height: 900 });
    await office.goto();
    await office.openKey(fixture('demo-issuer-1.key'), '鍵 1');
    await office.loadRoster(fixture('roster-sjis.csv'));
    await office.issue(month, `${ORIGIN}/jokatsu/w.html`);
    await expect(office.issuedRows()).toHaveCount(3);
    const register = await saved(page, () => office.saveRegisterButton().click());
    const link = (await office.issuedLinks().first().getAttribute('href'))!;
    const bundleFile = await saved(page, () => office.issuedRows().first().getByRole('button', { name: 'ファイル' }).click());
    const mothersTickets: string[] = JSON.parse(fs.readFileSync(bundleFile, 'utf8')).tickets;
    expect(mothersTickets).toHaveLength(20);
    return { register, link, mothersTickets };
  });

  const [mCtx, mother] = await phone(browser);
  const { gift, giftTicket, copied } = await test.step('2. the mother receives her month and gives a ticket to a coworker', async () => {
    const receive = new ReceivePage(mother);
    await mother.goto(link);
    await receive.addButton().click();
    await expect(receive.result()).toContainText('20枚を受け取りました');
    await receive.walletLink().click();
    const wallet = new WalletPage(mother);
    await expect(wallet.balance()).toHaveText('20,000円');
    const gift = await wallet.give(wallet.giveButton(wallet.tickets().first()), { to: '佐藤さん', from: '旭川', message: 'ありがとう！' });
    await wallet.closeButton().click();
    await expect(wallet.balance()).toHaveText('19,000円');
    const giftTicket = decodeURIComponent(gift).match(/JK1:[A-Z2-7]{143}/)![0];
    const copied = mothersTickets.find((t) => t !== giftTicket)!;
    return { gift, giftTicket, copied };
  });

  const [cCtx, coworker] = await phone(browser);
  await test.step('3. the coworker accepts the gift in her own wallet', async () => {
    const receive = new ReceivePage(coworker);
    await coworker.goto(gift);
    await receive.acceptGiftButton().click();
    await expect(receive.result()).toContainText('ウォレットに入れました');
  });

  const [s1Ctx, shop1] = await phone(browser);
  await test.step("4. shop 1: the coworker's ticket by camera (her phone's QR), then the mother's ticket", async () => {
    const till = await setUpTill(shop1, 'べーかりー', '（見本）旭川駅前ベーカリー');
    qrVideo(giftTicket, CHAIN_CAMERA_FILE);
    await till.cameraButton().click();
    await expect(till.verdictAmount()).toHaveText('1,000円', { timeout: 30_000 });
    await till.acceptButton().click();
    await expect(till.verdict()).toHaveAttribute('data-state', 'redeemed');
    await till.stopCameraButton().click();
    await till.pasteAndAccept(copied);
  });

  const [s2Ctx, shop2] = await phone(browser);
  await test.step("5. shop 2: a copy of the mother's ticket (a screenshot) is redeemed again", async () => {
    const till = await setUpTill(shop2, 'かふぇ', '（見本）買物公園カフェ');
    await till.pasteAndAccept(copied);
  });

  const [claim1, claim2] = await test.step('6. both shops export their claims', async () => {
    return [await exportClaim(shop1, month), await exportClaim(shop2, month)];
  });

  const shopKeys = await test.step("6b. the office registers shop 1's claim key (shop 2's is not registered)", async () => {
    const registration = await new ShopDeskPage(shop1).registrationText();
    expect(registration).toMatch(/^JKSHOPKEY1:s001:[A-Za-z0-9_-]{43}$/);
    await office.registerShopKey(registration);
    return await saved(page, () => office.saveShopKeysButton().click());
  });

  const interimFeed = path.join(tmp, 'feed-interim.json');
  await test.step("6c. mid-month, interim used data from shop 1's claim (nothing settled): a till that never saw the mother's ticket refuses the copy", async () => {
    await page.getByLabel('配信データを開く').setInputFiles(distFeed());
    await office.openKey(fixture('demo-used-200.key'), '鍵 200');
    await page.getByLabel('届いた請求ファイル（複数可）').setInputFiles([claim1]);
    const usedFile = await saved(page, () => page.getByRole('button', { name: '途中の使用済みデータを発行' }).click());
    await expect(page.getByText('精算・支払いはしていません')).toBeVisible();
    const feed = JSON.parse(fs.readFileSync(distFeed(), 'utf8'));
    feed.used = JSON.parse(fs.readFileSync(usedFile, 'utf8'));
    fs.writeFileSync(interimFeed, JSON.stringify(feed));
    await setFeed('ok', JSON.stringify(feed));
    const [s4Ctx, shop4] = await phone(browser);
    const till = await setUpTill(shop4, 'かふぇ', '（見本）買物公園カフェ');
    await till.paste(copied);
    await expect(till.verdict()).toHaveAttribute('data-verdict', 'already_used');
    await expect(till.acceptButton()).toHaveCount(0);
    await s4Ctx.close();
  });

  await test.step('7. the office settles: exact payouts, the copy flagged and traced to the mother; the CLI agrees', async () => {
    // The published feed now carries the interim used data: settlement builds on it.
    // Both claims are signed. Shop 1's key is registered and its till is in sequence: the
    // evidence rule pays it; shop 2's copy is a duplicate (its key is not registered; a
    // demo build accepts and marks its claim, production would refuse the file).
    await office.settle(interimFeed, month, [claim1, claim2]);
    await expect(office.settleSummary()).toContainText('発行台帳との照合: あり');
    await expect(office.payouts()).toContainText('s001');
    await expect(office.payouts()).toContainText('2,000円');
    await expect(office.duplicates()).toContainText('A0001 旭川 花子');
    const payouts = await saved(page, () => page.getByRole('button', { name: '支払い CSV' }).click());
    const problems = await saved(page, () => page.getByRole('button', { name: '問題 CSV' }).click());

    // The command-line tool gives byte-identical reports for the same inputs.
    const out = path.join(tmp, 'cli');
    try {
      execFileSync('cargo', ['run', '--quiet', '--manifest-path', CARGO_TOML, '--bin', 'jokatsu-office', '--',
        'settle', '--month', month, '--feed', distFeed(), '--register', register,
        '--roster', fixture('roster-sjis.csv'), '--shop-keys', shopKeys, '--out', out, '--demo', claim1, claim2], { stdio: 'pipe' });
    } catch (e: any) {
      expect(e.status, String(e.stderr)).toBe(1); // exit 1: a duplicate was found
    }
    expect(fs.readFileSync(path.join(out, 'payouts.csv')).equals(fs.readFileSync(payouts))).toBe(true);
    expect(fs.readFileSync(path.join(out, 'problems.csv')).equals(fs.readFileSync(problems))).toBe(true);
  });

  await test.step('8. the office signs the used data; it goes into the served feed', async () => {
    await office.openKey(fixture('demo-used-200.key'), '鍵 200');
    const usedFile = await saved(page, () => page.getByRole('button', { name: '使用済みデータに署名' }).click());
    const feed = JSON.parse(fs.readFileSync(interimFeed, 'utf8'));
    feed.used = JSON.parse(fs.readFileSync(usedFile, 'utf8'));
    await setFeed('ok', JSON.stringify(feed));
  });

  await test.step('9. the wallets show those tickets used; a till that never saw them refuses them', async () => {
    const motherWallet = new WalletPage(mother);
    await mother.reload();
    await expect(motherWallet.balance()).toHaveText('18,000円');
    await motherWallet.expectInGroup('done-group', '使用済み（市の記録）');
    const coworkerWallet = new WalletPage(coworker);
    await coworker.goto('w.html#/wallet');
    await coworker.reload();
    await coworkerWallet.expectInGroup('done-group', '使用済み（市の記録）');
    const [s3Ctx, shop3] = await phone(browser);
    const till = await setUpTill(shop3, 'べーかりー', '（見本）旭川駅前ベーカリー');
    await till.paste(giftTicket);
    await expect(till.verdict()).toHaveAttribute('data-verdict', 'already_used');
    await expect(till.acceptButton()).toHaveCount(0);
    for (const c of [mCtx, cCtx, s1Ctx, s2Ctx, s3Ctx]) await c.close();
  });
});
