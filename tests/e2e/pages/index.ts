// Every page object (see app.ts).
export { AppPage, PHONE, newPhone } from './app';
export { BackupPage } from './backup';
export { ChecksPage, HISTORY_KEY, PROGRESS_KEY } from './checks';
export { DirectoryPage } from './directory';
export { HomePage } from './home';
export { DEMO_PASSPHRASE, OfficePage, previousMonth, thisMonth } from './office';
export { ReceivePage } from './receive';
export { ScanPage } from './scan';
export { ShopDeskPage } from './shop-desk';
export type { Till } from './shop-desk';
export { ShopPage } from './shop';
export { WalletPage } from './wallet';
export type { Gift } from './wallet';
