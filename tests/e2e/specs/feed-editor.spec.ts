// The city office publishes the feed without hand-editing JSON: it opens the served demo
// feed in the office app, adds a snow-day closure and a consultation day, imports the
// certified shops from an Excel CSV (Shift_JIS), checks, downloads feed.json and
// calendar.ics, and the served feed then shows the closure and the event on the schedule
// page and the new shop in the directory.
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import os from 'node:os';
import { test, expect, ORIGIN, setFeed, axeViolations } from './fixtures';
import { CARGO_TOML, fixture } from '../files';
import { DirectoryPage, HomePage, OfficePage, newPhone } from '../pages';

test('the office edits the feed; after upload the holder pages show the closure, the event and the new shop', async ({ page, browser, log }) => {
  test.setTimeout(180_000);
  const office = new OfficePage(page);
  await page.setViewportSize({ width: 1280, height: 900 });
  await office.goto();
  await expect(office.heading()).toHaveText('事務局');

  await test.step('1. open the served feed (same origin)', async () => {
    await page.getByLabel('配信データのアドレス（このサーバー内）').fill('/jokatsu/feed/feed.json');
    await page.getByRole('button', { name: 'サーバーから読み込む' }).click();
    await expect(page.getByTestId('editor-opened')).toContainText('開きました');
  });

  await test.step('2. a closure: the form says what is wrong as the office types, tied to the field', async () => {
    const date = page.getByLabel('日付（日本時間、例 2027-02-03）');
    // Not a day (30 February): the field says which forms it takes.
    await date.fill('2027/02/30');
    await expect(date).toHaveAttribute('aria-invalid', 'true');
    const describedBy = await date.getAttribute('aria-describedby');
    await expect(page.locator(`#${describedBy}`)).toContainText('2027/1/23');
    // The roster's forms are all accepted: a slash date is the same day.
    await date.fill('2027/2/3');
    await expect(date).not.toHaveAttribute('aria-invalid', 'true');
    await date.fill('2027-02-03');
    await expect(date).not.toHaveAttribute('aria-invalid', 'true');
    await page.getByLabel('種類', { exact: true }).selectOption('closed');
    await page.getByRole('button', { name: 'この変更を追加する' }).click();
    // The note is required for a closure.
    await expect(page.getByLabel('お知らせ（日本語、休みの理由など）')).toHaveAttribute('aria-invalid', 'true');
    await page.getByLabel('お知らせ（日本語、休みの理由など）').fill('大雪のため臨時休業');
    await page.getByRole('button', { name: 'この変更を追加する' }).click();
    await expect(page.getByTestId('editor-exceptions')).toContainText('大雪のため臨時休業');
  });

  await test.step('3. an event (相談会) on the Saturday; the phone preview of the closed day', async () => {
    await page.getByLabel('催しの種類').selectOption('consultation');
    await page.getByLabel('開催日（日本時間、例 2027-01-23）').fill('2027-02-06');
    await page.getByLabel('開始時刻（例 13:00）').fill('15:00');
    await page.getByLabel('終了時刻（例 15:00）').fill('13:00');
    await expect(page.getByLabel('終了時刻（例 15:00）')).toHaveAttribute('aria-invalid', 'true');
    await page.getByLabel('開始時刻（例 13:00）').fill('13:00');
    await page.getByLabel('終了時刻（例 15:00）').fill('15:00');
    await page.getByLabel('定員（任意、数字）').fill('20');
    await page.getByLabel('題名（日本語）').fill('雪の日の相談会');
    await page.getByLabel('説明（日本語）').fill('予約なしで相談できます。');
    // Typed as a clerk types it: a slash date with full-width digits is the same day.
    await page.getByLabel('開催日（日本時間、例 2027-01-23）').fill('２０２７/２/６');
    await page.getByRole('button', { name: 'この催しを追加する' }).click();
    await expect(page.getByTestId('editor-events')).toContainText('雪の日の相談会');
    await expect(page.getByTestId('editor-events')).toContainText('2027-02-06');
    await expect(page.getByRole('status').filter({ hasText: '雪の日の相談会 を追加しました' })).toContainText('2027-02-06');
    // Not a day: the field says which forms it takes, and the button says it added nothing.
    await page.getByLabel('題名（日本語）').fill('二度目の相談会');
    await page.getByLabel('説明（日本語）').fill('予約なしで相談できます。');
    await page.getByLabel('開催日（日本時間、例 2027-01-23）').fill('2027/2/30');
    await page.getByRole('button', { name: 'この催しを追加する' }).click();
    await expect(page.getByText('追加できませんでした')).toBeVisible();
    await expect(page.getByLabel('開催日（日本時間、例 2027-01-23）')).toHaveAttribute('aria-invalid', 'true');
    await expect(page.getByTestId('editor-events')).not.toContainText('二度目の相談会');

    // The phone preview of the closed day, from the same domain queries.
    await page.getByLabel('確かめる日（例 2027-02-03）').fill('2027-02-03');
    await expect(page.getByTestId('editor-preview')).toContainText('休み（大雪のため臨時休業）');
  });

  await test.step("4. the certified shops from Excel (Shift_JIS): bad lines by number, a diff, then save; next year's holidays", async () => {
    await page.getByLabel('認定店舗の一覧（CSV）').setInputFiles(fixture('shops-sjis.csv'));
    await expect(page.getByTestId('shops-import')).toContainText('Shift_JIS');
    await expect(page.getByTestId('shops-problems')).toContainText('14行目');
    await expect(page.getByTestId('shops-diff')).toContainText('追加 1');
    await page.getByRole('button', { name: 'この一覧で置き換える' }).click();

    // Next year's national holidays from the Cabinet Office file, without a rebuild.
    await page.getByLabel('祝日の一覧（syukujitsu.csv）').setInputFiles(fixture('syukujitsu-2028-sjis.csv'));
    await expect(page.getByTestId('holidays-import')).toContainText('2028');
    await page.getByRole('button', { name: '祝日を配信データに入れる' }).click();
    await page.getByLabel('確かめる日（例 2027-02-03）').fill('2028-01-10');
    await expect(page.getByTestId('editor-preview')).toContainText('休み（祝日：成人の日）');
  });

  const feedText = await test.step('5. check before upload, download feed.json and calendar.ics; the command-line check agrees', async () => {
    await page.getByRole('button', { name: 'アップロード前に確認する' }).click();
    const report = page.getByTestId('editor-report');
    await expect(report).toBeVisible();
    await expect(report).toContainText(/エラー 0件|問題はありません/);
    const accept = page.getByLabel('警告を確認しました。このまま保存します');
    if (await accept.count()) await accept.check();
    const dl = page.waitForEvent('download');
    await page.getByRole('button', { name: 'feed.json を保存' }).click();
    const feedText = fs.readFileSync(await (await dl).path()!, 'utf8');
    const dlIcs = page.waitForEvent('download');
    await page.getByRole('button', { name: 'calendar.ics を保存' }).click();
    const ics = fs.readFileSync(await (await dlIcs).path()!, 'utf8');
    const feed = JSON.parse(feedText);
    expect(feed.published).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(feed.schedule.holidays).toContain('2028-01-10 成人の日');
    expect(feed.shops.find((s: any) => s.id === 's900').certified_from).toBe('2026-12-01');
    expect(ics.replace(/\r\n[ \t]/g, '')).toContain('UID:event-2027-02-06-consultation@');
    expect(ics).not.toContain('UID:opening-2027-02-03-');
    expect(await axeViolations(page)).toEqual([]);

    // The command-line check on the folder gives the same list as the page.
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jokatsu-feed-'));
    fs.writeFileSync(path.join(dir, 'feed.json'), feedText);
    fs.writeFileSync(path.join(dir, 'calendar.ics'), ics);
    const cli = execFileSync('cargo', ['run', '--quiet', '--manifest-path', CARGO_TOML,
      '--bin', 'jokatsu-office', '--', 'feed-check', dir, '--demo']).toString();
    const summary = (await report.getByRole('status').textContent())!.trim();
    expect(cli.trim().split('\n').pop()).toBe(summary);
    return feedText;
  });

  await test.step("6. upload: a phone sees the closure, the event, the new shop and 2028's holidays", async () => {
    // The server now serves the new feed. A phone on 2027-02-03 sees the closure…
    await setFeed('ok', feedText);
    const [phone, p] = await newPhone(browser, { baseURL: `${ORIGIN}/jokatsu/` });
    await p.clock.setFixedTime(new Date('2027-02-03T09:00:00+09:00'));
    const home = new HomePage(p);
    await home.open('#/');
    const today = p.getByRole('region', { name: /^今日/ });
    await expect(today).toHaveAttribute('data-state', 'closed');
    await expect(today.getByTestId('closed-reason')).toHaveText('休み（大雪のため臨時休業）');
    // …and the consultation day among the events.
    await expect(home.eventList()).toContainText('雪の日の相談会');
    // The directory lists the new certified shop.
    const directory = new DirectoryPage(p);
    await directory.goto();
    await expect(directory.shops().filter({ hasText: '雪見だいふく本舗' })).toHaveCount(1);
    // 2028-01-10 (成人の日) is closed only because the feed now lists 2028's holidays.
    await p.clock.setFixedTime(new Date('2028-01-10T09:00:00+09:00'));
    await home.open('#/');
    await expect(today.getByTestId('closed-reason')).toHaveText('休み（祝日：成人の日）');
    await phone.close();
  });
});
