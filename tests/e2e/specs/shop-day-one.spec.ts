// Shop clerks on day one (issue 25, the shop's side): the verdict and 受け付ける always on a
// phone's first screen, whatever the data notices say; a till not set up judges nothing;
// the desk opens on set-up (a Shift_JIS QR: shop-shift-jis.spec.ts); after the undo window
// the clerk is told what to do; the claim export says which file goes to the office and
// sends it; the give sheet warns about old screenshots; set-up, a scan and an undo by
// keyboard alone; axe on every shop screen, light and dark.
import { test, expect, axeLightAndDark } from './fixtures';
import fs from 'node:fs';
import { Locator, Page } from '@playwright/test';
import { demoBundle, vectorTicket } from '../files';
import { ShopDeskPage, ShopPage, WalletPage } from '../pages';

const tickets: string[] = demoBundle().tickets;
const BAKERY = { search: 'べーかりー', shop: '（見本）旭川駅前ベーカリー' };
const PHONE_HEIGHT = 844;
/** 24 November 2026: the demo feed (published 20 November) is fresh. */
const NOV24 = new Date('2026-11-24T10:00:00+09:00');
/** 7 December 2026: the same feed is 17 days old. */
const DEC7 = new Date('2026-12-07T10:00:00+09:00');

/** Whether `target` lies wholly on the screen as it is scrolled now, below the sticky header. */
async function wholeOnScreen(page: Page, target: Locator, header: Locator) {
  const box = (await target.boundingBox())!;
  const top = (await header.boundingBox())!;
  expect(box.y, 'below the header').toBeGreaterThanOrEqual(top.y + top.height - 1);
  expect(box.y + box.height, 'above the bottom edge').toBeLessThanOrEqual(PHONE_HEIGHT);
}

/** Presses Tab until `target` has the focus (keyboard only: no click, no focus()). */
async function tabTo(page: Page, target: Locator, max = 80) {
  for (let i = 0; i < max; i++) {
    if (await target.evaluate((el) => el === document.activeElement).catch(() => false)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`Tab did not reach ${target}`);
}

test("item 6: the verdict and 受け付ける stay on a phone's first screen with the stale and offline notices", async ({ page, context, log }) => {
  log.allowErrors.push(/Failed to load resource|net::ERR/);
  await page.clock.setFixedTime(DEC7);
  const till = new ShopPage(page);
  await new ShopDeskPage(page).setUp(BAKERY);
  await till.open('shop.html#/shop');

  await test.step("online: the published feed's age, and no advice to reconnect (that cannot help)", async () => {
    await expect(till.dataNotice()).toContainText('市のデータは11月20日公開（17日前）。ほかのお店で使われたチケットを見分けられないことがあります。');
    await expect(till.dataNotice()).not.toContainText('ネットにつないで');
  });

  await test.step('offline: one compact line, not two stacked notices', async () => {
    await page.evaluate(async () => { await navigator.serviceWorker.ready; });
    await page.reload();
    await expect.poll(() => page.evaluate(() => !!navigator.serviceWorker.controller)).toBe(true);
    await context.setOffline(true);
    await page.reload();
    await expect(till.heading()).toHaveText('お店モード：チケットの確認');
    await expect(till.dataNotice()).toContainText('オフライン・市のデータは11月20日公開（17日前）');
    await expect(till.dataNotice()).toContainText('ネットにつないで開き直すと更新を確かめます。');
    await expect(till.feedNotice()).toBeHidden();
    const notice = (await till.dataNotice().boundingBox())!;
    expect(notice.height, 'the data line stays compact').toBeLessThan(100);
  });

  await test.step('a valid ticket: the verdict and 受け付ける on the first screen, as checked and from the top', async () => {
    await till.paste(tickets[0]);
    await expect(till.verdict()).toHaveAttribute('data-state', 'demo');
    await wholeOnScreen(page, till.verdict(), till.header());
    await page.evaluate(() => window.scrollTo(0, 0));
    await wholeOnScreen(page, till.verdict(), till.header());
    await wholeOnScreen(page, till.acceptButton(), till.header());
    await axeLightAndDark(page);
    await till.accept();
    await wholeOnScreen(page, till.undoButton(), till.header());
  });

  await test.step("the data line's colours are not the verdicts' warning colours", async () => {
    await till.paste('ありがとうございました');
    await expect(till.verdict()).toHaveAttribute('data-state', 'other');
    const colours = async (l: Locator) => l.evaluate((el) => getComputedStyle(el).backgroundColor);
    expect(await colours(till.dataNotice())).not.toBe(await colours(till.verdict()));
  });

  await test.step('a ticket of an unknown issuer: 受け付けないでください', async () => {
    await till.paste(vectorTicket('unknown_key'));
    await expect(till.verdict()).toHaveAttribute('data-verdict', 'unknown_key');
    await expect(till.verdict()).toContainText('発行元が確認できません');
    await expect(page.getByTestId('verdict-refuse')).toHaveText('このチケットは受け付けないでください。');
    await expect(till.acceptButton()).toHaveCount(0);
    await wholeOnScreen(page, till.verdict(), till.header());
    await axeLightAndDark(page);
  });
  await context.setOffline(false);
});

test('item 10: a till not set up shows no 有効 and no 受け付ける but "set up first" with a link; the desk opens on set-up', async ({ page, log }) => {
  await page.clock.setFixedTime(NOV24);
  const till = new ShopPage(page);
  const desk = new ShopDeskPage(page);
  await till.open('shop.html#/shop');
  await till.feedLoaded();
  await expect(page.getByTestId('setup-needed')).toBeVisible();
  await till.paste(tickets[0]);
  await expect(till.verdict()).toHaveAttribute('data-verdict', 'not_set_up');
  await expect(till.verdict()).toContainText('先にお店の設定をしてください');
  await expect(till.verdict()).not.toContainText('有効');
  await expect(till.acceptButton()).toHaveCount(0);
  await axeLightAndDark(page);
  await till.setUpLink().click();
  await expect(page).toHaveURL(/shop-desk\.html#\/shop\/setup$/);
  await expect(desk.heading()).toHaveText('お店と端末の設定');

  // The desk's own address, before set-up: the set-up.
  await desk.openDesk();
  await expect(desk.heading()).toHaveText('お店と端末の設定');
  await expect(page).toHaveURL(/shop-desk\.html#\/shop\/setup$/);
  await axeLightAndDark(page);
  await desk.setUp(BAKERY);
  // Once set up: the ledger.
  await desk.openDesk();
  await expect(desk.heading()).toHaveText('台帳と請求');
});

test('item 10: after the 10-minute undo window the till and the desk say what to do (contact the office)', async ({ page, log }) => {
  await page.clock.setFixedTime(NOV24);
  const till = new ShopPage(page);
  const desk = new ShopDeskPage(page);
  await desk.setUp(BAKERY);
  await till.open('shop.html#/shop');
  await till.pasteAndAccept(tickets[2]);
  await expect(page.getByTestId('undo-deadline')).toContainText('10:10まで取り消せます');
  await page.clock.setFixedTime(new Date('2026-11-24T10:10:30+09:00'));
  await expect(till.undoPassed()).toContainText('10:10を過ぎたため、この端末では取り消せません');
  await expect(till.undoPassed()).toContainText('取引番号と券番号を控えて、市の事務局に連絡してください');
  await expect(till.undoButton()).toHaveCount(0);
  await axeLightAndDark(page);
  await desk.openLedger();
  await expect(desk.ledgerRows()).toHaveCount(1);
  await expect(desk.ledgerRows().getByRole('button')).toHaveCount(0);
  await expect(page.getByTestId('undo-rule')).toContainText('市の事務局に連絡してください');
});

test("item 5: the export says which file goes to the office and sends it; a month not over asks first; the CSV names the shop and marks demo tickets", async ({ page, log }) => {
  await page.clock.setFixedTime(DEC7);
  const till = new ShopPage(page);
  const desk = new ShopDeskPage(page);
  await desk.setUp(BAKERY);
  await till.open('shop.html#/shop');
  await till.pasteAndAccept(tickets[3]);
  await till.pasteAndAccept(tickets[4]);
  await desk.openLedger();

  await test.step('this month is not over: a note under the month, and a question before exporting', async () => {
    await expect(desk.monthInput()).toHaveValue('2026-11');
    await expect(page.getByTestId('claim-month-note')).toBeEmpty();
    await desk.monthInput().fill('2026-12');
    await expect(desk.claimPending()).toContainText('2件・2,000円');
    await expect(page.getByTestId('claim-month-note')).toHaveText('この月はまだ終わっていません（2026年12月31日（木）まで）。今書き出すと、このあとの受付は同じ月の次の請求になります。');
    await desk.exportButton().click();
    await expect(desk.earlyConfirm()).toContainText('2026-12はまだ終わっていません');
    await expect(desk.earlyConfirm().getByRole('button', { name: 'いま書き出す' })).toBeFocused();
    await axeLightAndDark(page);
    await desk.earlyConfirm().getByRole('button', { name: 'やめる' }).click();
    await expect(desk.earlyConfirm()).toHaveCount(0);
    await expect(desk.claimPending()).toContainText('2件・2,000円');
  });

  const { json, csv } = await test.step('exported: which file to send, which to keep', async () => {
    const { json, csv } = await desk.claimDownloads(() => desk.exportEarly());
    const name = json.suggestedFilename();
    expect(name).toMatch(/^claim-s001-202612-[0-9a-f]{8}-1\.json$/);
    const result = desk.claimResult();
    await expect(result).toContainText('2件、合計 2,000円');
    await expect(result.getByTestId('claim-send')).toContainText(`事務局へ送るファイル：${name}`);
    await expect(result.getByTestId('claim-send')).toContainText('送るのはこの1つだけです');
    await expect(result.getByTestId('claim-keep')).toContainText(`お店の控え：${csv.suggestedFilename()}`);
    await expect(result.getByTestId('claim-keep')).toContainText('事務局へは送りません');
    await axeLightAndDark(page);
    return { json: fs.readFileSync((await json.path())!, 'utf8'), csv: fs.readFileSync((await csv.path())!, 'utf8') };
  });

  await test.step("the CSV: the shop's name, demo tickets marked, their own total row", async () => {
    const rows = csv.replace(/^\uFEFF/, '').split('\r\n').filter((l) => l).map((l) => l.split(','));
    expect(rows[0]).toEqual(['請求番号', '店舗ID', '店舗名', '端末', '取引番号', '受付日時（日本時間）', '券番号', '見本', '有効期限', '額面（円）']);
    expect(rows).toHaveLength(5);
    for (const row of rows.slice(1, 3)) {
      expect(row[2]).toBe('（見本）旭川駅前ベーカリー');
      expect(row[6]).toMatch(/^DEMO-K1-202611-/);
      expect(row[7]).toBe('見本（支払対象外）');
    }
    expect(rows[3]).toEqual(['合計', '', '', '', '', '', '2枚', '', '', '2000']);
    expect(rows[4]).toEqual(['うち見本（支払対象外）', '', '', '', '', '', '2枚', '', '', '2000']);
  });

  await test.step('「事務局へ送る」 without a share sheet for files: the JSON is saved to attach to an e-mail', async () => {
    const download = page.waitForEvent('download');
    await desk.sendButton().click();
    const d = await download;
    expect(d.suggestedFilename()).toMatch(/\.json$/);
    expect(fs.readFileSync((await d.path())!, 'utf8')).toBe(json);
    await expect(page.getByTestId('claim-sent')).toContainText('メールなどに添付して送ってください');
  });

  await test.step('with a share sheet for files (a phone): the JSON, and only it, is handed to it', async () => {
    await page.addInitScript(() => {
      const w = window as any;
      (navigator as any).canShare = (d: any) => !!d.files;
      (navigator as any).share = async (d: any) => {
        w.__shared = { names: d.files.map((f: File) => f.name), text: await d.files[0].text() };
      };
    });
    await page.reload();
    await desk.claimDownloads(() => desk.exportAgainButton().click());
    await desk.sendButton().click();
    await expect(page.getByTestId('claim-sent')).toContainText('送る画面を開きました');
    const shared = await page.evaluate(() => (window as any).__shared);
    // The file the office reads: the claim, signed by the desk's key (the envelope holds it).
    const sent = JSON.parse(json);
    const claimId = JSON.parse(sent.format === 'jokatsu-signed-claim' ? sent.claim : json).claim_id;
    expect(shared.names).toEqual([`claim-${claimId}.json`]);
    expect(shared.text).toBe(json);
  });
});

test('keyboard only: set up the till, check a pasted ticket, accept it and undo it', async ({ page, log }) => {
  await page.clock.setFixedTime(NOV24);
  const desk = new ShopDeskPage(page);
  const till = new ShopPage(page);
  await desk.openDesk();
  await desk.feedLoaded();
  await expect(desk.heading()).toHaveText('お店と端末の設定');
  await tabTo(page, desk.searchBox());
  await page.keyboard.type('べーかりー');
  await expect(desk.shopOptions()).toHaveCount(1);
  await tabTo(page, page.getByLabel(BAKERY.shop));
  await page.keyboard.press('Space');
  await expect(page.getByLabel(BAKERY.shop)).toBeChecked();
  await tabTo(page, page.getByLabel('端末名'));
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.type('レジ2');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('setup-notice')).toContainText('保存しました');
  await tabTo(page, page.getByRole('link', { name: '読み取りへ' }));
  await page.keyboard.press('Enter');
  await expect(till.heading()).toHaveText('お店モード：チケットの確認');
  await expect(desk.tillWho()).toHaveText('（見本）旭川駅前ベーカリー · レジ2');

  await tabTo(page, page.getByLabel('チケットのコードやリンクを貼り付け・入力'));
  await page.keyboard.insertText(tickets[6]);
  await tabTo(page, page.getByRole('button', { name: '確認する', exact: true }));
  await page.keyboard.press('Enter');
  await expect(till.verdict()).toHaveAttribute('data-state', 'demo');
  await tabTo(page, till.acceptButton());
  await page.keyboard.press('Enter');
  await expect(till.verdict()).toHaveAttribute('data-state', 'redeemed');
  await tabTo(page, till.undoButton());
  await page.keyboard.press('Enter');
  await expect(till.verdict()).toHaveAttribute('data-state', 'undone');
});

test('item 8: the give sheet says an old screenshot of the ticket still works until the coworker uses it', async ({ page, log }) => {
  await page.clock.setFixedTime(NOV24);
  const wallet = new WalletPage(page);
  await wallet.goto();
  await wallet.loadDemoMonth();
  await wallet.giveButton(wallet.tickets().first()).click();
  await expect(wallet.dialog()).toContainText('前に撮ったこのチケットのスクリーンショットは、相手が使うまでお店で使えてしまいます。残っていたら消してください。');
});
