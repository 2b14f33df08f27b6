// Where tickets can be used (d.html): the certified-shop directory.
import { Locator } from '@playwright/test';
import { open } from '../specs/fixtures';
import { AppPage } from './app';

export class DirectoryPage extends AppPage {
  async goto() {
    await open(this.page, 'd.html#/shops');
  }
  shops(): Locator {
    return this.page.getByTestId('shop');
  }
  search(): Locator {
    return this.page.getByLabel('店名で探す');
  }
  area(): Locator {
    return this.page.getByLabel('地域');
  }
}
