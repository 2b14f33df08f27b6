// Going live: the production build (built by scripts/test.sh with a root key the office's
// own tool made, JOKATSU_ROOT_PUBLIC_KEY) runs a real month on keys made in the office page:
// key set-up → the signed key list in the served feed → a month issued from a Shift_JIS
// roster → the mother receives and gives one → both tickets redeemed at a shop whose desk
// made its claim key, registered by the office → the signed claim settled against the
// issuance register (a claim filed under the shop's id with another key is a refused claim
// file, claim_wrong_key) → used data signed with the used-data key (an issuer key refused) → the
// wallets show them used and a fresh till refuses them. The production app refuses demo
// tickets and a feed signed with the demo keys.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Page } from '@playwright/test';
import { test, expect, setFeed, ORIGIN } from '../specs/fixtures';
import { CARGO_TOML, ROOT, demoBundleText, fixture } from '../files';
import { OfficePage, ReceivePage, ShopDeskPage, ShopPage, WalletPage, newPhone, thisMonth } from '../pages';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'jokatsu-prod-'));
/** The production build's keys folder (scripts/test.sh): root.key and its passphrase. */
const KEYS = process.env.JOKATSU_PROD_KEYS || path.join(ROOT, 'target', 'prod', 'keys');
const ROOT_PASSPHRASE = () => fs.readFileSync(path.join(KEYS, 'passphrase.txt'), 'utf8').trim();
const PASS = 'asahikawa snow bridge lantern morning';
/** The feed the production build carries (the demo feed's schedule and shops). */
const buildFeed = () => JSON.parse(fs.readFileSync(path.join(ROOT, 'target', 'prod', 'dist', 'feed', 'feed.json'), 'utf8'));

async function saved(page: Page, click: () => Promise<void>): Promise<string> {
  const dl = page.waitForEvent('download');
  await click();
  const d = await dl;
  const file = path.join(tmp, d.suggestedFilename());
  await d.saveAs(file);
  return file;
}

/** The feed to publish: the build's schedule, the shops as the city's own (not demo), the
 *  office's signed key list and, when given, its used data. */
function productionFeed(keys: unknown, used?: unknown): string {
  const feed = buildFeed();
  feed.demo = false;
  feed.keys = keys;
  delete feed.used;
  if (used) feed.used = used;
  feed.shops = feed.shops.map((s: any) => ({ ...s, demo: false }));
  return JSON.stringify(feed);
}

/** The office's shop master: the feed's shops written as the shop CSV the office keeps
 *  (docs/feed-tickets.md, "Shop list CSV"; 認定日 is required, and the build's shops have
 *  none, so they are certified from 2020-01-01). Returns the file. */
function shopMasterCsv(feedText: string): string {
  const cell = (v: unknown) => `"${String(v ?? '').replace(/"/g, '""')}"`;
  const header = ['店舗ID', '店舗名', '店舗名（英語）', '業種', '地区', '住所', '住所（英語）',
    '営業時間', '営業時間（英語）', '地図URL', '認定', '認定日', '認定終了日', '見本'];
  const rows = JSON.parse(feedText).shops.map((s: any) => [
    s.id, s.name?.ja, s.name?.en, s.category, s.area, s.address?.ja, s.address?.en,
    s.hours?.ja, s.hours?.en, s.map_url, s.certified, s.certified_from ?? '2020-01-01',
    s.certified_until, s.demo ? '1' : '0',
  ]);
  const file = path.join(tmp, 'shops.csv');
  fs.writeFileSync(file, '\uFEFF' + [header, ...rows].map((r) => r.map(cell).join(',')).join('\r\n') + '\r\n');
  return file;
}

async function setUpTill(page: Page): Promise<ShopPage> {
  await new ShopDeskPage(page).setUp({ search: 'べーかりー', shop: '（見本）旭川駅前ベーカリー' });
  await page.goto('shop.html#/shop');
  return new ShopPage(page);
}

test('a real month on the city’s own keys, from key set-up to used data, in the production build', async ({ page, browser, log }) => {
  log.allowErrors.push(/Failed to load resource|net::ERR/);
  const month = thisMonth();
  const office = new OfficePage(page);
  await page.setViewportSize({ width: 1280, height: 900 });
  await office.goto();
  const setup = page.getByRole('region', { name: '鍵の準備（本番を始めるとき・鍵を替えるとき）' });

  const { issuerKey, usedKey, keys } = await test.step('1. key set-up: an issuer key and a used-data key, the list signed with the root key', async () => {
    // The production app names the root key it carries: the one the tool made for the build.
    const rootPublic = fs.readFileSync(path.join(KEYS, 'root.pub'), 'utf8').trim();
    await expect(setup).toContainText(rootPublic);
    await setup.getByLabel('パスフレーズ（12文字以上）').fill(PASS);
    const issuerKey = await saved(page, () => setup.getByRole('button', { name: '発行鍵を作って鍵一覧に加える' }).click());
    await setup.getByLabel('パスフレーズ（12文字以上）').fill(PASS);
    const usedKey = await saved(page, () => setup.getByRole('button', { name: '使用済みデータ鍵を作って鍵一覧に加える' }).click());
    await expect(page.getByTestId('keylist-row')).toHaveCount(2);
    await office.openKey(path.join(KEYS, 'root.key'), 'ルート鍵', ROOT_PASSPHRASE());
    const keysFile = await saved(page, () => setup.getByRole('button', { name: '署名して保存する' }).click());
    const keys = JSON.parse(fs.readFileSync(keysFile, 'utf8'));
    expect(keys.sequence).toBe(1);
    expect(keys.keys.map((k: any) => k.role).sort()).toEqual(['issuer', 'used']);
    expect(keys.keys.every((k: any) => k.demo === false)).toBe(true);
    return { issuerKey, usedKey, keys };
  });

  const feedFile = path.join(tmp, 'feed.json');
  await test.step('2. the signed list goes into the published feed; the office issues the month from the Shift_JIS roster', async () => {
    fs.writeFileSync(feedFile, productionFeed(keys));
    await setFeed('ok', fs.readFileSync(feedFile, 'utf8'));
    await office.openKey(issuerKey, '発行鍵 1', PASS);
    await page.getByLabel('配信データを開く').setInputFiles(feedFile);
    await office.loadRoster(fixture('roster-sjis.csv'));
    await page.getByLabel('発行する月（例 2026-12）').fill(month);
    await page.getByLabel('アプリのアドレス（受け取りリンク用）').fill(`${ORIGIN}/jokatsu/w.html`);
    // Production: no demo tickets, not even as an option.
    await expect(page.getByLabel('見本（DEMO）として発行する')).toBeDisabled();
    await expect(page.getByLabel('見本（DEMO）として発行する')).not.toBeChecked();
    await page.getByRole('button', { name: '発行する', exact: true }).click();
    await expect(office.issuedRows()).toHaveCount(3);
  });
  const link = (await office.issuedLinks().first().getAttribute('href'))!;
  const bundle = await saved(page, () => office.issuedRows().first().getByRole('button', { name: 'ファイル' }).click());
  const mothersTickets: string[] = JSON.parse(fs.readFileSync(bundle, 'utf8')).tickets;

  const [mCtx, mother] = await newPhone(browser);
  const { giftTicket, mothersOwn } = await test.step('3. the mother receives her month and gives a ticket to a coworker', async () => {
    const receive = new ReceivePage(mother);
    await mother.goto(link);
    await receive.addButton().click();
    await expect(receive.result()).toContainText('20枚を受け取りました');
    await receive.walletLink().click();
    const wallet = new WalletPage(mother);
    await expect(wallet.balance()).toHaveText('20,000円');
    const gift = await wallet.give(wallet.giveButton(wallet.tickets().first()), { to: '佐藤さん', from: '旭川', message: 'ありがとう' });
    await wallet.closeButton().click();
    await expect(wallet.balance()).toHaveText('19,000円');
    const giftTicket = decodeURIComponent(gift).match(/JK1:[A-Z2-7]{143}/)![0];
    const [cCtx, coworker] = await newPhone(browser);
    await coworker.goto(gift);
    await new ReceivePage(coworker).acceptGiftButton().click();
    await expect(new ReceivePage(coworker).result()).toContainText('ウォレットに入れました');
    await cCtx.close();
    return { giftTicket, mothersOwn: mothersTickets.find((t) => t !== giftTicket)! };
  });

  /** Exports the till's claim for the month from its desk; returns the JSON file. */
  async function exportClaim(phone: Page): Promise<string> {
    const desk = new ShopDeskPage(phone);
    await desk.openLedger();
    await desk.monthInput().fill(month);
    // This month is not over yet: the desk asks first (a later claim takes the rest).
    const { json } = await desk.claimDownloads(() => desk.exportEarly());
    const file = path.join(tmp, json.suggestedFilename());
    await json.saveAs(file);
    return file;
  }

  const [sCtx, shop] = await newPhone(browser);
  const claim = await test.step('4. both tickets (and a serial minted with the issuer key) are redeemed at a certified shop; the shop made its claim key at set-up, the office registers it; the shop exports its signed claim', async () => {
    const till = await setUpTill(shop);
    await till.pasteAndAccept(giftTicket);
    await till.pasteAndAccept(mothersOwn);
    // An insider with the issuer key file and its passphrase signs a serial the office
    // never allocated: its signature is valid, so a till accepts it (settlement must not pay it).
    const passFile = path.join(tmp, 'issuer-passphrase.txt');
    fs.writeFileSync(passFile, PASS);
    const minted = execFileSync('cargo', ['run', '--quiet', '--manifest-path', CARGO_TOML, '--example', 'mint-ticket', '--',
      issuerKey, passFile, mothersOwn, '4000'], { stdio: ['ignore', 'pipe', 'inherit'] }).toString().trim();
    expect(minted).toMatch(/^JK1:[A-Z2-7]{143}$/);
    expect(mothersTickets).not.toContain(minted);
    await till.pasteAndAccept(minted);
    const registration = await new ShopDeskPage(shop).registrationText();
    expect(registration).toMatch(/^JKSHOPKEY1:s001:[A-Za-z0-9_-]{43}$/);
    await expect(new ShopDeskPage(shop).claimKeyFingerprint()).toHaveText(/^[0-9A-F]{4}(-[0-9A-F]{4}){3}$/);
    await office.registerShopKey(registration);
    const file = await exportClaim(shop);
    const signed = JSON.parse(fs.readFileSync(file, 'utf8'));
    expect(signed.format).toBe('jokatsu-signed-claim');
    expect(`JKSHOPKEY1:s001:${signed.key}`).toBe(registration);
    return file;
  });

  const [rCtx, rogue] = await newPhone(browser);
  const rogueClaim = await test.step("4b. another device files a claim under the shop's id (its own key, never registered)", async () => {
    const till = await setUpTill(rogue);
    await till.pasteAndAccept(mothersTickets[3]);
    return await exportClaim(rogue);
  });

  await test.step('5. the office settles: the signed claim is paid but for the minted serial (not_issued), the one under the shop’s id is a refused claim file (claim_wrong_key); used data is refused with the issuer key and signed with the used-data key', async () => {
    // Production settles only against the issuance register: this page issued the month, so
    // it holds it (a page without one says to load it, and settles nothing).
    // It checks shops only against the office's own shop master: without one loaded the
    // page says to load it and settles nothing.
    await office.settle(feedFile, month, [claim, rogueClaim]);
    await expect(office.settleSummary()).toContainText('先に店舗マスター');
    await expect(office.payouts()).toHaveCount(0);
    // The office's master: the published feed's shops, as the office keeps them in CSV.
    const shops = JSON.parse(fs.readFileSync(feedFile, 'utf8')).shops.length;
    await office.loadShopMaster(shopMasterCsv(fs.readFileSync(feedFile, 'utf8')));
    await expect(office.shopMaster()).toContainText(`店舗マスター: ${shops}店舗（shops.csv、`);
    await office.settleButton().click();
    await expect(office.payouts()).toContainText('2,000円');
    await expect(office.settleSummary()).toContainText('発行台帳との照合: あり');
    // The minted serial is refused by the issuance register, with its code: 3 redeemed, 2 paid.
    await expect(office.settleSummary()).toContainText('不支給 1件');
    await expect(office.settleSummary()).toContainText('市が発行していない券: 1件');
    const problemsFile = await saved(page, () => page.getByRole('button', { name: '問題 CSV' }).click());
    const minted = fs.readFileSync(problemsFile, 'utf8').split('\r\n').filter((l) => l.includes(',not_issued,'));
    expect(minted).toHaveLength(1);
    expect(minted[0]).toContain('市が発行していない券');
    await expect(office.settleSummary()).toContainText(`店舗の照合: 事務局の店舗マスター ${shops}店舗`);
    // A claim refused for its signature is a refused file like any other: the run is said
    // to be incomplete, the file is named with its reason and code (the CLI would exit 3).
    await expect(office.settleSummary()).toContainText('受け付けなかった請求ファイルがあります');
    await expect(office.settleSummary()).toContainText('受け付けなかった請求ファイル 1件');
    await expect(office.settleSummary()).toContainText('claim_wrong_key');
    await expect(office.refusedFiles()).toHaveCount(1);
    await expect(office.refusedFiles().locator('li')).toHaveCount(1);
    await expect(office.refusedFiles()).toContainText(path.basename(rogueClaim));
    await expect(office.refusedFiles()).toContainText('claim_wrong_key');
    // The issuer key is still open: it may not sign the used data.
    await page.getByRole('button', { name: '使用済みデータに署名' }).click();
    await expect(page.getByRole('status').filter({ hasText: '発行鍵では使用済みデータに署名できません' })).toBeVisible();
    await office.openKey(usedKey, '使用済みデータ鍵 200', PASS);
    const usedFile = await saved(page, () => page.getByRole('button', { name: '使用済みデータに署名' }).click());
    const used = JSON.parse(fs.readFileSync(usedFile, 'utf8'));
    expect(used.signer).toBe(200);
    fs.writeFileSync(feedFile, productionFeed(keys, used));
    await setFeed('ok', fs.readFileSync(feedFile, 'utf8'));
  });

  await test.step('6. the wallet shows the tickets used; a till that never saw them refuses them', async () => {
    const wallet = new WalletPage(mother);
    await mother.goto('w.html#/wallet');
    await mother.reload();
    await expect(wallet.balance()).toHaveText('18,000円');
    const [fCtx, fresh] = await newPhone(browser);
    const till = await setUpTill(fresh);
    await till.paste(giftTicket);
    await expect(till.verdict()).toHaveAttribute('data-verdict', 'already_used');
    await expect(till.acceptButton()).toHaveCount(0);
    await fCtx.close();
  });

  await test.step('7. the production app refuses demo tickets and a feed signed with the demo keys', async () => {
    const receive = new ReceivePage(mother);
    await mother.goto(`r.html#/receive/${demoBundleText().replace(/^.*#\/receive\//, '')}`);
    await receive.addButton().click();
    await expect(receive.result()).toContainText('見本（DEMO）のチケットは、このアプリでは使えません');
    await expect(receive.result()).toContainText('0枚を受け取りました');
    // The demo feed (demo root, demo keys, demo used data): the app keeps the city's list.
    await setFeed('ok', JSON.stringify(buildFeed()));
    const till = new ShopPage(shop);
    await shop.goto('shop.html#/shop');
    await shop.reload();
    await till.paste(mothersTickets[5]);
    await expect(till.verdict()).toHaveAttribute('data-verdict', 'valid');
  });
  await mCtx.close();
  await sCtx.close();
  await rCtx.close();
});
