// Shop mode at the till (shop.html): check a ticket (pasted, by camera, from a photo), the
// offline verdict, accept, undo.
import { Locator } from '@playwright/test';
import { expect } from '../specs/fixtures';
import { AppPage } from './app';

export class ShopPage extends AppPage {
  /** The verdict on the last ticket checked (`data-state`, `data-verdict`). */
  verdict(): Locator {
    return this.page.getByTestId('verdict');
  }
  verdictAmount(): Locator {
    return this.page.getByTestId('verdict-amount');
  }
  /** For a ticket redeemed before: when and with which transaction number. */
  verdictEarlier(): Locator {
    return this.page.getByTestId('verdict-earlier');
  }
  /** Types or pastes a ticket's code or link and checks it. */
  async paste(text: string) {
    await this.page.getByLabel('チケットのコードやリンクを貼り付け・入力').fill(text);
    await this.page.getByRole('button', { name: '確認する', exact: true }).click();
  }
  acceptButton(): Locator {
    return this.page.getByRole('button', { name: '受け付ける' });
  }
  /** Accepts the checked ticket: it is redeemed. */
  async accept() {
    await this.acceptButton().click();
    await expect(this.verdict()).toHaveAttribute('data-state', 'redeemed');
  }
  /** Pastes a ticket and accepts it. */
  async pasteAndAccept(text: string) {
    await this.paste(text);
    await this.accept();
  }
  cameraButton(): Locator {
    return this.page.getByRole('button', { name: 'カメラでQRを読み取る' });
  }
  stopCameraButton(): Locator {
    return this.page.getByRole('button', { name: 'カメラを止める' });
  }
  /** A photo of a QR, when the camera cannot read it. */
  photoInput(): Locator {
    return this.page.getByTestId('photo-input');
  }
  undoButton(): Locator {
    return this.page.getByRole('button', { name: '受付を取り消す' });
  }
  /** After the undo window: what to do instead (contact the office). */
  undoPassed(): Locator {
    return this.page.getByTestId('undo-passed');
  }
  /** The one line about the city data the verdicts rely on (age, offline). */
  dataNotice(): Locator {
    return this.page.getByTestId('data-notice');
  }
  /** The app's sticky header (the first screen's top edge below it). */
  header(): Locator {
    return this.page.locator('.app-header');
  }
  /** The verdict's link to the till's set-up (a till not set up judges nothing). */
  setUpLink(): Locator {
    return this.verdict().getByRole('link', { name: 'お店と端末を設定する' });
  }
}
