// Trust data (key list, used data) only moves forward: a rolled-back key list or unsigned
// used data is refused with a notice while the last good data stays in force, and the
// office's correction of the used list brings a ticket back.
import fs from 'node:fs';
import path from 'node:path';
import { test, expect, open, setFeed } from './fixtures';

const generated = path.join(__dirname, '..', 'generated');
const fixtures = path.join(__dirname, '..', 'fixtures');
const feed = (name: string) => fs.readFileSync(path.join(generated, name), 'utf8');
const dist = (name: string) => fs.readFileSync(path.join(__dirname, '..', '..', '..', 'dist', 'feed', name), 'utf8');
const NOV = new Date('2026-11-24T10:00:00+09:00');

test.beforeEach(async ({ page }) => {
  await page.clock.setFixedTime(NOV);
});

test('a correction of the used list brings a ticket back; unsigned used data is refused and the last good stays', async ({ page, log }) => {
  const bundle = fs.readFileSync(path.join(fixtures, 'demo-bundle-202611.txt'), 'utf8').trim();
  await open(page, `w.html#/receive/${bundle}`);
  await page.getByRole('button', { name: 'ウォレットに入れる' }).click();
  await expect(page.getByTestId('receive-result')).toContainText('20枚を受け取りました');
  await open(page, 'w.html#/wallet');
  await expect(page.getByTestId('balance-yen')).toHaveText('20,000円');

  // The office settles the first ticket: the next sequence marks it used.
  await setFeed('ok', feed('feed-used-settled.json'));
  await page.reload();
  await expect(page.getByTestId('balance-yen')).toHaveText('19,000円');
  await page.getByTestId('done-group').locator('summary').click();
  await expect(page.getByTestId('done-group')).toContainText('使用済み（市の記録）');

  // Its correction (the sequence after) brings the ticket back.
  await setFeed('ok', feed('feed-used-corrected.json'));
  await page.reload();
  await expect(page.getByTestId('balance-yen')).toHaveText('20,000円');

  // Unsigned used data is refused with a notice; the correction stays in force.
  await setFeed('ok', feed('feed-used-unsigned.json'));
  await page.reload();
  await expect(page.getByTestId('trust-notice')).toContainText('署名がありません');
  await expect(page.getByTestId('balance-yen')).toHaveText('20,000円');

  // The older sequence (the settled list) is refused as rolled back.
  await setFeed('ok', feed('feed-used-settled.json'));
  await page.reload();
  await expect(page.getByTestId('trust-notice')).toContainText('使用済みリストが古いです');
  await expect(page.getByTestId('balance-yen')).toHaveText('20,000円');
});

test('a replayed older key list is refused with a notice; the newer list stays and tickets still verify', async ({ page, log }) => {
  const bundle = JSON.parse(fs.readFileSync(path.join(fixtures, 'demo-bundle-202611.json'), 'utf8'));
  await setFeed('ok', feed('feed-keys-seq2.json'));
  await open(page, 'w.html#/wallet');
  await expect(page.getByTestId('trust-notice')).toHaveCount(0);
  // The original list (sequence 1) comes back: refused.
  await setFeed('ok', dist('feed.json'));
  await page.reload();
  await expect(page.getByTestId('trust-notice')).toContainText('鍵リストが古いです');
  // A feed without any key list does not wipe the trusted keys either.
  const bare = JSON.parse(dist('feed.json'));
  delete bare.keys;
  await setFeed('ok', JSON.stringify(bare));
  await page.reload();
  await expect(page.getByTestId('trust-notice')).toContainText('鍵リストがありません');
  await page.goto(`w.html#/t/${bundle.tickets[5]}`);
  await expect(page.getByTestId('verdict')).toContainText(/DEMO.*有効/);
});
