// Issue 26 item 6: 子育て has a way in (home and the self-check list), and the triage result
// is full: no empty 「結果」 card, each worry she chose with its own desk day, and the
// 相談メモ lists the worries. The clock is injected: 2026-12-01 (Tue) 10:00 JST.
import { test, expect, open, axeLightAndDark } from './fixtures';
import { ChecksPage } from '../pages';

const TUE = new Date('2026-12-01T10:00:00+09:00');

// After the first question (子育て, chosen on the list): wanted help 話し合い, work change
// no, quarrels yes, body no, time/money no, own business no. Career 3, communication 3:
// the main worry decides (career), communication is her second worry.
const AFTER_CHILDCARE = [
  '相手との話し合い方や関係を整理したい',
  'いいえ', 'はい', 'いいえ', 'いいえ', 'いいえ',
];

test.beforeEach(async ({ page }) => {
  await page.clock.setFixedTime(TUE);
});

test('子育て is a visible way in; two worries (子育て/キャリア + 話し合い) get a day each, and the 相談メモ lists both', async ({ page, log }) => {
  const c = new ChecksPage(page);

  await test.step('home names 子育て and leads to the self-checks', async () => {
    await open(page, '#/');
    const link = page.getByTestId('worry-link');
    await expect(link).toContainText('子育て');
    await link.click();
    await expect(page).toHaveURL(/c\.html#\/check$/);
  });

  await test.step('the list offers the worries as buttons, 子育て first; axe light and dark', async () => {
    await c.openList();
    const choices = c.worryChoices();
    await expect(choices).toContainText('いま、いちばん気になっていることに近いものは？');
    await expect(choices.getByRole('button')).toHaveCount(5);
    await expect(choices.getByRole('button').first()).toContainText('子育て');
    await axeLightAndDark(page);
  });

  await test.step('a tap on 子育て starts the triage at question 2 (the first is answered)', async () => {
    await c.worryChoices().getByRole('button', { name: /子育て/ }).click();
    await expect(page).toHaveURL(/c\.html#\/check\/worry-triage$/);
    await expect(c.step()).toHaveText('質問 2 / 7');
    for (const [i, label] of AFTER_CHILDCARE.entries()) {
      await expect(c.step()).toHaveText(`質問 ${i + 2} / 7`);
      await c.choose(label);
      await c.next();
    }
  });

  await test.step('the result card lists both worries; a desk day for each, not only Monday', async () => {
    await expect(page).toHaveURL(/c\.html#\/result\/worry-triage-\d+$/);
    const card = page.getByRole('region', { name: '結果' });
    await expect(card).toBeVisible();
    await expect(c.worries()).toHaveText(['子育てと仕事の両立・キャリア', '家族や職場の人との話し合い']);
    const desk = c.nextDesk();
    await expect(desk.getByTestId('recommended-theme')).toHaveText(['月曜：キャリア', '火曜：家族や職場の人とのコミュニケーション']);
    await expect(desk.getByTestId('next-date').nth(0)).toContainText('2026年12月7日（月）');
    // Tuesday's desk is today.
    await expect(desk.getByTestId('next-date').nth(1)).toContainText('2026年12月1日（火）');
    await expect(desk.getByTestId('next-date').nth(1)).toContainText('今日');
    await expect(desk.getByRole('button', { name: /カレンダーに追加（\.ics）/ })).toHaveCount(2);
    const pending = page.waitForEvent('download');
    await desk.getByRole('button', { name: /カレンダーに追加（\.ics）.*12\/7/ }).click();
    expect((await pending).suggestedFilename()).toBe('jokatsu-2026-12-07-career.ics');
    await expect(desk.getByTestId('next-desk-status')).toContainText('保存しました');
    await axeLightAndDark(page);
  });

  await test.step('the 相談メモ lists the worries she chose and a desk for each', async () => {
    await open(page, 'm.html#/memo');
    const entry = page.getByTestId('memo-entry').first();
    await expect(entry).toContainText('選んだ気がかり：子育てと仕事の両立・キャリア、家族や職場の人との話し合い');
    await expect(entry).toContainText('相談先の目安：月曜：キャリア');
    await expect(entry).toContainText('相談先の目安：火曜：家族や職場の人とのコミュニケーション');
    await axeLightAndDark(page);
  });
});
