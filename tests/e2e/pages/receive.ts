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
  /** Opened in an app's own browser (LINE…): open the link in Safari or Chrome first. */
  inAppNotice(): Locator {
    return this.page.getByTestId('in-app-notice');
  }
  /** The fold that still lets her receive inside the app's browser. */
  receiveHereAnyway(): Locator {
    return this.page.getByText('このまま、ここで受け取る（おすすめしません）');
  }
  /** Copies the link she opened (to paste into another browser or the home-screen app). */
  copyLinkButton(): Locator {
    return this.page.getByRole('button', { name: 'リンクをコピー' }).first();
  }
  /** After receiving: which browser on this phone holds the tickets. */
  whereTickets(): Locator {
    return this.page.getByTestId('where-tickets');
  }
  /** After receiving a month: the city's message brings it back. */
  cityLinkRestores(): Locator {
    return this.page.getByTestId('city-link-restores');
  }
  /** After receiving on an iPhone's Safari: add the app to the home screen. */
  homeScreen(): Locator {
    return this.page.getByTestId('home-screen');
  }
  /** A gift whose name or message could not be read: the ticket is kept. */
  giftTextDropped(): Locator {
    return this.page.getByTestId('gift-text-dropped');
  }
  /** An unreadable link: what to do next. */
  unreadableNext(): Locator {
    return this.page.getByTestId('unreadable-next');
  }
}
