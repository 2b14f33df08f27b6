// Issue 26 item 9: a day of the month calendar can be tapped (or reached with Tab and
// Enter): its panel shows the theme, experts, hours, venue and any change, with the today
// card's add-to-calendar (.ics) and reminder; the focus moves to the panel and back.
// The clock is injected: Monday 2026-12-07 09:00 JST (Wednesday the 9th moves venue).
import fs from 'node:fs';
import { test, expect, open, axeLightAndDark } from './fixtures';
import { HomePage } from '../pages';

const MON = new Date('2026-12-07T09:00:00+09:00');
const unfold = (ics: string) => ics.replace(/\r\n[ \t]/g, '');

test.beforeEach(async ({ page }) => {
  await page.clock.setFixedTime(MON);
});

test('a tapped calendar day shows its desk with the venue change, .ics and reminder; Enter on a closed day says why; focus moves and returns', async ({ page, log }) => {
  const home = new HomePage(page);
  await open(page, '#/calendar');
  const panel = home.dayPanel();
  await expect(panel).toHaveCount(0);

  await test.step('tap Wednesday the 9th: the panel, focused, with theme, experts, hours and the new venue', async () => {
    const wed = home.calendarDay(/^2026年12月9日（水） 健康のこと/);
    await wed.click();
    await expect(panel).toBeVisible();
    await expect(panel.getByRole('heading', { level: 2 })).toHaveText('2026年12月9日（水）');
    await expect(panel.getByRole('heading', { level: 2 })).toBeFocused();
    const health = panel.getByRole('article').filter({ has: page.getByRole('heading', { name: /健康のこと/ }) });
    await expect(health.getByTestId('experts')).toHaveText('保健師・助産師・看護師');
    await expect(health).toContainText('10:00–16:00');
    await expect(health.getByTestId('change-badge')).toHaveText('会場変更');
    await expect(health).toContainText('ときわ市民ホール');
    await axeLightAndDark(page);

    await test.step('add to calendar, then with the reminder an hour before', async () => {
      let pending = page.waitForEvent('download');
      await health.getByRole('button', { name: /カレンダーに追加（\.ics）/ }).click();
      let download = await pending;
      expect(download.suggestedFilename()).toBe('jokatsu-2026-12-09-health.ics');
      let ics = unfold(fs.readFileSync((await download.path())!, 'utf8'));
      expect(ics).toContain('DTSTART;TZID=Asia/Tokyo:20261209T100000\r\n');
      expect(ics).not.toContain('BEGIN:VALARM');
      await expect(health.getByTestId('calendar-status')).toContainText('保存しました');
      await health.getByLabel('1時間前に通知する').check();
      pending = page.waitForEvent('download');
      await health.getByRole('button', { name: /カレンダーに追加（\.ics）/ }).click();
      download = await pending;
      ics = unfold(fs.readFileSync((await download.path())!, 'utf8'));
      expect(ics).toContain('BEGIN:VALARM\r\nACTION:DISPLAY\r\nTRIGGER:-PT60M\r\n');
    });

    await test.step('closing the panel returns the focus to the day', async () => {
      await panel.getByRole('button', { name: '閉じてカレンダーに戻る' }).click();
      await expect(panel).toHaveCount(0);
      await expect(wed).toBeFocused();
    });
  });

  await test.step('keyboard only: Enter on Saturday the 12th says it is closed, why, and the next opening', async () => {
    const sat = home.calendarDay(/^2026年12月12日（土）/);
    await sat.focus();
    await page.keyboard.press('Enter');
    await expect(panel.getByRole('heading', { level: 2 })).toBeFocused();
    await expect(panel.getByTestId('day-status')).toHaveText('この日はお休みです');
    await expect(panel.getByTestId('day-closed-reason')).not.toBeEmpty();
    await expect(panel.getByTestId('day-next-opening')).toContainText('2026年12月14日（月）');
    await expect(panel.getByRole('article')).toHaveCount(0);
    await axeLightAndDark(page);
    await page.keyboard.press('Tab');
    await expect(panel.getByRole('button', { name: '閉じてカレンダーに戻る' })).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(sat).toBeFocused();
  });

  await test.step('a day already over (Tuesday the 1st) shows its desk but nothing to add to a calendar', async () => {
    await home.calendarDay(/^2026年12月1日（火）/).click();
    await expect(panel.getByTestId('day-past')).toHaveText('この日は終わりました。');
    await expect(panel.getByRole('article').first()).toContainText('コミュニケーション');
    await expect(panel.getByRole('button', { name: /カレンダーに追加/ })).toHaveCount(0);
  });

  await test.step('changing month closes the panel', async () => {
    await home.calendarDay(/^2026年12月9日/).click();
    await expect(panel).toBeVisible();
    await page.getByRole('button', { name: /次の月/ }).click();
    await expect(panel).toHaveCount(0);
  });
});
