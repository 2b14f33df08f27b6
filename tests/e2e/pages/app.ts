// Page objects, shared by every spec: each page of the app as the person using it sees it,
// through roles, labels and (where nothing else names a thing) test ids. This file: what
// every page shares (the heading, the tab bar, the footer's feed line, notices, the
// language switch), and a second phone.
import { Browser, BrowserContext, BrowserContextOptions, Locator, Page } from '@playwright/test';
import { expect, open } from '../specs/fixtures';

export class AppPage {
  constructor(readonly page: Page) {}

  /** Opens a page file and/or hash route and waits until the app has drawn it. */
  async open(route = '#/') {
    await open(this.page, route);
  }
  /** The page's one level-1 heading. */
  heading(): Locator {
    return this.page.getByRole('heading', { level: 1 });
  }
  /** The holder pages' tab bar. */
  nav(): Locator {
    return this.page.getByRole('navigation', { name: 'メインメニュー' });
  }
  /** The language switch: 'English' in Japanese, '日本語' in English. */
  languageButton(name: 'English' | '日本語'): Locator {
    return this.page.getByRole('button', { name });
  }
  /** The footer's line on the city's data: when it was published and last fetched. */
  freshness(): Locator {
    return this.page.getByTestId('freshness');
  }
  /** Waits until the feed is loaded (the footer says when it was fetched). */
  async feedLoaded() {
    await expect(this.freshness()).toContainText('最終更新');
  }
  feedInfo(): Locator {
    return this.page.getByTestId('feed-info');
  }
  /** A problem with the feed (offline, a bad answer), shown calmly. */
  feedNotice(): Locator {
    return this.page.getByTestId('feed-notice');
  }
  /** A key list or used data refused (not signed, rolled back). */
  trustNotice(): Locator {
    return this.page.getByTestId('trust-notice');
  }
  /** Stored records that were set aside as damaged. */
  quarantineNotice(): Locator {
    return this.page.getByTestId('quarantine-notice');
  }
  /** A question the app asks before doing something (confirm, used?, undo…). */
  alertDialog(): Locator {
    return this.page.getByRole('alertdialog');
  }
  /** A sheet over the page (a ticket's QR, giving a ticket). */
  dialog(): Locator {
    return this.page.getByRole('dialog');
  }
}

/** The browser's profile of a phone in Japan, as in playwright.config.ts. */
export const PHONE: BrowserContextOptions = {
  locale: 'ja-JP',
  timezoneId: 'Asia/Tokyo',
  viewport: { width: 390, height: 844 },
};

/** Another person's phone: a browser context of its own (its own storage). */
export async function newPhone(browser: Browser, options: BrowserContextOptions = {}): Promise<[BrowserContext, Page]> {
  const context = await browser.newContext({ ...PHONE, ...options });
  return [context, await context.newPage()];
}
