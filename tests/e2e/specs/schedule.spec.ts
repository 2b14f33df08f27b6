// The career health room schedule: the today card at fixed dates (injected clock), the
// week, the month calendar, event detail, .ics downloads, sharing, accessibility.
import fs from 'node:fs';
import { Page } from '@playwright/test';
import { test, expect, open, axeViolations, axeLightAndDark } from './fixtures';
import { HomePage } from '../pages';

/** Fix the browser clock (JS Date) at an instant, before the app loads. */
async function at(page: Page, iso: string) {
  await page.clock.setFixedTime(new Date(iso));
}

/** Read a download's text. */
async function downloadText(page: Page, click: () => Promise<void>) {
  const pending = page.waitForEvent('download');
  await click();
  const download = await pending;
  const file = await download.path();
  return { name: download.suggestedFilename(), text: fs.readFileSync(file!, 'utf8') };
}

/** Unfold RFC 5545 content lines. */
const unfold = (ics: string) => ics.replace(/\r\n[ \t]/g, '');

test('a normal Wednesday: the health desk is open, with its experts, hours, place and booking', async ({ page, log }) => {
  await at(page, '2026-12-02T10:00:00+09:00');
  const home = new HomePage(page);
  await home.goto();
  await expect(home.today).toHaveAttribute('data-state', 'open');
  await expect(home.today.getByRole('heading', { level: 2 })).toContainText('2026年12月2日（水）');
  await expect(home.status()).toHaveText(/いま開いています/);
  const health = home.session(/健康のこと/);
  await expect(health).toBeVisible();
  await expect(health.getByTestId('experts')).toHaveText('保健師・助産師・看護師');
  await expect(health).toContainText('10:00–16:00');
  await expect(health).toContainText('旭川市市民活動交流センターCoCoDe');
  await expect(health).toContainText('旭川市宮前1条3丁目3番30号');
  await expect(health).toContainText('対面');
  const map = health.getByRole('link', { name: /地図を開く/ });
  await expect(map).toHaveAttribute('href', /^https:\/\/www\.openstreetmap\.org\//);
  await expect(map).toHaveAttribute('rel', 'noopener noreferrer');
  await expect(health.getByRole('link', { name: '0166-00-0000' })).toHaveAttribute('href', 'tel:0166-00-0000');
  // The evening online desk is on Wednesdays too.
  await expect(home.session(/夜間オンライン窓口/)).toContainText('19:00–21:00');
  await expect(home.session(/夜間オンライン窓口/)).toContainText('オンライン');
  // This week: Monday to Sunday, today marked.
  const days = home.week.getByRole('listitem').filter({ has: page.getByRole('heading', { level: 3 }) });
  await expect(days).toHaveCount(7);
  await expect(days.first()).toContainText('11/30（月）');
  await expect(home.week.locator('[aria-current="date"]')).toContainText('12/2（水）');
  await expect(days.nth(5)).toContainText('休み');
  // Past days (Mon, Tue) offer no calendar buttons; today and later days do.
  await expect(days.nth(0).getByRole('button')).toHaveCount(0);
  await expect(days.nth(1).getByRole('button')).toHaveCount(0);
  await expect(days.nth(2).getByRole('button', { name: /カレンダー/ }).first()).toBeVisible();
  // The next health days, and the demo note.
  const themes = page.getByTestId('theme-dates');
  await expect(themes.getByRole('listitem').filter({ hasText: '次の「健康のこと（更年期など）」の日' })).toContainText(/12\/2（水）.*12\/9（水）.*12\/16（水）/);
  await expect(page.getByTestId('demo-note')).toContainText('見本');
  await expect(page.getByRole('heading', { name: 'センセー紹介' })).toBeVisible();
  await expect(page.getByTestId('expert-list')).toContainText('国家資格キャリアコンサルタント');
});

test('a national-holiday Monday is closed, names the holiday and the next opening; the career desk moves to Tuesday', async ({ page, log }) => {
  const home = new HomePage(page);
  await test.step('the Monday, 成人の日: closed, the holiday named, the next opening with the career desk', async () => {
    await at(page, '2027-01-11T09:00:00+09:00');
    await home.goto();
    await expect(home.today).toHaveAttribute('data-state', 'closed');
    await expect(home.status()).toHaveText(/今日はお休みです/);
    await expect(home.today.getByTestId('closed-reason')).toHaveText('休み（祝日：成人の日）');
    await expect(home.today.getByTestId('next-opening')).toHaveText('次の開設日：2027年1月12日（火）');
    // The next opening carries the career desk with its substitute badge.
    await expect(home.session(/キャリアのこと/)).toContainText('祝日振替（1/11分）');
  });

  await test.step('the Tuesday: open, its own desk plus the substituted career desk', async () => {
    await at(page, '2027-01-12T09:00:00+09:00');
    await page.reload();
    await expect(home.today).toHaveAttribute('data-state', 'open');
    await expect(home.session(/コミュニケーション/)).toBeVisible();
    const career = home.session(/キャリアのこと/);
    await expect(career.getByRole('heading')).toContainText('祝日振替（1/11分）');
    await expect(career.getByTestId('experts')).toHaveText('キャリアコンサルタント');
  });
});

test('12/30 is closed for the year-end break; the next opening is 2027-01-04', async ({ page, log }) => {
  await at(page, '2026-12-30T12:00:00+09:00');
  const home = new HomePage(page);
  await home.goto();
  await expect(home.today).toHaveAttribute('data-state', 'closed');
  await expect(home.today.getByTestId('closed-reason')).toContainText('年末年始');
  await expect(home.today.getByTestId('next-opening')).toContainText('2027年1月4日（月）');
  await expect(home.session(/キャリアのこと/)).toBeVisible();
});

test('an app left open over midnight moves on to the new day in Japan', async ({ page, log }) => {
  await page.clock.install({ time: new Date('2026-12-01T23:59:30+09:00') });
  const home = new HomePage(page);
  await home.goto();
  await expect(home.today.getByRole('heading', { level: 2 })).toContainText('2026年12月1日（火）');
  await expect(page.getByTestId('today-status')).toHaveText(/今日の受付は終了しました/);
  await page.clock.fastForward('01:00');
  await expect(home.today.getByRole('heading', { level: 2 })).toContainText('2026年12月2日（水）');
  await expect(home.session(/健康のこと/)).toBeVisible();
});

test.describe('a phone set to Los Angeles time', () => {
  test.use({ timezoneId: 'America/Los_Angeles' });
  test('at 23:30 on Tuesday local time it is already Wednesday in Japan', async ({ page, log }) => {
    await at(page, '2026-12-01T23:30:00-08:00');
    expect(await page.evaluate(() => new Date().getDate())).toBe(1); // the phone thinks it is the 1st
    const home = new HomePage(page);
    await home.goto();
    await expect(home.today.getByRole('heading', { level: 2 })).toContainText('2026年12月2日（水）');
    // 16:30 in Japan: the day desk has closed, the evening online desk opens at 19:00
    await expect(home.status()).toHaveText(/19:00から夜間オンライン窓口が開きます/);
    await expect(home.session(/夜間オンライン窓口/)).toContainText('19:00–21:00');
    await expect(home.session(/コミュニケーション/)).toHaveCount(0);
  });
});

test('English: the today card in English', async ({ page, log }) => {
  await at(page, '2026-12-02T10:00:00+09:00');
  const home = new HomePage(page);
  await home.goto();
  await home.languageButton('English').click();
  await expect(home.status()).toHaveText(/Open now/);
  await expect(home.today.getByRole('heading', { level: 2 })).toContainText('Wed 2 Dec 2026');
  await expect(home.session(/Health/).getByTestId('experts')).toHaveText('Public health nurse, Midwife, Nurse');
  await home.languageButton('日本語').click();
  await expect(home.status()).toHaveText(/いま開いています/);
});

test("today's opening downloads as an RFC 5545 .ics in Japan time", async ({ page, log }) => {
  await at(page, '2026-12-02T10:00:00+09:00');
  const home = new HomePage(page);
  await home.goto();
  const card = home.session(/健康のこと/);
  await test.step('the .ics: one event in Japan time, CRLF, folded at 75 octets, no alarm', async () => {
    const { name, text } = await downloadText(page, () =>
      home.session(/健康のこと/).getByRole('button', { name: /カレンダーに追加（\.ics）/ }).click());
    expect(name).toBe('jokatsu-2026-12-02-health.ics');
    expect(text.split('\n').length).toBeGreaterThan(5);
    expect(text.split('\n').every((l, i, all) => i === all.length - 1 || l.endsWith('\r')), 'CRLF line endings').toBe(true);
    const ics = unfold(text);
    expect(ics).toContain('BEGIN:VCALENDAR\r\n');
    expect(ics).toContain('BEGIN:VTIMEZONE\r\nTZID:Asia/Tokyo\r\n');
    expect(ics.match(/BEGIN:VEVENT/g)).toHaveLength(1);
    expect(ics).toContain('DTSTART;TZID=Asia/Tokyo:20261202T100000\r\n');
    expect(ics).toContain('DTEND;TZID=Asia/Tokyo:20261202T160000\r\n');
    expect(ics).toContain('SUMMARY:女性のキャリアの保健室：健康のこと（更年期など）\r\n');
    expect(ics).toContain('UID:opening-2026-12-02-health@jokatsu.asahikawa\r\n');
    expect(text.split('\r\n').every((l) => Buffer.byteLength(l, 'utf8') <= 75), 'lines folded at 75 octets').toBe(true);
    expect(ics).not.toContain('BEGIN:VALARM');
  });

  await test.step('after the tap the card says what happened and what to do if the file does not open; the optional reminder', async () => {
    await expect(card.getByTestId('calendar-status')).toContainText('保存しました');
    await expect(card.getByTestId('calendar-status')).toContainText('Googleカレンダー');
    // The optional reminder: an alarm an hour before the desk opens.
    await card.getByLabel('1時間前に通知する').check();
    const reminded = await downloadText(page, () => card.getByRole('button', { name: /カレンダーに追加（\.ics）/ }).click());
    expect(unfold(reminded.text)).toContain('BEGIN:VALARM\r\nACTION:DISPLAY\r\nTRIGGER:-PT60M\r\nDESCRIPTION:女性のキャリアの保健室：健康のこと（更年期など）\r\nEND:VALARM\r\n');
  });

  await test.step('a 電話する button; Google Calendar for the subscription; axe in light and dark', async () => {
    // A phone number in the feed: a 電話する button; and Google Calendar for the subscription.
    await expect(card.getByRole('link', { name: '電話する 0166-00-0000' })).toHaveAttribute('href', 'tel:0166-00-0000');
    await expect(page.getByRole('link', { name: /Googleカレンダーで購読する/ })).toHaveAttribute('href',
      /^https:\/\/calendar\.google\.com\/calendar\/render\?cid=webcal%3A%2F%2F127\.0\.0\.1%3A\d+%2Fjokatsu%2Ffeed%2Fcalendar\.ics$/);
    await axeLightAndDark(page);
  });
});

test('the month calendar is a table with a caption; January 2027 marks the year-end days and 成人の日 closed', async ({ page, log }) => {
  await at(page, '2026-12-02T10:00:00+09:00');
  await open(page, '#/');
  await page.getByRole('link', { name: '月のカレンダーを見る' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('開設カレンダー');
  const table = page.getByRole('table');
  await expect(table.getByRole('caption')).toHaveText('2026年12月の開設日');
  await expect(table.getByRole('columnheader')).toHaveText(['月', '火', '水', '木', '金', '土', '日']);
  const wed = table.getByRole('cell', { name: /^2026年12月2日（水） 健康のこと/ });
  await expect(wed).toHaveAttribute('aria-current', 'date');
  // What a sighted user reads in the cell: the evening desk is not a substitute (no ＊).
  // (The full label is for screen readers; the visible day number and short label are hidden from them.)
  expect((await wed.locator('[aria-hidden="true"]').allInnerTexts()).join('').replace(/\s+/g, '')).toBe('2健康＋夜間');
  await page.getByRole('button', { name: /次の月/ }).click();
  await expect(table.getByRole('caption')).toHaveText('2027年1月の開設日');
  for (const day of [1, 2, 3]) {
    const cell = table.getByRole('cell', { name: new RegExp(`^2027年1月${day}日.*休み（年末年始`) });
    await expect(cell).toHaveAttribute('data-state', 'closed');
    await expect(cell).toContainText('休');
  }
  const seijin = table.getByRole('cell', { name: /^2027年1月11日（月） 休み（祝日：成人の日）/ });
  await expect(seijin).toHaveAttribute('data-state', 'closed');
  await expect(seijin).toContainText('成人の日');
  await expect(table.getByRole('cell', { name: /^2027年1月4日（月） キャリアのこと/ })).toHaveAttribute('data-state', 'open');
  await expect(table.getByRole('cell', { name: /^2027年1月12日（火） .*キャリアのこと/ })).toContainText('＊');
  await expect(table.getByRole('cell', { name: /^2027年1月16日.*センセー紹介/ })).toContainText('★');
  await page.getByRole('button', { name: /前の月/ }).click();
  await page.getByRole('button', { name: /前の月/ }).click();
  await expect(table.getByRole('caption')).toHaveText('2026年11月の開設日');
});

test('an event: detail in JST, .ics download, Google Calendar link, share by copying the link', async ({ page, context, log }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  // This browser has no share sheet: make sure, so the copy path is what is tested.
  await page.addInitScript(() => { delete (Navigator.prototype as any).share; });
  await at(page, '2026-12-02T10:00:00+09:00');
  const home = new HomePage(page);
  await home.open('#/');
  await home.eventList().getByRole('link', { name: /事業説明会/ }).first().click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('「女性のキャリアの保健室」事業説明会');
  expect(page.url()).toContain('#/event/briefing-2026-12');
  await expect(page.getByTestId('event-date')).toHaveText('2026年12月5日（土）');
  const main = page.getByRole('main');
  await expect(main).toContainText('14:00–15:30');
  await expect(main).toContainText('40名');
  await expect(main).toContainText('要予約・先着40名');
  // one booking rule on the page: the desk's "walk-ins welcome" is not repeated here
  await expect(main).not.toContainText('予約なしでも');
  const google = page.getByRole('link', { name: /Googleカレンダーに追加/ });
  await expect(google).toHaveAttribute('href', /^https:\/\/calendar\.google\.com\/calendar\/render\?action=TEMPLATE.*dates=20261205T140000\/20261205T153000.*ctz=Asia%2FTokyo/);

  const { name, text } = await downloadText(page, () => page.getByRole('button', { name: /カレンダーに追加（\.ics）/ }).click());
  expect(name).toBe('jokatsu-briefing-2026-12.ics');
  const ics = unfold(text);
  expect(ics).toContain('BEGIN:VEVENT\r\n');
  expect(ics).toContain('DTSTART;TZID=Asia/Tokyo:20261205T140000\r\n');
  expect(ics).toContain('SUMMARY:事業説明会：「女性のキャリアの保健室」事業説明会\r\n');
  expect(ics).toContain('UID:event-briefing-2026-12@jokatsu.asahikawa\r\n');

  await page.getByRole('button', { name: '共有する' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'リンクをコピーしました。' })).toBeVisible();
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(copied).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/jokatsu\/#\/event\/briefing-2026-12$/);
});

test('share uses the Web Share API where the browser has one', async ({ page, log }) => {
  await page.addInitScript(() => {
    (window as any).__shared = null;
    (Navigator.prototype as any).share = function (data: any) { (window as any).__shared = data; return Promise.resolve(); };
  });
  await at(page, '2026-12-02T10:00:00+09:00');
  await open(page, '#/event/intro-2027-01');
  await page.getByRole('button', { name: '共有する' }).click();
  await expect(page.getByRole('status').filter({ hasText: '共有しました。' })).toBeVisible();
  const shared = await page.evaluate(() => (window as any).__shared);
  expect(shared.title).toBe('センセー紹介 ～日替わりセンセーに会ってみよう～');
  expect(shared.url).toMatch(/\/jokatsu\/#\/event\/intro-2027-01$/);
  expect(shared.text).toContain('2027年1月16日（土） 13:30–15:00');
});

test('an unknown event id says so and links back', async ({ page, log }) => {
  await open(page, '#/event/no-such-event');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('イベントが見つかりません');
  await page.getByRole('link', { name: /保健室のトップへ/ }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('女性のキャリアの保健室');
});

test('the schedule pages have no axe-core violations at WCAG 2.2 AA (light and dark)', async ({ page, log }) => {
  await at(page, '2027-01-12T09:00:00+09:00');
  for (const hash of ['#/', '#/calendar', '#/event/briefing-2027-03-online', '#/event/consult-2027-02']) {
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      await open(page, hash);
      await expect(page.getByTestId('freshness')).toContainText('最終更新');
      await expect(page.locator('.notice[role="status"]')).toHaveCount(0); // schedule loaded
      expect(await axeViolations(page), `${hash} ${scheme}`).toEqual([]);
    }
  }
});

test('at 200 % zoom (half the width) nothing needs sideways scrolling; the calendar becomes a list', async ({ page, log }) => {
  await at(page, '2026-12-02T10:00:00+09:00');
  await page.setViewportSize({ width: 195, height: 422 });
  for (const hash of ['#/', '#/calendar', '#/event/briefing-2026-12']) {
    await open(page, hash);
    await expect(page.getByTestId('freshness')).toContainText('最終更新');
    // Nothing in the page content reaches past the right edge (the shared header is not
    // part of the schedule screens).
    const sticking = await page.evaluate(() => {
      const w = document.documentElement.clientWidth;
      return [...document.querySelectorAll('main *')]
        .filter((e) => e.getBoundingClientRect().right > w + 0.5 && getComputedStyle(e).position !== 'absolute')
        .map((e) => `${e.tagName}.${e.className}`);
    });
    expect(sticking, hash).toEqual([]);
  }
  // In list form, each day shows its full label.
  await open(page, '#/calendar');
  const cell = page.getByRole('cell', { name: /^2026年12月2日（水）/ });
  await expect(cell).toBeVisible();
  await expect(cell).toContainText('健康のこと（更年期など） 10:00–16:00');
  expect(await cell.evaluate((el) => getComputedStyle(el).display)).toBe('block');
});

test('printing the calendar page shows the A4 poster with the QR code and the roster', async ({ page, log }) => {
  await at(page, '2026-12-02T10:00:00+09:00');
  await open(page, '#/calendar');
  await expect(page.getByRole('table')).toBeVisible();
  await expect(page.locator('.poster')).toBeHidden();
  await page.emulateMedia({ media: 'print' });
  const poster = page.locator('.poster');
  await expect(poster).toBeVisible();
  await expect(page.getByRole('heading', { level: 1 })).toBeHidden();
  await expect(poster.getByRole('img', { name: 'アプリのQRコード' })).toBeVisible();
  await expect(poster.getByRole('row', { name: /水 健康のこと/ })).toContainText('2, 9, 16, 23');
  await expect(poster).toContainText('12/29 休み（年末年始');
  await expect(poster).toContainText('http://127.0.0.1');
  await page.emulateMedia({ media: 'screen' });
});

test('the today card says what is true at 07:00, 12:00, 17:30 and 20:00 on a Wednesday', async ({ page, log }) => {
  const cases: [string, RegExp, RegExp][] = [
    ['07:00', /今日は10:00から開きます/, /健康のこと/],
    ['12:00', /いま開いています（健康のこと.*・16:00まで）/, /健康のこと/],
    ['17:30', /窓口の受付は終了しました。19:00から夜間オンライン窓口が開きます/, /夜間オンライン窓口/],
    ['20:00', /いま開いています（夜間オンライン窓口・21:00まで）/, /夜間オンライン窓口/],
  ];
  for (const [time, status, session] of cases) {
    await page.clock.setFixedTime(new Date(`2026-12-02T${time}:00+09:00`));
    const home = new HomePage(page);
    await home.goto();
    await page.reload();
    await expect(home.status(), time).toHaveText(status);
    await expect(home.status(), time).not.toHaveText(/今日は開いています/);
    await expect(home.session(session), time).toBeVisible();
  }
  // at 20:00 the ended day desk is no longer offered
  expect(await axeViolations(page)).toEqual([]);
  await expect(new HomePage(page).session(/健康のこと/)).toHaveCount(0);
});

test('after closing time the today card says the desk has closed and shows the next opening', async ({ page, log }) => {
  // Wednesday 2026-12-02 21:30 JST: the day desk (10–16) and the evening desk have ended.
  await page.clock.setFixedTime(new Date('2026-12-02T21:30:00+09:00'));
  await open(page, '#/');
  await expect(page.getByTestId('today-status')).toHaveText(/今日の受付は終了しました/);
  await expect(page.getByTestId('next-opening')).toContainText('2026年12月3日（木）');
});

test('the office-published calendar is there to subscribe to, and parses as iCalendar', async ({ page, log }) => {
  await page.clock.setFixedTime(new Date('2026-12-02T10:00:00+09:00'));
  await open(page, '#/');
  const link = page.getByRole('link', { name: /カレンダーアプリで購読する/ });
  const href = await link.getAttribute('href');
  expect(href).toMatch(/^webcal:\/\/127\.0\.0\.1:\d+\/jokatsu\/feed\/calendar\.ics$/);
  const ics = await (await page.request.get('feed/calendar.ics')).text();
  expect(ics.startsWith('BEGIN:VCALENDAR\r\n')).toBe(true);
  expect(ics).toContain('TZID:Asia/Tokyo');
  expect(ics).toContain('DTSTART;TZID=Asia/Tokyo:');
});

test('a venue change is marked ahead: in this week\'s list, the themes\' dates and the month calendar, not only on the day', async ({ page, log }) => {
  // Monday 7 December: Wednesday the 9th is held at ときわ市民ホール instead of the usual venue.
  await at(page, '2026-12-07T09:00:00+09:00');
  const home = new HomePage(page);
  await home.goto();
  await test.step("this week's list: Wednesday says what changed, where, and the office's note", async () => {
    const wed = home.week.getByRole('listitem').filter({ has: page.getByRole('heading', { name: /12\/9/ }) });
    await expect(wed.getByTestId('change-badge')).toHaveText('会場変更');
    await expect(wed).toContainText('会場：旭川市ときわ市民ホール');
    await expect(wed).toContainText('この日は会場が ときわ市民ホール になります');
    // no other day of the week is marked
    await expect(home.week.getByTestId('change-badge')).toHaveCount(1);
    await axeLightAndDark(page);
  });
  await test.step("the health theme's next dates mark the 9th", async () => {
    const health = page.getByTestId('theme-dates').locator('[data-theme="health"]');
    await expect(health.getByRole('listitem').first()).toContainText('会場変更');
    await expect(health.getByRole('listitem').nth(1)).not.toContainText('会場変更');
  });
  await test.step('the month calendar: the cell shows it, and its full label says it', async () => {
    await open(page, '#/calendar');
    const cell = page.getByRole('cell', { name: /^2026年12月9日（水） 健康のこと.*（会場変更）/ });
    await expect(cell).toBeVisible();
    expect((await cell.locator('[aria-hidden="true"]').allInnerTexts()).join('').replace(/\s+/g, '')).toBe('9健康会場変更＋夜間');
    await expect(page.getByRole('cell', { name: /^2026年12月16日（水）/ })).not.toContainText('会場変更');
    await axeLightAndDark(page);
  });
  await test.step('in English', async () => {
    await page.getByRole('button', { name: 'English' }).click();
    await expect(page.getByRole('cell', { name: /^Wed 9 Dec 2026 .*\(Changed venue\)/ })).toContainText('New venue');
  });
});

test('a substitute holiday reads 振替休日, a day between two holidays 国民の休日', async ({ page, log }) => {
  await at(page, '2027-03-01T09:00:00+09:00');
  await open(page, '#/calendar');
  await expect(page.getByRole('cell', { name: /^2027年3月22日（月） 休み（祝日：振替休日）/ })).toHaveAttribute('data-state', 'closed');
  await expect(page.getByText('祝日：休日')).toHaveCount(0);
  await at(page, '2026-09-01T09:00:00+09:00');
  await page.goto('about:blank');
  await open(page, '#/calendar');
  await expect(page.getByRole('cell', { name: /^2026年9月22日（火） 休み（祝日：国民の休日）/ })).toHaveAttribute('data-state', 'closed');
});
