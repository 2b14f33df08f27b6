// The wallet (w.html): the balance, the tickets and their groups, the QR sheet, giving a
// ticket to a coworker, marking one used, reading a bundle or a code.
import { Locator } from '@playwright/test';
import { expect, open } from '../specs/fixtures';
import { AppPage } from './app';

/** A gift: to whom (kept in her own records), and what the coworker sees. */
export type Gift = { to: string; from?: string; message?: string };

export class WalletPage extends AppPage {
  /** Opens the wallet and waits until the feed is loaded. */
  async goto() {
    await open(this.page, 'w.html#/wallet');
    await this.feedLoaded();
  }
  demoMonthButton(): Locator {
    return this.page.getByRole('button', { name: '見本の1か月分を受け取る' });
  }
  /** Receives the demo month (20 tickets). */
  async loadDemoMonth() {
    await this.demoMonthButton().click();
    await expect(this.notice()).toContainText('受け取りました');
  }
  notice(): Locator {
    return this.page.getByTestId('wallet-notice');
  }
  balance(): Locator {
    return this.page.getByTestId('balance-yen');
  }
  count(): Locator {
    return this.page.getByTestId('balance-count');
  }
  /** "1,000円 × 20枚 · いちばん早い期限 …". */
  summary(): Locator {
    return this.page.getByTestId('wallet-summary');
  }
  expiringSoon(): Locator {
    return this.page.getByTestId('expiring-soon');
  }
  /** The tickets drawn on the page (a folded group's only once it is opened). */
  tickets(): Locator {
    return this.page.getByTestId('ticket');
  }
  /** A folded group: 'done-group' (used or expired), 'given-group', 'moved-group'. */
  group(id: 'done-group' | 'given-group' | 'moved-group'): Locator {
    return this.page.getByTestId(id);
  }
  /** Opens a folded group (its tickets are built when it is first opened). */
  async openGroup(id: 'done-group' | 'given-group' | 'moved-group' = 'done-group') {
    const group = this.group(id);
    await expect(group).toHaveCount(1);
    if ((await group.getAttribute('open')) === null) await group.locator('summary').click();
    await expect(group).toHaveAttribute('open', '');
  }
  /**
   * Waits until a folded group shows `text`, opening it as she would. Right after a
   * reload the page may still be taking in a newer feed whose used data moves tickets
   * between groups; once, on a loaded machine, the group was then found drawn again,
   * closed, after the click (its tickets not built): she would open it once more.
   */
  async expectInGroup(id: 'done-group' | 'given-group' | 'moved-group', text: string) {
    await expect(async () => {
      await this.openGroup(id);
      await expect(this.group(id)).toContainText(text, { timeout: 1000 });
    }).toPass({ timeout: 10000 });
  }
  /** The file input for the office's bundle or a backup. */
  fileInput(): Locator {
    return this.page.getByLabel('ファイルから読み込む（市からのチケット・控え）');
  }
  async importFile(file: string) {
    await this.fileInput().setInputFiles(file);
  }
  /** What reading a file, link or code did. */
  receiveMessage(): Locator {
    return this.page.getByTestId('receive-message');
  }
  /** Pastes a link or code and reads it. */
  async paste(text: string) {
    await this.page.getByLabel('リンクやコードを貼り付け').fill(text);
    await this.page.getByRole('button', { name: '読み込む', exact: true }).click();
  }
  /** A ticket's button that shows its QR full screen. */
  showQrButton(ticket: Locator): Locator {
    return ticket.getByRole('button', { name: 'QRを表示' });
  }
  /** The QR on the full-screen sheet (its `data-ticket` is the ticket text). */
  ticketQr(): Locator {
    return this.page.getByTestId('ticket-qr');
  }
  /** After the QR sheet: "did you use it?". */
  async answerUsed(answer: 'はい、使いました' | 'いいえ、まだ使っていません') {
    await this.alertDialog().getByRole('button', { name: answer }).click();
  }
  /** Marks a ticket used by hand (its 使った button, then the confirmation). */
  async markUsed(ticket: Locator) {
    await ticket.getByRole('button', { name: '使った' }).click();
    await this.alertDialog().getByRole('button', { name: '使用済みにする' }).click();
  }
  /** A ticket's button that opens the gift sheet. */
  giveButton(ticket: Locator): Locator {
    return ticket.getByRole('button', { name: '同僚に渡す' });
  }
  /** The gift sheet's form, filled in (only the fields given). */
  async fillGift(gift: Gift) {
    await this.page.getByLabel('渡す相手（必須・あなたの控え用）').fill(gift.to);
    if (gift.from !== undefined) await this.page.getByLabel('あなたの名前（相手に表示）').fill(gift.from);
    if (gift.message !== undefined) await this.page.getByLabel('ひとことメッセージ').fill(gift.message);
  }
  giftNextButton(): Locator {
    return this.dialog().getByRole('button', { name: '次へ（確認）' });
  }
  giftConfirmButton(): Locator {
    return this.dialog().getByRole('button', { name: '渡す', exact: true });
  }
  /** Gives a ticket through its give button: fills the sheet, confirms, and returns the
   *  gift link (the sheet stays open on its QR). */
  async give(button: Locator, gift: Gift): Promise<string> {
    await button.click();
    await this.fillGift(gift);
    await this.giftNextButton().click();
    await this.giftConfirmButton().click();
    return (await this.giftLink().getAttribute('href'))!;
  }
  giftLink(): Locator {
    return this.page.getByTestId('gift-link');
  }
  closeButton(): Locator {
    return this.page.getByRole('button', { name: '閉じる' });
  }
  /** To the backup page. */
  backupLink(): Locator {
    return this.page.getByRole('link', { name: '控え・機種変更・ありがとうの記録' });
  }
}
