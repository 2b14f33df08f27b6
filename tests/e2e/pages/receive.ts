// Links that carry tickets (r.html; w.html#/receive/… and #/gift/… lead there): a month's
// bundle from the office, a coworker's gift, a single ticket to look at.
import { Locator } from '@playwright/test';
import { AppPage } from './app';

export class ReceivePage extends AppPage {
  /** A bundle's button: put the month into the wallet. */
  addButton(): Locator {
    return this.page.getByRole('button', { name: 'ウォレットに入れる' });
  }
  /** A gift's button: accept it. */
  acceptGiftButton(): Locator {
    return this.page.getByRole('button', { name: '受け取る' });
  }
  /** What adding or accepting did. */
  result(): Locator {
    return this.page.getByTestId('receive-result');
  }
  /** The gift's card: who it is from, her message. */
  giftCard(): Locator {
    return this.page.getByTestId('gift-card');
  }
  /** A gift opened again: already received. */
  giftKnown(): Locator {
    return this.page.getByTestId('gift-known');
  }
  /** On to the wallet. */
  walletLink(): Locator {
    return this.page.getByRole('link', { name: 'ウォレットを見る' });
  }
  /** A single ticket's verdict (valid, forged, …). */
  verdict(): Locator {
    return this.page.getByTestId('verdict');
  }
}
