// A city-office clerk's first day (issue 25, office items 4, 5, 7 and 9): settlement speaks
// in shop names and sentences, a wrong file chosen for settlement says which file to choose
// and shows no result, the shop list can be saved as CSV and read back unchanged, and the
// page says what to do first and next, with no developer words and plain roster errors.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test, expect, axeLightAndDark } from './fixtures';
import { demoBundle, distFeed } from '../files';
import { OfficePage, previousMonth, thisMonth } from '../pages';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'jokatsu-office-day-one-'));

/** Writes a file into this run's folder and returns its path. */
function file(name: string, body: string | Buffer): string {
  const f = path.join(tmp, name);
  fs.writeFileSync(f, body);
  return f;
}

/** A claim file as the shop desk writes it: demo tickets of November 2026, 1,000 yen each. */
function claim(shop: string, id: string, lines: [ticket: string, redeemedAt: string][]): string {
  return file(`claim-${id}.json`, JSON.stringify({
    format: 'jokatsu-claim', version: 1, claim_id: id, shop, device: 'レジ1', period: '2026-11',
    created_at: '2026-12-01T00:00:00.000Z', count: lines.length, total: lines.length * 1000,
    redemptions: lines.map(([ticket, redeemed_at], i) => ({ ticket, redeemed_at, transaction: i + 1 })),
  }));
}

/** A CSV download's rows (BOM dropped, CRLF, no quoted commas in these files). */
async function csvRows(click: () => Promise<void>, page: import('@playwright/test').Page): Promise<string[][]> {
  const dl = page.waitForEvent('download');
  await click();
  const bytes = fs.readFileSync((await (await dl).path())!);
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  return bytes.toString('utf8').replace(/^\uFEFF/, '').split('\r\n').filter((l) => l).map((l) => l.split(','));
}

/** The two shops' November claims: ticket 0 at the bakery, then again (a copy) at the cafe. */
function twoClaims(): string[] {
  const t = demoBundle().tickets;
  return [
    claim('s001', 's001-202611-e2e-1', [[t[0], '2026-11-05T03:00:00.000Z'], [t[1], '2026-11-05T03:05:00.000Z']]),
    claim('s002', 's002-202611-e2e-1', [[t[0], '2026-11-06T06:00:00.000Z']]),
  ];
}

const BAKERY = '（見本）旭川駅前ベーカリー';
const CAFE = '（見本）買物公園カフェ';

test('item 4: settlement names the shops on screen and in the CSVs, says a double use as a sentence, and its month', async ({ page, log }) => {
  test.setTimeout(120_000);
  const office = new OfficePage(page);
  await page.setViewportSize({ width: 1280, height: 900 });
  await office.goto();

  await test.step('the month to settle starts at last month (claims come in after a month ends)', async () => {
    await expect(office.settleMonth()).toHaveValue(previousMonth());
  });

  await test.step('settle November: payouts by name, the double use in one sentence, no progress left', async () => {
    await office.settle(distFeed(), '2026-11', twoClaims());
    await expect(office.settleSummary()).toContainText('精算 2026-11');
    // Ticket 0 is claimed by both shops, neither claim signed by a registered key: nobody
    // is paid for it until the office decides; the bakery is paid for its other ticket.
    await expect(office.settleSummary()).toContainText(`s001 ${BAKERY}: 1枚 1,000円`);
    const row = office.payoutRows().filter({ hasText: 's001' });
    await expect(row).toContainText(BAKERY);
    await expect(row).toContainText('1,000円');
    const review = office.reviews().getByTestId('review');
    await expect(review).toHaveCount(1);
    await expect(review).toContainText(`${BAKERY}（s001）（2026-11-05 12:00、レジ1 取引番号 1、証拠なし）と${CAFE}（s002）（2026-11-06 15:00、レジ1 取引番号 1、証拠なし）が請求しました`);
    await expect(review).toContainText('まだどこにも支払っていません');
    await expect(review).toContainText('重複は受給者の不正の証拠ではありません');
    await expect(review.getByRole('button', { name: `支払う: ${BAKERY}（s001）` })).toBeVisible();
    // No register loaded (a demo run): the unknown recipient comes with how to know.
    await expect(review).toContainText('受給者不明：発行台帳を読み込むとわかります');
    await expect(office.recipientUnknown()).toContainText('発行台帳');
    // The run is over: no bar, no 集計中….
    await expect(office.settleCard().locator('progress')).toHaveCount(0);
    await expect(page.getByTestId('settle-phase')).toHaveText('');
    await expect(office.settleCard()).not.toContainText('集計中');
    await expect(office.monthNote()).toHaveCount(0);
    await expect(office.settleNext()).toContainText('精算状態を保存（必ず）');
    // The result as the clerk reads it (review list, payouts, the next step): WCAG 2.2 AA.
    await axeLightAndDark(page);
  });

  await test.step('the payouts CSV has the name beside the id; the problems CSV the plain words beside the code', async () => {
    const payouts = await csvRows(() => page.getByRole('button', { name: '支払い CSV' }).click(), page);
    expect(payouts[0]).toEqual(['精算月', '店舗ID', '店舗名', '枚数', '支払額（円）']);
    expect(payouts[1]).toEqual(['2026-11', 's001', BAKERY, '1', '1000']);
    expect(payouts[2]).toEqual(['2026-11', '合計', '', '1', '1000']);
    const problems = await csvRows(() => page.getByRole('button', { name: '問題 CSV' }).click(), page);
    expect(problems[0].slice(0, 7)).toEqual(['精算月', '種別', '種別の説明', '券番号', '受給者', '店舗ID', '店舗名']);
    const contested = problems.filter((r) => r[1] === 'review_open');
    expect(contested.map((r) => r.slice(5, 7))).toEqual([['s001', BAKERY], ['s002', CAFE]]);
    expect(contested[0][2]).toBe('審査待ち（複数のお店が請求）');
    // No register loaded (a demo run): the cell says how to know who it was.
    expect(contested[0][4]).toBe('不明（発行台帳を読み込んで精算し直すとわかります）');
  });

  await test.step("settled as another month than the claims', the page says so", async () => {
    await office.settleMonth().fill(thisMonth());
    await page.getByRole('button', { name: '精算する', exact: true }).click();
    await expect(office.monthNote()).toContainText(`請求ファイルには 2026-11 の分が入っていますが、${thisMonth()} として精算しました`);
  });
});

test("item 5: a shop's record CSV or a workbook chosen in settlement says to choose the .json, and shows no result", async ({ page, log }) => {
  const office = new OfficePage(page);
  await page.setViewportSize({ width: 1280, height: 900 });
  await office.goto();
  await page.getByLabel('配信データを開く').setInputFiles(distFeed());
  const record = file('claim-s001-202611-1a2b3c4d-1.csv',
    '\uFEFF請求番号,店舗ID,店舗名,端末,取引番号,受付日時（日本時間）,券番号,見本,有効期限,額面（円）\r\n'
    + `s001-202611-1a2b3c4d-1,s001,${BAKERY},レジ1,1,2026-11-05 12:00:00,DEMO-K1-202611-00000,見本（支払対象外）,2027-01-31,1000\r\n`);
  await office.chooseClaims([record]);
  await expect(office.settleSummary()).toContainText('これはお店の記録用の CSV です');
  await expect(office.settleSummary()).toContainText('.json のファイル');
  await expect(office.settleSummary()).not.toContainText('line 1 column 1');
  await expect(page.getByTestId('claims-count')).toContainText('0');
  await page.getByRole('button', { name: '精算する', exact: true }).click();
  await expect(office.settleSummary()).toContainText('請求ファイル（.json）を選んでから');
  // No result and no live buttons.
  await expect(office.payouts()).toHaveCount(0);
  await expect(page.getByRole('button', { name: '支払い CSV' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: '使用済みデータに署名' })).toHaveCount(0);

  // An Excel workbook, in settlement and as a roster.
  const workbook = file('claims.xlsx', Buffer.concat([Buffer.from('PK\x03\x04', 'latin1'), Buffer.alloc(60)]));
  await office.chooseClaims([workbook]);
  await expect(office.settleSummary()).toContainText('Excelのファイルです');
  await expect(office.payouts()).toHaveCount(0);
  await office.loadRoster(workbook);
  await expect(office.rosterCard().getByRole('status')).toContainText('Excelのファイルです。CSVで保存してください');
  // And where the page wants a file it saved (the register): not a JSON error at line 1.
  await page.getByLabel('発行台帳（前回保存したもの。初回は不要）').setInputFiles(workbook);
  await expect(office.rosterCard().getByRole('status')).toContainText('Excelのファイルです。ここでは、このページで保存した .json のファイルを選んでください');
});

test('item 7: the shop list in the feed is saved as CSV, reads back unchanged, and one added shop is the only change', async ({ page, log }) => {
  const office = new OfficePage(page);
  await page.setViewportSize({ width: 1280, height: 900 });
  await office.goto();
  await page.getByLabel('配信データのアドレス（このサーバー内）').fill('/jokatsu/feed/feed.json');
  await page.getByRole('button', { name: 'サーバーから読み込む' }).click();
  await expect(page.getByTestId('editor-opened')).toContainText('開きました');

  const dl = page.waitForEvent('download');
  await page.getByRole('button', { name: '今の一覧を CSV で保存' }).click();
  const download = await dl;
  expect(download.suggestedFilename()).toBe('shops.csv');
  const exported = path.join(tmp, 'shops.csv');
  await download.saveAs(exported);
  await expect(page.getByRole('status').filter({ hasText: 'CSV で保存しました' })).toContainText(/今のお店の一覧（\d+件）/);
  const text = fs.readFileSync(exported, 'utf8');
  expect(text.startsWith('\uFEFF')).toBe(true);
  const lines = text.replace(/^\uFEFF/, '').split('\r\n').filter((l) => l);
  // The columns the import reads, in the template's order.
  expect(lines[0]).toBe('店舗ID,店舗名,店舗名（英語）,業種,地区,住所,住所（英語）,営業時間,営業時間（英語）,地図URL,認定,認定日,認定終了日,見本');
  expect(text).toContain(BAKERY);

  // Read back unchanged: nothing added, changed or removed.
  await page.getByLabel('認定店舗の一覧（CSV）').setInputFiles(exported);
  await expect(page.getByTestId('shops-diff')).toContainText('追加 0・変更 0・削除 0');
  await expect(page.getByTestId('shops-problems')).toHaveCount(0);

  // One shop added in "Excel": only that one is new.
  const added = file('shops-added.csv', text + 's960,旭川ラーメン,,飲食,中心市街地,旭川市2条通,,,,https://www.openstreetmap.org/,,2027/1/5,,\r\n');
  await page.getByLabel('認定店舗の一覧（CSV）').setInputFiles(added);
  await expect(page.getByTestId('shops-diff')).toContainText('追加 1・変更 0・削除 0');
  await expect(page.getByTestId('shops-import')).toContainText('s960 旭川ラーメン');
});

test('item 9: the page says what to do first and next, with no developer words; roster errors say what to fix', async ({ page, log }) => {
  const office = new OfficePage(page);
  await page.setViewportSize({ width: 1280, height: 900 });
  await office.goto();

  await test.step('a numbered guide at the top, in the order of the cards', async () => {
    const steps = office.guide().locator('li');
    await expect(steps).toHaveCount(6);
    await expect(steps.nth(0)).toContainText('鍵の準備');
    await expect(steps.nth(1)).toContainText('1. 鍵を開く');
    await expect(steps.nth(2)).toContainText('2. 名簿と発行台帳');
    await expect(steps.nth(3)).toContainText('3. 月のチケットを発行する');
    await expect(steps.nth(4)).toContainText('5. お店の請求を精算する');
    await expect(steps.nth(5)).toContainText('6. 配信データを作る');
    const main = page.locator('main');
    await expect(main).not.toContainText('used 鍵');
    await expect(main).not.toContainText('docs/');
  });

  await test.step('a roster without the required columns names all of them at once', async () => {
    await office.loadRoster(file('roster-columns.csv', '受給者番号,氏名,子の生年月日\r\nA1,旭川 花子,2024/1/1\r\n'));
    await expect(office.rosterCard().getByRole('status')).toContainText('「事業所番号」「復職日」の列がありません（2列）');
  });

  await test.step('an Excel date serial says to format the date column as dates', async () => {
    await office.loadRoster(file('roster-serial.csv',
      '受給者番号,氏名,事業所番号,子の生年月日,復職日\r\nA1,旭川 花子,7,45292,2025/4/1\r\nA2,神楽 桜,7,2024/1/1,2025/4/1\r\n'));
    const problems = page.getByTestId('roster-problems');
    await expect(problems).toContainText('2行目: 生年月日「45292」が読めません');
    await expect(problems).toContainText('日付の列を日付の形式（2027/1/23 など）にして保存してください');
    // The card's line: in Japanese only, and what to do next.
    const status = office.rosterCard().getByRole('status');
    await expect(status).toContainText('名簿を読み込みました');
    await expect(status).toContainText('3. 月のチケットを発行する');
    await expect(status).not.toContainText(' / ');
  });

  await test.step('signing the used data without its key names the key in plain words', async () => {
    await office.settle(distFeed(), '2026-11', twoClaims());
    await expect(office.settleSummary()).toContainText('精算 2026-11');
    await page.getByRole('button', { name: '使用済みデータに署名' }).click();
    await expect(office.settleSummary()).toContainText('使用済みデータの署名鍵');
    await expect(office.settleSummary()).not.toContainText('used 鍵');
  });
});
