// The holder's scanner (s.html): a ticket, gift or bundle QR by camera or from a photo.
import { Locator } from '@playwright/test';
import { open } from '../specs/fixtures';
import { AppPage } from './app';

export class ScanPage extends AppPage {
  async goto() {
    await open(this.page, 's.html#/scan');
  }
  cameraButton(): Locator {
    return this.page.getByRole('button', { name: 'カメラでQRを読み取る' });
  }
  /** Why the camera cannot be used. */
  problem(): Locator {
    return this.page.getByTestId('scanner-problem');
  }
  /** The photo or screenshot input (by its test id). */
  photoInput(): Locator {
    return this.page.getByTestId('photo-input');
  }
  /** The same input, by its label. */
  photoInputByLabel(): Locator {
    return this.page.getByLabel('写真・スクリーンショットから読み取る');
  }
  /** Why a photo gave nothing. */
  photoProblem(): Locator {
    return this.page.getByTestId('photo-problem');
  }
  /** The way without a camera: paste a link or code, or open a file. */
  manualLink(): Locator {
    return this.page.getByRole('link', { name: 'リンクやコードを貼り付ける・ファイルから読み込む' });
  }
}
