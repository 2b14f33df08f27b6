// The city office (office.html, the internal bundle, served under /office/): key files,
// issuing a month from a roster, settling the shops' claims, signing the used data, the
// feed editor.
import { Locator } from '@playwright/test';
import { expect, ORIGIN } from '../specs/fixtures';
import { AppPage } from './app';

/** The passphrase of the demo key files in fixtures/. */
export const DEMO_PASSPHRASE = 'demo-passphrase-2026';

/** This month in Japan, `YYYY-MM`. */
export function thisMonth(): string {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Tokyo', year: 'numeric', month: '2-digit' }).formatToParts(new Date());
  return `${parts.find((p) => p.type === 'year')!.value}-${parts.find((p) => p.type === 'month')!.value}`;
}

/** The month before this one in Japan, `YYYY-MM` (what the settlement card starts with). */
export function previousMonth(): string {
  const [y, m] = thisMonth().split('-').map(Number);
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
}

export class OfficePage extends AppPage {
  async goto() {
    await this.page.goto(`${ORIGIN}/office/office.html`);
  }
  /** The passphrase of the key being opened (card 1; key set-up has its own field). */
  passphrase(): Locator {
    return this.page.getByRole('region', { name: '1. 鍵を開く' }).getByLabel('パスフレーズ（12文字以上）');
  }
  /** The key that is open: `office-key` names it. */
  openedKey(): Locator {
    return this.page.getByTestId('office-key');
  }
  /** Opens a key file with its passphrase and waits until the page names the key. */
  async openKey(file: string, name: string, passphrase = DEMO_PASSPHRASE) {
    await this.passphrase().fill(passphrase);
    await this.page.getByLabel('鍵ファイルを開く').setInputFiles(file);
    await expect(this.openedKey()).toContainText(name);
  }

  // Issuing a month.
  async loadRoster(file: string) {
    await this.page.getByLabel('名簿（CSV, Excel で保存したもの）').setInputFiles(file);
  }
  /** Issues real (not DEMO-flagged) tickets for `month`, their links to `linkBase`. */
  async issue(month: string, linkBase: string) {
    await this.page.getByLabel('発行する月（例 2026-12）').fill(month);
    await this.page.getByLabel('アプリのアドレス（受け取りリンク用）').fill(linkBase);
    await this.page.getByLabel('見本（DEMO）として発行する').uncheck();
    await this.page.getByRole('button', { name: '発行する', exact: true }).click();
  }
  /** One row per recipient issued. */
  issuedRows(): Locator {
    return this.page.getByTestId('issued-row');
  }
  /** The recipients' receive links. */
  issuedLinks(): Locator {
    return this.page.getByTestId('issued-link');
  }
  saveRegisterButton(): Locator {
    return this.page.getByRole('button', { name: '発行台帳を保存（必ず）' });
  }

  // Shops' claim keys.
  /** Registers a shop's claim key from the text its desk shows. */
  async registerShopKey(registration: string) {
    const before = await this.shopKeyRows().count();
    await this.page.getByLabel('登録用の文字列（1行に1つ）').fill(registration);
    await this.page.getByRole('button', { name: '登録する', exact: true }).click();
    await expect(this.shopKeyRows()).toHaveCount(before + 1);
  }
  /** One row per registered shop key. */
  shopKeyRows(): Locator {
    return this.page.getByTestId('shop-key-row');
  }
  saveShopKeysButton(): Locator {
    return this.page.getByRole('button', { name: '店舗鍵一覧を保存' });
  }
  /** The numbered guide at the top: which card first, which next. */
  guide(): Locator {
    return this.page.getByTestId('office-guide');
  }
  /** Card 2 (roster and register): its status line says what was read and what is next. */
  rosterCard(): Locator {
    return this.page.getByRole('region', { name: '2. 名簿と発行台帳' });
  }

  // Settling the shops' claims.
  settleCard(): Locator {
    return this.page.getByRole('region', { name: '5. お店の請求を精算する' });
  }
  settleMonth(): Locator {
    return this.page.getByLabel('精算する月（例 2026-12）');
  }
  /** Chooses claim files without settling (a wrong file is refused as it is chosen). */
  async chooseClaims(files: string[]) {
    await this.page.getByLabel('お店の請求ファイル（複数可）').setInputFiles(files);
  }
  /** A payouts row per shop: name, id, tickets, amount. */
  payoutRows(): Locator {
    return this.payouts().locator('tbody tr');
  }
  /** The note when no register is loaded and recipients show as unknown. */
  recipientUnknown(): Locator {
    return this.page.getByTestId('settle-recipient-unknown');
  }
  /** The note when the month settled is not the claims' month. */
  monthNote(): Locator {
    return this.page.getByTestId('settle-month-note');
  }
  /** What to do after a settlement. */
  settleNext(): Locator {
    return this.page.getByTestId('settle-next');
  }
  /** Loads the office's shop master (a certified-shop CSV in the feed editor's columns)
   *  in the settle card; the page keeps it and shows its shop count. */
  async loadShopMaster(file: string) {
    await this.page.getByLabel('店舗マスター（事務局の認定店舗 CSV。お店はこの一覧と照合します）').setInputFiles(file);
    await expect(this.shopMaster()).toContainText(/店舗マスター: \d+店舗/);
  }
  /** The stored shop master's line: count, file and the day it was loaded (or none). */
  shopMaster(): Locator {
    return this.page.getByTestId('shop-master');
  }
  /** How the opened feed's shops differ from the shop master (absent when they do not). */
  shopMasterDifferences(): Locator {
    return this.page.getByTestId('shop-master-differences');
  }
  settleButton(): Locator {
    return this.page.getByRole('button', { name: '精算する', exact: true });
  }
  async settle(feedFile: string, month: string, claims: string[]) {
    await this.page.getByLabel('配信データを開く').setInputFiles(feedFile);
    await this.page.getByLabel('精算する月（例 2026-12）').fill(month);
    await this.page.getByLabel('お店の請求ファイル（複数可）').setInputFiles(claims);
    await expect(this.page.getByTestId('claims-count')).toContainText(String(claims.length));
    await this.page.getByRole('button', { name: '精算する', exact: true }).click();
  }
  payouts(): Locator {
    return this.page.getByTestId('payouts');
  }
  /** The run's summary (or the reason it could not run), with every refused claim file
   *  and its reason (a signature refusal ends with its code). */
  settleSummary(): Locator {
    return this.page.getByTestId('settle-summary');
  }
  /** Claim files refused as a whole, each with its reason (absent when none was). */
  refusedFiles(): Locator {
    return this.page.getByTestId('refused-files');
  }
  duplicates(): Locator {
    return this.page.getByTestId('duplicates');
  }
  /** Tickets two shops claimed that the evidence could not decide. */
  reviews(): Locator {
    return this.page.getByTestId('reviews');
  }
}
