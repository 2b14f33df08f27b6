// Self-checks (c.html): from a worry to the right weekday desk, K6 with help lines whatever
// the score, resume after a reload, history on the device (chart, delete one / all), and
// no request carrying answers. The clock is injected: 2026-12-01 (Tue) 10:00 JST.
import fs from 'node:fs';
import path from 'node:path';
import { Request } from '@playwright/test';
import { test, expect, axeViolations, axeLightAndDark, setFeed, ORIGIN } from './fixtures';
import { FEEDS, ROOT, readText } from '../files';
import { ChecksPage, HISTORY_KEY, PROGRESS_KEY } from '../pages';

const TUE = new Date('2026-12-01T10:00:00+09:00');

// Triage for the seed's menopause worry: main worry and wanted help both "health", and
// yes only to the body-and-mind question.
const MENOPAUSE = [
  '更年期など、からだやこころの変化がつらい',
  'からだのことを保健師・助産師・看護師に聞きたい',
  'いいえ', 'いいえ', 'はい', 'いいえ', 'いいえ',
];
// K6: 4 + 4 + 3 + 0 + 0 + 0 = 11 (band 10–14).
const K6_ELEVEN = ['いつも', 'いつも', 'たいてい', 'まったくない', 'まったくない', 'まったくない'];
// K6: all zero (band 0–4).
const K6_ZERO = Array(6).fill('まったくない');

test.beforeEach(async ({ page }) => {
  await page.clock.setFixedTime(TUE);
});

test('triage for menopause symptoms recommends the Wednesday health desk and its next date, with an .ics', async ({ page, log }) => {
  const c = new ChecksPage(page);
  const desk = c.nextDesk();
  await c.openList();
  await expect(page.getByTestId('privacy-note')).toContainText('どこにも送信されません');
  expect(await axeViolations(page)).toEqual([]);
  await test.step('the list, then one question at a time; Next without an answer asks for one', async () => {
    await c.start('いま、気になっていることは？');
    // A question screen: a fieldset whose legend is the question, progress with a label.
    await expect(c.question()).toHaveAccessibleName(/いま、いちばん気になっていることに近いものは？/);
    await expect(page.getByRole('progressbar', { name: '質問 1 / 7' })).toBeVisible();
    expect(await axeViolations(page)).toEqual([]);
    // Next without an answer asks for one and stays.
    await c.next();
    await expect(page.getByRole('alert')).toHaveText('答えを選んでから「次へ」を押してください。');
    await expect(c.step()).toHaveText('質問 1 / 7');
    await c.answerAll(MENOPAUSE);
  });

  await test.step('the result: the Wednesday health desk and its next date, no help lines', async () => {
    await expect(page).toHaveURL(/c\.html#\/result\/worry-triage-\d+$/);
    await expect(desk.getByTestId('recommended-theme')).toHaveText('水曜：健康');
    await expect(desk.getByTestId('next-date')).toContainText('2026年12月2日（水）');
    await expect(desk.getByTestId('next-date')).toContainText('10:00–16:00');
    // the theme in full and its experts; tomorrow is not marked 今日
    await expect(desk.getByTestId('next-session')).toContainText('健康のこと');
    await expect(desk.getByTestId('next-session')).toContainText('保健師・助産師・看護師');
    await expect(desk.getByTestId('next-date')).not.toContainText('今日');
    await expect(page.getByTestId('disclaimer')).toContainText('これは診断ではありません');
    await expect(page.getByTestId('source')).toContainText('このアプリが作成した振り分け質問');
    await expect(page.getByTestId('licence')).toContainText('検証済みの尺度ではありません');
    // Triage is not a safety check: no help lines, no urgent notice.
    await expect(page.getByTestId('help-lines')).toHaveCount(0);
    await expect(page.getByTestId('urgent')).toHaveCount(0);
  });

  await test.step('the next date as an .ics', async () => {
    const pending = page.waitForEvent('download');
    await desk.getByRole('button', { name: /カレンダーに追加/ }).click();
    const download = await pending;
    const ics = fs.readFileSync((await download.path())!, 'utf8');
    expect(download.suggestedFilename()).toMatch(/\.ics$/);
    expect(ics).toContain('DTSTART;TZID=Asia/Tokyo:20261202T100000');
    expect(ics).toMatch(/DTSTAMP:20261201T010000Z/);
    // She is told what happened and where the Google Calendar link is.
    await expect(desk.getByTestId('next-desk-status')).toContainText('保存しました');
    await expect(desk.getByTestId('next-desk-status')).toContainText('Googleカレンダーに追加');
    expect(await axeViolations(page)).toEqual([]);
  });
});

test('K6 with total 11 shows band 10–14, says to talk to someone soon and lists the help lines; total 0 still lists them', async ({ page, log }) => {
  const c = new ChecksPage(page);
  await c.openList();
  // the list says what K6 is; the instruction for answering comes in the check itself
  await expect(c.card(/K6/)).toContainText('6つの質問でふりかえります');
  await expect(c.card(/K6/)).not.toContainText('どのくらいの頻度');
  await c.start(/K6/);
  await test.step('K6 with total 11: band 10–14, talk to someone soon, the help lines', async () => {
    await expect(page.locator('.check-run__intro')).toContainText('過去1か月の間に、次のことをどのくらいの頻度で感じましたか');
    await c.answerAll(K6_ELEVEN);
    await expect(page.getByTestId('total')).toContainText('合計 11点（0〜24点のうち）');
    await expect(page.getByTestId('band')).toHaveText('10〜14点');
    await expect(page.getByTestId('band-explanation')).toContainText('早めに誰かに相談してください');
    await expect(page.getByRole('alert')).toHaveText('ひとりで抱えず、早めに誰かに相談してください。');
    const help = c.helpLines();
    await expect(help.getByRole('listitem')).toHaveCount(7);
    await expect(help.getByRole('link', { name: /0120-279-889/ })).toHaveAttribute('href', 'tel:0120279889');
    // the national lines for distress: いのちの電話 and こころの健康相談統一ダイヤル
    await expect(help).toContainText('いのちの電話');
    await expect(help.getByRole('link', { name: /0570-783-556/ })).toHaveAttribute('href', 'tel:0570783556');
    await expect(help).toContainText('こころの健康相談統一ダイヤル');
    await expect(help.getByRole('link', { name: /0570-064-556/ })).toHaveAttribute('href', 'tel:0570064556');
    await expect(help.getByRole('link', { name: /ウェブサイト\s*：こころの耳/ })).toHaveAttribute('href', 'https://kokoro.mhlw.go.jp/');
    await expect(help).toContainText('電話は24時間');
    await expect(c.nextDesk().getByTestId('recommended-theme')).toHaveText('水曜：健康');
    await expect(page.getByTestId('licence')).toContainText('Kessler');
    expect(await axeViolations(page)).toEqual([]);
  });

  await test.step('again with every answer 「まったくない」: band 0–4, no alarm, help lines still there', async () => {
    await page.getByRole('link', { name: 'もう一度チェックする' }).click();
    await c.answerAll(K6_ZERO);
    await expect(page.getByTestId('total')).toContainText('合計 0点');
    await expect(page.getByTestId('band')).toHaveText('0〜4点');
    await expect(page.getByTestId('urgent')).toHaveCount(0);
    await expect(c.helpLines().getByRole('listitem')).toHaveCount(7);
  });

  await test.step('the history has both, and a chart whose text alternative lists the two scores', async () => {
    await c.backToList().click();
    await expect(c.history().getByRole('listitem')).toHaveCount(2);
    await expect(c.history().getByRole('img')).toHaveAccessibleName(/K6.*の点数の推移（0〜24点）：12\/1（火） 11点、12\/1（火） 0点/);
    // Seen on the chart too: each value, the dates, and which way means more distress.
    const chart = c.history().locator('figure');
    await expect(chart.locator('svg text')).toContainText(['24', '0', '11', '0', '12/1（火）', '12/1（火）']);
    await expect(chart.locator('figcaption')).toContainText('点数が高いほど、負担が大きい状態です。');
  });

  await test.step('the 相談メモ: both results with their dates and scores, to show at the desk', async () => {
    // The page only reads what is on the phone (no request but the app's own static files).
    const before = log.requests.length;
    await c.history().getByRole('link', { name: '相談メモ（センセーに見せる）' }).click();
    await expect(page).toHaveURL(/m\.html#\/memo$/);
    await expect(c.heading()).toHaveText('相談メモ');
    const entries = page.getByTestId('memo-entry');
    await expect(entries).toHaveCount(2);
    await expect(entries.nth(0)).toContainText('合計 0点（0〜24点）');
    await expect(entries.nth(1)).toContainText('合計 11点（0〜24点）');
    await expect(entries.nth(1)).toContainText('10〜14点');
    await expect(entries.nth(1)).toContainText('2026年12月1日');
    await expect(entries.nth(1).getByRole('heading', { level: 2 })).toContainText('K6');
    await axeLightAndDark(page);
    const after = log.requests.slice(before).map((u) => new URL(u).pathname);
    expect(after.filter((p) => !/\.(html|js|wasm|css|json|webmanifest|svg|png)$/.test(p) && !p.endsWith('/'))).toEqual([]);
  });
});

test('reload midway resumes at the same question with the earlier answers kept', async ({ page, log }) => {
  const c = new ChecksPage(page);
  await c.openList();
  await c.start(/K6/);
  await c.choose('ときどき');
  await c.next();
  await c.choose('少しだけ');
  await c.next();
  await expect(c.step()).toHaveText('質問 3 / 6');
  // Focus moved to the question.
  await expect(page.locator('#check-question')).toBeFocused();
  const saved = JSON.parse((await c.stored(PROGRESS_KEY))!);
  expect(saved.data.items[0].current_index).toBe(2);

  await page.reload();
  await expect(c.step()).toHaveText('質問 3 / 6');
  await expect(c.question()).toHaveAccessibleName(/そわそわ、落ち着かなく感じましたか/);
  await page.getByRole('button', { name: '戻る' }).click();
  await expect(c.step()).toHaveText('質問 2 / 6');
  await expect(c.question().getByRole('radio', { name: '少しだけ' })).toBeChecked();
  await page.getByRole('button', { name: '戻る' }).click();
  await expect(c.question().getByRole('radio', { name: 'ときどき' })).toBeChecked();

  // The list offers to resume.
  await c.openList();
  await expect(page.getByTestId('resume')).toContainText('途中から再開できます');
  await page.getByTestId('resume').getByRole('link').click();
  await expect(c.step()).toHaveText('質問 1 / 6');
  // Finishing clears the saved progress.
  for (const label of ['ときどき', '少しだけ', 'まったくない', 'まったくない', 'まったくない', 'まったくない']) {
    await c.choose(label);
    await c.next();
  }
  await expect(page.getByTestId('total')).toContainText('合計 3点');
  expect(JSON.parse((await c.stored(PROGRESS_KEY))!).data.items).toEqual([]);
});

test('delete one result, then all (after confirming): gone from storage too', async ({ page, log }) => {
  const c = new ChecksPage(page);
  await c.openList();
  await c.start(/K6/);
  await c.answerAll(K6_ELEVEN);
  await c.backToList().click();
  await c.start('いま、気になっていることは？');
  await c.answerAll(MENOPAUSE);
  await c.backToList().click();
  const items = c.history().getByRole('listitem');
  await expect(items).toHaveCount(2);
  expect(JSON.parse((await c.stored(HISTORY_KEY))!).data.records).toHaveLength(2);

  await test.step('export: a JSON file with both records', async () => {
    const pending = page.waitForEvent('download');
    await c.history().getByRole('button', { name: '書き出す（JSON）' }).click();
    const file = await pending;
    expect(file.suggestedFilename()).toBe('jokatsu-checks-2026-12-01.json');
    const exported = JSON.parse(fs.readFileSync((await file.path())!, 'utf8'));
    expect(exported.version).toBe(1);
    expect(exported.records).toHaveLength(2);
  });

  await test.step('delete the K6 result', async () => {
    await items.filter({ hasText: 'K6' }).getByRole('button', { name: /削除/ }).click();
    await expect(items).toHaveCount(1);
    const stored = JSON.parse((await c.stored(HISTORY_KEY))!);
    expect(stored.data.records.map((r: any) => r.questionnaire_id)).toEqual(['worry-triage']);
  });

  await test.step('delete all: asks first; cancel keeps it, confirm removes it', async () => {
    await c.history().getByRole('button', { name: 'すべて削除…' }).click();
    await expect(page.getByRole('alert')).toContainText('すべての結果を削除しますか');
    await page.getByRole('button', { name: 'やめる' }).click();
    await expect(items).toHaveCount(1);
    await c.history().getByRole('button', { name: 'すべて削除…' }).click();
    await page.getByRole('button', { name: 'すべて削除する' }).click();
    await expect(items).toHaveCount(0);
    await expect(page.getByTestId('history-empty')).toBeVisible();
    const stored = JSON.parse((await c.stored(HISTORY_KEY))!);
    expect(stored.data.records).toEqual([]);
    await page.reload();
    await expect(page.getByTestId('history-empty')).toBeVisible();
    // The result page of a deleted record says so.
    await c.open('c.html#/result/worry-triage-1');
    await expect(c.heading()).toHaveText('結果が見つかりません');
  });
});

test('answering sends nothing: after the first answer only static app files may load, none carrying data', async ({ page, log }) => {
  const c = new ChecksPage(page);
  await c.openList();
  await expect(page.getByTestId('freshness')).toContainText('最終更新');
  await c.start(/K6/);
  const after: Request[] = [];
  page.on('request', (r) => after.push(r));
  await c.answerAll(K6_ELEVEN);
  await expect(page.getByTestId('help-lines')).toBeVisible();
  // Hash routing: answering and scoring load nothing. The browser may still fetch a static
  // file of the app on its own (e.g. the icon); nothing else, and nothing with data.
  for (const r of after) {
    const url = new URL(r.url());
    expect(r.method(), r.url()).toBe('GET');
    expect(r.postData(), r.url()).toBeNull();
    expect(url.origin + url.pathname, 'an app file').toMatch(new RegExp(`^${ORIGIN}/jokatsu/[\\w./-]+$`));
    expect(url.search, 'no query string').toBe('');
    expect(fs.existsSync(path.join(ROOT, 'dist', url.pathname.slice('/jokatsu/'.length))), `${url.pathname} is a static file`).toBe(true);
  }
  // And over the whole session: only the app's own files, none carrying answers.
  for (const url of log.requests) {
    expect(url.startsWith(`${ORIGIN}/jokatsu/`) || url.startsWith('data:') || url.startsWith('blob:'), url).toBe(true);
    expect(url, 'no answer data in a URL').not.toMatch(/k6-\d|answer|choice|total/i);
  }
  // The answers never appear in any request: the only stores are this browser's.
  const stored = await c.stored(HISTORY_KEY);
  expect(stored).toContain('"total":11');
});

test('a broken questionnaire in the feed is named calmly; the other checks still work', async ({ page, log }) => {
  // The K6 definition's third item has an invalid id (global-setup.ts).
  await setFeed('ok', readText(FEEDS.brokenK6));
  const c = new ChecksPage(page);
  await c.openList();
  await expect(page.getByTestId('definition-errors')).toContainText('ほかのチェックは使えます');
  await expect(page.getByTestId('definition-errors')).toContainText('k6');
  await expect(c.card(/K6/)).toHaveCount(0);
  await c.start('いま、気になっていることは？');
  await c.answerAll(MENOPAUSE);
  await expect(page.getByTestId('recommended-theme')).toHaveText('水曜：健康');
});

test('keyboard only: Tab to the options, arrow keys to choose, Enter for Next', async ({ page, log }) => {
  const c = new ChecksPage(page);
  await c.openList();
  await c.start(/K6/);
  await page.locator('#check-question').focus();
  await page.keyboard.press('Tab');
  await expect(c.question().getByRole('radio', { name: 'まったくない' })).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(c.question().getByRole('radio', { name: '少しだけ' })).toBeChecked();
  await page.keyboard.press('Enter');
  await expect(c.step()).toHaveText('質問 2 / 6');
  await expect(page.locator('#check-question')).toBeFocused();
  await expect(c.question()).toHaveAccessibleName(/絶望的だと感じましたか/);
});
