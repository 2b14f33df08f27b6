// Giving and receiving a gift, second look: words that match what happens when a gift
// reaches two people, the keyboard inside the sheets (focus after 渡す, the safe answer
// after a QR), and a damaged gift link (the intact ticket is kept; an unreadable one says
// what to do next).
import { test, expect, axeLightAndDark } from './fixtures';
import { demoBundle } from '../files';
import { ReceivePage, WalletPage } from '../pages';

const NOV = new Date('2026-11-24T10:00:00+09:00');
const inSheet = () => !!document.activeElement?.closest('[data-testid="ticket-sheet"]');

test.beforeEach(async ({ page }) => {
  await page.clock.setFixedTime(NOV);
});

test('keyboard only: after 渡す the focus stays in the sheet; Esc on a QR puts the focus on 「いいえ、まだ」', async ({ page, log }) => {
  const w = new WalletPage(page);
  await w.goto();
  await w.loadDemoMonth();
  await test.step('give with the keyboard: the focus lands on the gift\'s next step, Tab stays inside', async () => {
    await w.giveButton(w.tickets().first()).focus();
    await page.keyboard.press('Enter');
    await expect(w.dialog()).toBeVisible();
    // The sheet puts the focus on its close button as it opens (on the next frame): typed
    // into the name before that, the Enter below would land on 閉じる.
    await expect(w.closeButton()).toBeFocused();
    await w.fillGift({ to: '佐藤さん' });
    await page.keyboard.press('Enter'); // submits the form: the confirm step
    await expect(w.giftConfirmButton()).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(w.giftLink()).toBeVisible();
    await expect(w.dialog().getByRole('button', { name: 'リンクを送る・コピー' })).toBeFocused();
    for (let i = 0; i < 6; i++) {
      await page.keyboard.press('Tab');
      expect(await page.evaluate(inSheet), `Tab ${i + 1}`).toBe(true);
    }
    await page.keyboard.press('Escape');
    await expect(w.dialog()).toHaveCount(0);
  });
  await test.step("Esc on a ticket's QR: asked whether it was used, the safe answer focused; Enter changes nothing", async () => {
    const show = w.showQrButton(w.tickets().first());
    await show.focus();
    await page.keyboard.press('Enter');
    await expect(w.ticketQr()).toBeVisible();
    await page.keyboard.press('Escape');
    const ask = w.alertDialog();
    await expect(ask).toContainText('使いましたか？');
    await expect(ask.getByRole('button', { name: 'いいえ、まだ使っていません' })).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(ask).toHaveCount(0);
    await expect(show).toBeFocused();
    await expect(w.balance()).toHaveText('19,000円');
  });
});

test('a gift that may reach two people: the sheet, the receiver and the undo say what really happens', async ({ page, log }) => {
  const w = new WalletPage(page);
  await w.goto();
  await w.loadDemoMonth();
  await w.giveButton(w.tickets().first()).click();
  await expect(w.dialog()).toContainText('2人が受け取ると、先にお店で使った人のものになります');
  await expect(w.dialog()).not.toContainText('先に受け取った人のもの');
  // the coworker's phone: a wallet without this ticket
  await page.evaluate(() => localStorage.removeItem('jokatsu.wallet'));
  const receive = new ReceivePage(page);
  await receive.open(`r.html#/gift/${demoBundle().tickets[9]}?from=%E5%B1%B1%E7%94%B0`);
  await expect(receive.giftCard()).toContainText('同じリンクをほかの人も受け取っていたら、このチケットは先にお店で使った人のものになります');
  await axeLightAndDark(page);
});

test('a damaged gift link: the intact ticket is received without the unreadable message', async ({ page, log }) => {
  const receive = new ReceivePage(page);
  // the message cut off in the middle of a character, as a chat app may cut a long link
  await receive.open(`r.html#/gift/${demoBundle().tickets[9]}?from=%E5%B1%B1%E7%94%B0&msg=%E3%81%82%E3%82`);
  await receive.feedLoaded();
  await expect(receive.heading()).toHaveText('チケットが届きました');
  await expect(receive.giftCard()).toContainText('山田さんから');
  await expect(receive.giftTextDropped()).toContainText('チケットは無事なので、そのまま受け取れます');
  await receive.acceptGiftButton().click();
  await expect(receive.result()).toContainText('ウォレットに入れました');
  await axeLightAndDark(page);
  const w = new WalletPage(page);
  await receive.walletLink().click();
  await expect(w.balance()).toHaveText('1,000円');
});

test('an unreadable gift link says so in its heading and what to do next', async ({ page, log }) => {
  const receive = new ReceivePage(page);
  const cut = demoBundle().tickets[9].slice(0, 100);
  await receive.open(`r.html#/gift/${cut}`);
  await expect(receive.heading()).toHaveText('リンクを読み取れませんでした');
  await expect(page.getByRole('alert')).toContainText('このリンクは読み取れませんでした');
  await expect(receive.unreadableNext()).toContainText('渡してくれた人に、リンクをもう一度送ってもらってください');
  await expect(page.getByRole('link', { name: 'カメラでQRを読み取る' })).toHaveAttribute('href', /s\.html#\/scan/);
  await expect(receive.acceptGiftButton()).toHaveCount(0);
  await axeLightAndDark(page);
});

test('a gift says until when and where the coworker can use it', async ({ page, log }) => {
  const receive = new ReceivePage(page);
  await receive.open(`r.html#/gift/${demoBundle().tickets[9]}?from=%E5%B1%B1%E7%94%B0`);
  const use = receive.giftCard().getByTestId('gift-use');
  await expect(use).toContainText('期限 2027年1月31日（日）');
  await use.getByRole('link', { name: '使えるお店（こそだてっぴー認定企業）' }).click();
  await expect(receive.heading()).toHaveText('使えるお店');
});
