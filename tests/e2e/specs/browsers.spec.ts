// Where her tickets live (r.html): a month's link opened in an app's own browser (LINE,
// Instagram…) asks her to open it in Safari or Chrome before anything is stored; after
// receiving, the page says which browser on this phone holds the tickets and that the
// city's message brings the month back; Safari on an iPhone guides her to the home screen.
import { test, expect, axeLightAndDark } from './fixtures';
import { demoBundle, demoBundleText } from '../files';
import { ReceivePage } from '../pages';

const NOV = new Date('2026-11-24T10:00:00+09:00');
const UA = {
  iphoneLine: 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 Safari Line/14.9.0',
  androidInstagram: 'Mozilla/5.0 (Linux; Android 14; Pixel 8 Build/AP2A.240605.024; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/126.0.6478.71 Mobile Safari/537.36 Instagram 337.0.0.35.102 Android (34/14; 420dpi; 1080x2400; Google/google; Pixel 8; shiba; shiba; ja_JP; 614225830)',
  iphoneSafari: 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1',
  androidChrome: 'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.6478.71 Mobile Safari/537.36',
};
const wallet = () => localStorage.getItem('jokatsu.wallet');

test.beforeEach(async ({ page }) => {
  await page.clock.setFixedTime(NOV);
});

test.describe("LINE's own browser on an iPhone", () => {
  test.use({ userAgent: UA.iphoneLine, permissions: ['clipboard-read', 'clipboard-write'] });

  test('a month from the city: asked to open it in Safari, with how, before anything is stored', async ({ page, log }) => {
    const receive = new ReceivePage(page);
    await receive.open(`r.html#/receive/${demoBundleText()}`);
    await receive.feedLoaded();
    const notice = receive.inAppNotice();
    await test.step('the notice: why (LINE keeps its own storage), and how', async () => {
      await expect(notice.getByRole('heading')).toHaveText('Safariで開き直してください');
      await expect(notice).toContainText('LINEの中にだけ保存され、Safariからは見えません');
      await expect(notice).toContainText('「ブラウザで開く」または「Safariで開く」');
      // LINE's own switch to the phone's browser, the tickets still in the fragment
      const open = notice.getByRole('link', { name: 'ブラウザで開く' });
      await expect(open).toHaveAttribute('href', /r\.html\?openExternalBrowser=1#\/receive\/JKB1:/);
      await axeLightAndDark(page);
    });
    await test.step('nothing is stored, and the receive button waits behind a fold', async () => {
      await expect(receive.addButton()).toBeHidden();
      expect(await page.evaluate(wallet)).toBeNull();
    });
    await test.step('"copy the link" copies the very link she opened, tickets and all', async () => {
      await receive.copyLinkButton().click();
      await expect(notice).toContainText('コピーしました。Safariを開き');
      const copied = await page.evaluate(() => navigator.clipboard.readText());
      expect(copied).toContain(`r.html#/receive/${demoBundleText()}`);
      expect(await page.evaluate(wallet)).toBeNull();
    });
    await test.step('receiving here anyway is still possible, and says where the tickets are', async () => {
      await receive.receiveHereAnyway().click();
      await receive.addButton().click();
      await expect(receive.result()).toContainText('20枚を受け取りました');
      await expect(receive.whereTickets()).toHaveText(/このスマホのLINEの中に保存されました/);
      // LINE is not Safari: no home-screen guide there
      await expect(receive.homeScreen()).toHaveCount(0);
    });
  });
});

test.describe("Instagram's own browser on Android", () => {
  test.use({ userAgent: UA.androidInstagram });

  test("a coworker's gift: asked to open it in Chrome first", async ({ page, log }) => {
    const receive = new ReceivePage(page);
    await receive.open(`r.html#/gift/${demoBundle().tickets[3]}?from=%E5%B1%B1%E7%94%B0`);
    await expect(receive.giftCard()).toContainText('山田さんから');
    await expect(receive.inAppNotice().getByRole('heading')).toHaveText('Chromeで開き直してください');
    await expect(receive.inAppNotice()).toContainText('Instagramの中にだけ保存され');
    // no LINE switch here; copying the link is the way
    await expect(receive.inAppNotice().getByRole('link')).toHaveCount(0);
    await expect(receive.acceptGiftButton()).toBeHidden();
    expect(await page.evaluate(wallet)).toBeNull();
  });
});

test.describe('Safari on an iPhone', () => {
  test.use({ userAgent: UA.iphoneSafari });

  test('after receiving: where the tickets live, the city message brings them back, and the home screen', async ({ page, log }) => {
    const receive = new ReceivePage(page);
    await receive.open(`r.html#/receive/${demoBundleText()}`);
    await receive.feedLoaded();
    await expect(receive.inAppNotice()).toHaveCount(0);
    // before receiving, no advice yet: it comes when it matters
    await expect(receive.homeScreen()).toHaveCount(0);
    await receive.addButton().click();
    await expect(receive.result()).toContainText('20枚を受け取りました');
    await expect(receive.whereTickets()).toHaveText(/このスマホのSafariの中に保存されました。ほかのブラウザやアプリ、ほかのスマホからは見えません/);
    await expect(receive.cityLinkRestores()).toContainText('市から届いたメッセージのこのリンクをもう一度開けば、まだ使っていないチケットが戻ります');
    const home = receive.homeScreen();
    await expect(home.getByRole('heading')).toHaveText('ホーム画面に追加してください');
    await expect(home).toContainText('7日間開かなかったサイトのデータを消す');
    await expect(home).toContainText('「ホーム画面に追加」');
    await axeLightAndDark(page);
  });

  test('opened from the home screen: no home-screen guide', async ({ page, log }) => {
    await page.addInitScript(() => Object.defineProperty(navigator, 'standalone', { value: true }));
    const receive = new ReceivePage(page);
    await receive.open(`r.html#/receive/${demoBundleText()}`);
    await receive.feedLoaded();
    await receive.addButton().click();
    await expect(receive.whereTickets()).toContainText('Safari');
    await expect(receive.homeScreen()).toHaveCount(0);
  });
});

test.describe('Chrome on Android', () => {
  test.use({ userAgent: UA.androidChrome });

  test('receives at once; says the tickets are in Chrome on this phone; no home-screen guide', async ({ page, log }) => {
    const receive = new ReceivePage(page);
    await receive.open(`r.html#/receive/${demoBundleText()}`);
    await receive.feedLoaded();
    await expect(receive.inAppNotice()).toHaveCount(0);
    await receive.addButton().click();
    await expect(receive.whereTickets()).toContainText('このスマホのChromeの中に保存されました');
    await expect(receive.homeScreen()).toHaveCount(0);
  });
});

test('the wallet, the backup page and the about page say the tickets live in this browser on this phone', async ({ page, log }) => {
  await page.goto('w.html#/wallet');
  await expect(page.getByText('チケットは、このスマホのこのブラウザの中にだけ保存されています')).toBeVisible();
  await page.goto('b.html#/backup');
  await expect(page.getByText('チケットは、このスマホのこのブラウザの中にだけ保存されています')).toBeVisible();
  await page.goto('./#/about');
  await expect(page.getByText('市からのリンクを開いたこのスマホのブラウザの中に保存されます')).toBeVisible();
});
