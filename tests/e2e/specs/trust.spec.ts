// Trust data (key list, used data) only moves forward: a rolled-back key list or unsigned
// used data is refused with a notice while the last good data stays in force, and the
// office's correction of the used list brings a ticket back.
import { test, expect, setFeed, axeLightAndDark } from './fixtures';
import { FEEDS, demoBundle, demoBundleText, distFeed, generated, readText } from '../files';
import { ReceivePage, WalletPage } from '../pages';

/** A trust-test feed made from the feed under test (scripts/test.sh). */
const feed = (name: string) => readText(generated(name));
const NOV = new Date('2026-11-24T10:00:00+09:00');

test.beforeEach(async ({ page }) => {
  await page.clock.setFixedTime(NOV);
});

test('a correction of the used list brings a ticket back; unsigned used data is refused and the last good stays', async ({ page, log }) => {
  const wallet = new WalletPage(page);
  await test.step('the month in the wallet', async () => {
    const receive = new ReceivePage(page);
    await receive.open(`w.html#/receive/${demoBundleText()}`);
    await receive.addButton().click();
    await expect(receive.result()).toContainText('20枚を受け取りました');
    await wallet.open('w.html#/wallet');
    await expect(wallet.balance()).toHaveText('20,000円');
  });

  await test.step('the office settles the first ticket: the next sequence marks it used', async () => {
    await setFeed('ok', feed('feed-used-settled.json'));
    await page.reload();
    await expect(wallet.balance()).toHaveText('19,000円');
    await wallet.expectInGroup('done-group', '使用済み（市の記録）');
    // What the city's record knows (its date; no day or shop) and what to do if she did
    // not use it (issue 26, issue 25 item 8).
    const used = wallet.group('done-group').getByTestId('ticket').first();
    await expect(used).toContainText(/市の精算記録（\d{4}年\d{1,2}月\d{1,2}日.*付け）で使用済み/);
    await expect(used).toContainText('使った日と店は記録にありません');
    await expect(used).toContainText('問い合わせ先');
    await axeLightAndDark(page);
  });

  await test.step('its correction (the sequence after) brings the ticket back', async () => {
    await setFeed('ok', feed('feed-used-corrected.json'));
    await page.reload();
    await expect(wallet.balance()).toHaveText('20,000円');
  });

  await test.step('unsigned used data is refused with a notice; the correction stays in force', async () => {
    await setFeed('ok', feed('feed-used-unsigned.json'));
    await page.reload();
    await expect(wallet.trustNotice()).toContainText('署名がありません');
    await expect(wallet.balance()).toHaveText('20,000円');
  });

  await test.step('the older sequence (the settled list) is refused as rolled back', async () => {
    await setFeed('ok', feed('feed-used-settled.json'));
    await page.reload();
    await expect(wallet.trustNotice()).toContainText('使用済みリストが古いです');
    await expect(wallet.balance()).toHaveText('20,000円');
  });
});

test('a replayed older key list is refused with a notice; the newer list stays and tickets still verify', async ({ page, log }) => {
  const bundle = demoBundle();
  const wallet = new WalletPage(page);
  await setFeed('ok', feed('feed-keys-seq2.json'));
  await wallet.open('w.html#/wallet');
  await expect(wallet.trustNotice()).toHaveCount(0);
  // The original list (sequence 1) comes back: refused.
  await setFeed('ok', readText(distFeed()));
  await page.reload();
  await expect(wallet.trustNotice()).toContainText('鍵リストが古いです');
  // A feed without any key list does not wipe the trusted keys either (global-setup.ts).
  await setFeed('ok', readText(FEEDS.withoutKeys));
  await page.reload();
  await expect(wallet.trustNotice()).toContainText('鍵リストがありません');
  await page.goto(`w.html#/t/${bundle.tickets[5]}`);
  await expect(new ReceivePage(page).verdict()).toContainText(/DEMO.*有効/);
});
