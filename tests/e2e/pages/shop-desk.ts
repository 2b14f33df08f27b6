// Shop mode's back office (shop-desk.html; shop.html#/shop/setup and #/shop/ledger lead
// there): the till's setup, the ledger, the month's claim export.
import { Download, Locator } from '@playwright/test';
import { expect, open } from '../specs/fixtures';
import { AppPage } from './app';

/** A till: the shop (found by `search`, chosen by its name) and the device's name. */
export type Till = { search: string; shop: string; device?: string; options?: number };

export class ShopDeskPage extends AppPage {
  async openSetup() {
    await open(this.page, 'shop.html#/shop/setup');
  }
  /** The back office as its own address, without a screen named. */
  async openDesk() {
    await open(this.page, 'shop-desk.html');
  }
  searchBox(): Locator {
    return this.page.getByLabel('店名・かな・種類・地域で探す');
  }
  /** The shops the search finds. */
  shopOptions(): Locator {
    return this.page.getByTestId('shop-option');
  }
  saveButton(): Locator {
    return this.page.getByRole('button', { name: '保存する' });
  }
  /** The till's shop and device name, as set up. */
  tillWho(): Locator {
    return this.page.getByTestId('till-who');
  }
  /** Sets up the till on this device; with `options`, first checks that the search finds
   *  that many shops. */
  async setUp(till: Till) {
    await this.openSetup();
    await this.feedLoaded();
    await this.searchBox().fill(till.search);
    if (till.options !== undefined) await expect(this.shopOptions()).toHaveCount(till.options);
    await this.page.getByLabel(till.shop).check();
    await this.page.getByLabel('端末名').fill(till.device ?? 'レジ1');
    await this.saveButton().click();
    await expect(this.page.getByTestId('setup-notice')).toContainText('保存しました');
  }
  /** The shop's claim signing key (made when the till is first set up): the text the
   *  shop sends the office to register it. Opens the set-up screen. */
  async registrationText(): Promise<string> {
    await this.openSetup();
    const text = this.page.getByTestId('claim-key-registration');
    await expect(text).toHaveValue(/^JKSHOPKEY1:/);
    return (await text.inputValue()).trim();
  }
  /** The key's fingerprint as the set-up screen shows it. */
  claimKeyFingerprint(): Locator {
    return this.page.getByTestId('claim-key-fingerprint');
  }
  async openLedger() {
    await this.page.goto('shop.html#/shop/ledger');
  }
  ledgerRows(): Locator {
    return this.page.getByTestId('ledger-row');
  }
  monthInput(): Locator {
    return this.page.getByLabel('請求する月');
  }
  exportButton(): Locator {
    return this.page.getByRole('button', { name: '請求データを書き出す' });
  }
  exportAgainButton(): Locator {
    return this.page.getByRole('button', { name: 'もう一度書き出す' });
  }
  claimPending(): Locator {
    return this.page.getByTestId('claim-pending');
  }
  ledgerNotice(): Locator {
    return this.page.getByTestId('ledger-notice');
  }
  /** What an export wrote: the claim, the file to send, the file to keep. */
  claimResult(): Locator {
    return this.page.getByTestId('claim-result');
  }
  /** Sends the claim's JSON to the office (share sheet, else a download). */
  sendButton(): Locator {
    return this.page.getByRole('button', { name: '事務局へ送る（共有・メール）' });
  }
  /** The month is not over: the export asks first. */
  earlyConfirm(): Locator {
    return this.page.getByTestId('claim-early');
  }
  /** Exports the claim of a month that is not over, confirming it. */
  async exportEarly() {
    await this.exportButton().click();
    await this.earlyConfirm().getByRole('button', { name: 'いま書き出す' }).click();
  }
  /** Clicks an export button and returns the claim's two files (JSON and CSV). */
  async claimDownloads(click: () => Promise<void>): Promise<{ json: Download; csv: Download }> {
    const downloads: Download[] = [];
    const got = new Promise<void>((resolve) => {
      this.page.on('download', (d) => { downloads.push(d); if (downloads.length === 2) resolve(); });
    });
    await click();
    await got;
    this.page.removeAllListeners('download');
    return {
      json: downloads.find((d) => d.suggestedFilename().endsWith('.json'))!,
      csv: downloads.find((d) => d.suggestedFilename().endsWith('.csv'))!,
    };
  }
}
