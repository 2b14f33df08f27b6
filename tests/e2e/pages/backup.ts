// The backup page (b.html): the backup file out and back in, moving to a new phone (the
// transfer file), the expiry reminder, the thank-you log.
import { Locator } from '@playwright/test';
import { open } from '../specs/fixtures';
import { AppPage } from './app';

export class BackupPage extends AppPage {
  async goto() {
    await open(this.page, 'b.html#/backup');
  }
  /** How many tickets the wallet holds, as the page says. */
  count(): Locator {
    return this.page.getByTestId('backup-count');
  }
  /** What the last action did (saved, added, refused…). */
  message(): Locator {
    return this.page.getByTestId('backup-message');
  }
  exportButton(): Locator {
    return this.page.getByRole('button', { name: '控えを書き出す' });
  }
  /** The backup file input, next to the export. */
  restoreInput(): Locator {
    return this.page.getByLabel('控えから戻す（ファイルを選ぶ）');
  }
  /** On the old phone: save the transfer file (asked first). */
  moveButton(): Locator {
    return this.page.getByRole('button', { name: '移行用ファイルを保存する（前の端末で）' });
  }
  /** On the new phone: the transfer file input. */
  transferInput(): Locator {
    return this.page.getByLabel('移行用ファイルを受け取る（新しい端末で）');
  }
  /** On the old phone after a move: how many tickets went. */
  movedNotice(): Locator {
    return this.page.getByTestId('moved-notice');
  }
  undoMoveButton(): Locator {
    return this.page.getByRole('button', { name: '移行を取り消す' });
  }
  thanksLog(): Locator {
    return this.page.getByTestId('thanks-log');
  }
  walletLink(): Locator {
    return this.page.getByRole('link', { name: 'ウォレットに戻る' });
  }
}
