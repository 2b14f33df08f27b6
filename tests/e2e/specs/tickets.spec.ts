// The wallet (w.html) with the receive (r.html), backup (b.html) and directory (d.html)
// pages: the demo month, a ticket's QR, marking used, giving to a coworker and undoing it,
// two tabs, backup and restore, a bundle from the office, the shop directory.
import { test, expect, axeViolations, axeLightAndDark, ORIGIN } from './fixtures';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DEMO_BUNDLE_FILE, demoBundle, demoBundleText, generated } from '../files';
import { BackupPage, DirectoryPage, ReceivePage, WalletPage, newPhone } from '../pages';

const NOV = new Date('2026-11-24T10:00:00+09:00');

test.beforeEach(async ({ page }) => {
  await page.clock.setFixedTime(NOV);
});

test('load the demo month: 20 tickets and 20,000 yen, soonest expiry first, marked DEMO', async ({ page, log }) => {
  const w = new WalletPage(page);
  await w.goto();
  await expect(w.balance()).toHaveText('0円');
  await w.loadDemoMonth();
  await expect(w.balance()).toHaveText('20,000円');
  await expect(w.count()).toHaveText('20枚');
  await expect(w.tickets()).toHaveCount(20);
  await expect(w.summary()).toHaveText('1,000円 × 20枚 · いちばん早い期限 1/31');
  await expect(w.expiringSoon()).toHaveCount(0);
  await expect(w.tickets().first()).toContainText('見本');
  await expect(w.tickets().first()).toContainText('2027年1月31日');
  // loading the same month again adds nothing
  await w.demoMonthButton().click();
  await expect(w.notice()).toContainText('0枚を受け取りました（受け取り済み 20枚');
  await expect(w.tickets()).toHaveCount(20);
  // survives a reload (browser storage)
  await page.reload();
  await expect(w.balance()).toHaveText('20,000円');
  expect(await axeViolations(page)).toEqual([]);
});

test("a ticket's QR decodes, with an independent decoder, to exactly the bare ticket text (no link)", async ({ page, log }) => {
  const w = new WalletPage(page);
  await w.goto();
  await w.loadDemoMonth();
  const first = w.tickets().first();
  const { show, qr, ticket, decoded } = await test.step('the QR sheet: its QR decodes to the bare ticket text', async () => {
    const number = (await first.textContent())!.match(/番号 (\S+)/)![1];
    expect(number).toMatch(/^DEMO-K1-\d{6}-\d{5}$/);
    // the button's accessible name carries the ticket number
    const show = first.getByRole('button', { name: `QRを表示 ${number}` });
    await show.click();
    const qr = w.ticketQr();
    await expect(qr).toBeVisible();
    const ticket = await qr.getAttribute('data-ticket');
    expect(ticket).toMatch(/^JK1:[A-Z2-7]{143}$/);
    const file = path.join(os.tmpdir(), `jokatsu-qr-${Date.now()}.png`);
    await qr.screenshot({ path: file });
    const decoded = execFileSync('zbarimg', ['--raw', '-q', file]).toString().trim();
    expect(decoded).toBe(ticket);
    expect(decoded).not.toContain('http');
    expect(await axeViolations(page)).toEqual([]);
    return { show, qr, ticket, decoded };
  });
  await test.step('keyboard: Tab stays inside the sheet, Esc closes it; "not yet" changes nothing', async () => {
    for (let i = 0; i < 4; i++) await page.keyboard.press('Tab');
    expect(await page.evaluate(() => !!document.activeElement?.closest('[data-testid="ticket-sheet"]'))).toBe(true);
    await page.keyboard.press('Escape');
    await expect(qr).toHaveCount(0);
    // closing the QR asks whether it was used; "not yet" changes nothing and focus returns
    const ask = w.alertDialog();
    await expect(ask).toContainText('使いましたか？');
    expect(await axeViolations(page)).toEqual([]);
    await w.answerUsed('いいえ、まだ使っていません');
    await expect(ask).toHaveCount(0);
    await expect(show).toBeFocused();
    await expect(w.balance()).toHaveText('20,000円');
  });
  await test.step("the ticket text on someone's phone: valid; a tampered copy: refused", async () => {
    const verify = new ReceivePage(page);
    // the ticket text opened on someone's phone: the verify page says it is valid
    await page.goto(`w.html#/t/${decoded}`);
    await expect(verify.verdict()).toContainText(/DEMO.*有効/);
    expect(await axeViolations(page)).toEqual([]);
    // a tampered copy is refused as forged
    const forged = ticket!.slice(0, 40) + (ticket![40] === 'A' ? 'B' : 'A') + ticket!.slice(41);
    await page.goto('about:blank');
    await page.goto(`w.html#/t/${forged}`);
    await expect(verify.verdict()).toContainText(/偽造|読めません|発行元/);
  });
});

test('after the full-screen QR, "yes, I used it" marks the ticket used', async ({ page, log }) => {
  const w = new WalletPage(page);
  await w.goto();
  await w.loadDemoMonth();
  await w.showQrButton(w.tickets().first()).click();
  await w.dialog().getByRole('button', { name: '閉じる' }).click();
  const ask = w.alertDialog();
  await expect(ask).toContainText('使いましたか？');
  await w.answerUsed('はい、使いました');
  await expect(ask).toHaveCount(0);
  await expect(w.balance()).toHaveText('19,000円');
  // a used ticket is in the folded group, built when it is opened
  await expect(w.group('done-group').locator('summary')).toHaveText('使用済み・期限切れ（1枚）');
  await expect(w.tickets()).toHaveCount(19);
  await w.openGroup();
  await expect(w.tickets().filter({ hasText: '使用済み' })).toHaveCount(1);
  // a used ticket offers no QR any more
  await expect(w.tickets().filter({ hasText: '使用済み' }).getByRole('button', { name: /QRを表示/ })).toHaveCount(0);
});

test('give a ticket to a coworker on a second phone: it arrives there and is marked given here', async ({ page, browser, log }) => {
  const w = new WalletPage(page);
  await w.goto();
  await w.loadDemoMonth();
  const link = await test.step('give: the name is required, then confirm', async () => {
    await w.giveButton(w.tickets().first()).click();
    const sheet = w.dialog();
    await expect(sheet).toContainText('ひとりのためのもの');
    // an empty form is refused: the name is required, nothing is given
    await w.giftNextButton().click();
    await expect(page.getByTestId('give-error')).toContainText('渡す相手の名前を入れてください');
    await expect(w.giftLink()).toHaveCount(0);
    await w.fillGift({ to: '佐藤さん', from: '山田', message: '先週は代わりに出てくれてありがとう！' });
    await w.giftNextButton().click();
    await expect(sheet).toContainText('「佐藤さん」に渡しますか？');
    expect(await axeViolations(page)).toEqual([]);
    await w.giftConfirmButton().click();
    const link = await w.giftLink().getAttribute('href');
    expect(link).toContain('#/gift/JK1:');
    await expect(page.getByTestId('gift-qr')).toBeVisible();
    await w.closeButton().click();
    // closing a gift sheet asks nothing
    await expect(w.alertDialog()).toHaveCount(0);
    return link;
  });
  await test.step('here: the ticket is given, listed apart, its gift can be shown again', async () => {
    await expect(w.balance()).toHaveText('19,000円');
    await w.openGroup('given-group');
    const given = w.tickets().filter({ hasText: '渡した相手：佐藤さん' });
    await expect(given).toHaveCount(1);
    await expect(given).toContainText('渡しました');
    await expect(given).toContainText('先週は代わりに出てくれてありがとう！');
    // given tickets are listed apart; it has no QR or give button any more; the same gift
    // can be shown again
    await expect(given).toBeVisible();
    await expect(given.getByRole('button', { name: /QRを表示|同僚に渡す|使った/ })).toHaveCount(0);
    await given.getByRole('button', { name: /渡したQRをもう一度見せる/ }).click();
    await expect(w.giftLink()).toHaveAttribute('href', link!);
    await page.keyboard.press('Escape');
    await expect(w.dialog()).toHaveCount(0);
  });
  await test.step('the thank-you log (on the backup page) keeps what she gave, with her message', async () => {
    const records = await page.context().newPage();
    await records.clock.setFixedTime(NOV);
    await records.goto('b.html#/backup');
    const sentLog = new BackupPage(records).thanksLog();
    await expect(sentLog).toContainText('ありがとうの記録（1件）');
    await expect(sentLog).toContainText('佐藤さんへ渡しました');
    await expect(sentLog).not.toContainText('佐藤さんさん');
    await expect(sentLog).toContainText('先週は代わりに出てくれてありがとう！');
    expect(await axeViolations(records)).toEqual([]);
    await records.close();
  });

  await test.step('the second phone: its own browser context, its own storage', async () => {
    const [phone2, p2] = await newPhone(browser);
    await p2.clock.setFixedTime(NOV);
    const requests: string[] = [];
    p2.on('request', (r) => requests.push(r.url()));
    const receive = new ReceivePage(p2);
    await p2.goto(link!);
    await expect(receive.heading()).toHaveText('チケットが届きました');
    await expect(receive.giftCard()).toContainText('山田さんから');
    await expect(receive.giftCard()).toContainText('先週は代わりに出てくれてありがとう！');
    await expect(receive.freshness()).toContainText('最終更新');
    expect(await axeViolations(p2)).toEqual([]);
    await receive.acceptGiftButton().click();
    await expect(receive.result()).toContainText('ウォレットに入れました');
    await receive.walletLink().click();
    const w2 = new WalletPage(p2);
    await expect(w2.balance()).toHaveText('1,000円');
    await expect(w2.tickets()).toHaveCount(1);
    await expect(w2.tickets()).toContainText('山田さんから');
    await p2.goto('b.html#/backup');
    await expect(new BackupPage(p2).thanksLog()).toContainText('山田さんから「先週は代わりに出てくれてありがとう！」');
    expect(await axeViolations(p2)).toEqual([]);
    await p2.goto('w.html#/wallet');
    // opening the same gift link again: 受け取り済み, no second 受け取る
    await p2.goto(link!);
    await expect(p2).toHaveURL(/r\.html#\/gift\//);
    await p2.reload();
    await expect(receive.giftKnown()).toContainText('受け取り済み');
    await expect(receive.acceptGiftButton()).toHaveCount(0);
    expect(requests.filter((u) => !u.startsWith(ORIGIN + '/'))).toEqual([]);
    await phone2.close();
  });
});

test('a gift can be undone until the coworker has it: the ticket is usable here again, with a warning; light and dark pass axe', async ({ page, log }) => {
  const w = new WalletPage(page);
  await w.goto();
  await w.loadDemoMonth();
  const sheet = w.dialog();
  const undo = w.alertDialog();
  await test.step('give, then undo right after giving: asked first; cancel keeps the gift', async () => {
    await w.give(w.giveButton(w.tickets().first()), { to: '佐藤さん' });
    await expect(w.giftLink()).toBeVisible();
    // right after giving: undo first asks whether the coworker has it, and says what
    // happens if so; the safe answer (keep it given) has the focus and keeps the gift
    await sheet.getByRole('button', { name: '渡すのを取り消す' }).click();
    await expect(undo).toHaveAttribute('data-testid', 'undo-gift');
    await expect(undo.getByRole('heading')).toHaveText('相手はもう受け取りましたか？');
    await expect(undo).toContainText('もう受け取っていたら取り消さないでください');
    await expect(undo).toContainText('先にお店で使った人のものになります');
    const keep = undo.getByRole('button', { name: '受け取った・わからない（取り消さない）' });
    await expect(keep).toBeFocused();
    await keep.click();
    await expect(undo).toHaveCount(0);
    await expect(w.notice()).toContainText('取り消しませんでした。このチケットは渡した相手のものです');
    await expect(w.balance()).toHaveText('19,000円');
  });
  await test.step('later, from the given list: show the gift again, undo, confirm', async () => {
    await w.group('given-group').locator('summary').click();
    await w.group('given-group').getByRole('button', { name: /渡したQRをもう一度見せる/ }).click();
    // the sheet with its undo button, then the undo dialog, in light and dark (scoped: on a
    // list scrolled to its end, axe counts the buttons under the sheet or the fixed tab bar
    // as too small)
    await axeLightAndDark(page, '[data-testid="ticket-sheet"]');
    await sheet.getByRole('button', { name: '渡すのを取り消す' }).click();
    await expect(undo).toBeVisible();
    await axeLightAndDark(page, '[data-testid="undo-gift"]');
    await undo.getByRole('button', { name: 'まだ受け取っていない（取り消す）' }).click();
    await expect(undo).toHaveCount(0);
    await expect(w.dialog()).toHaveCount(0);
    await expect(w.notice()).toContainText('取り消しました');
    await expect(w.balance()).toHaveText('20,000円');
    await expect(w.group('given-group')).toHaveCount(0);
  });
  // it stays undone after a reload (the stored wallet), and can be given again
  await page.reload();
  await expect(w.balance()).toHaveText('20,000円');
  await expect(w.tickets().first().getByRole('button', { name: /同僚に渡す/ })).toBeVisible();
});

test('two tabs: a gift received in one page while another page changes the wallet keeps both tickets', async ({ page, context, browser, log }) => {
  // In December: the office's November bundle and a coworker's December demo ticket differ.
  const DEC = new Date('2026-12-05T10:00:00+09:00');
  await page.clock.setFixedTime(DEC);
  const link = await test.step("a coworker's gift, made on another phone", async () => {
    const [giver, g] = await newPhone(browser, { baseURL: `${ORIGIN}/jokatsu/` });
    await g.clock.setFixedTime(DEC);
    const gw = new WalletPage(g);
    await gw.open('w.html#/wallet');
    await gw.demoMonthButton().click();
    const link = await gw.give(g.getByRole('button', { name: /同僚に渡す/ }).last(), { to: '鈴木さん' });
    await giver.close();
    return link;
  });

  const w = new WalletPage(page);
  await test.step("tab A: the wallet, with the office's bundle (20 tickets)", async () => {
    await w.goto();
    await w.importFile(DEMO_BUNDLE_FILE);
    await expect(w.tickets()).toHaveCount(20);
  });
  const tabB = await test.step('tab B (same browser, same storage) opens the gift link; meanwhile tab A marks a ticket used', async () => {
    const tabB = await context.newPage();
    const receive = new ReceivePage(tabB);
    await tabB.clock.setFixedTime(DEC);
    await tabB.goto(link!);
    await expect(receive.acceptGiftButton()).toBeVisible();
    await w.markUsed(w.tickets().first());
    await receive.acceptGiftButton().click();
    await expect(receive.result()).toContainText('ウォレットに入れました');
    return tabB;
  });
  await test.step('tab A follows: 21 tickets, one used; tab B sees the used mark too', async () => {
    await w.openGroup();
    await expect(w.tickets()).toHaveCount(21);
    await expect(w.tickets().filter({ hasText: '使用済み' })).toHaveCount(1);
    await new ReceivePage(tabB).walletLink().click();
    const wB = new WalletPage(tabB);
    await wB.openGroup();
    await expect(wB.tickets()).toHaveCount(21);
  });
  await test.step('and after a reload of both, nothing is lost', async () => {
    await page.reload();
    await w.openGroup();
    await expect(w.tickets()).toHaveCount(21);
    await expect(w.tickets().filter({ hasText: '使用済み' })).toHaveCount(1);
    await expect(w.tickets().filter({ hasText: 'さんから' }).or(w.tickets().filter({ hasText: 'もらったチケット' }))).toHaveCount(1);
  });
});

test('export, clear storage, import: the same wallet comes back, and importing twice adds nothing', async ({ page, log }) => {
  const w = new WalletPage(page);
  const b = new BackupPage(page);
  await w.goto();
  await w.loadDemoMonth();
  await w.markUsed(w.tickets().first());
  await expect(w.balance()).toHaveText('19,000円');
  await test.step('the backup page: export and restore side by side', async () => {
    await w.backupLink().click();
    await expect(page).toHaveURL(/b\.html#\/backup$/);
    await expect(b.heading()).toHaveText('控え・機種変更');
    await expect(b.count()).toContainText('20枚');
    await axeLightAndDark(page);
  });
  const file = await test.step('export asks first (the file holds usable tickets); cancel and Esc change nothing', async () => {
    const exportButton = b.exportButton();
    await exportButton.click();
    const ask = b.alertDialog();
    await expect(ask).toHaveAttribute('data-testid', 'export-confirm');
    await expect(ask).toContainText('人に送らないでください');
    await expect(ask.getByRole('button', { name: '書き出す', exact: true })).toBeFocused();
    await axeLightAndDark(page);
    await ask.getByRole('button', { name: 'やめる' }).click();
    await expect(ask).toHaveCount(0);
    await expect(exportButton).toBeFocused();
    await exportButton.click();
    await page.keyboard.press('Escape');
    await expect(ask).toHaveCount(0);
    await exportButton.click();
    const download = page.waitForEvent('download');
    await ask.getByRole('button', { name: '書き出す', exact: true }).click();
    const file = path.join(os.tmpdir(), `jokatsu-wallet-${Date.now()}.json`);
    await (await download).saveAs(file);
    await expect(b.message()).toContainText('保存しました');
    const backup = JSON.parse(fs.readFileSync(file, 'utf8'));
    expect(backup.format).toBe('jokatsu-wallet');
    expect(backup.entries).toHaveLength(20);
    return file;
  });

  await test.step('storage cleared: restore sits next to export', async () => {
    await page.evaluate(() => localStorage.removeItem('jokatsu.wallet'));
    await page.reload();
    await expect(b.count()).toContainText('0枚');
    await b.restoreInput().setInputFiles(file);
    await expect(b.message()).toContainText('新しく入ったチケット 20枚');
    await expect(b.count()).toContainText('20枚');
    await b.walletLink().click();
    await expect(w.balance()).toHaveText('19,000円');
    await w.openGroup();
    await expect(w.tickets()).toHaveCount(20);
    await expect(w.tickets().filter({ hasText: '使用済み' })).toHaveCount(1);
  });
  await test.step("the wallet's own file import takes a backup too; importing twice adds nothing", async () => {
    await w.importFile(file);
    await expect(w.receiveMessage()).toContainText('新しく入ったチケット 0枚');
    await expect(w.tickets()).toHaveCount(20);
  });
});

test('tickets close to their end: a banner says how many', async ({ page, log }) => {
  await page.clock.setFixedTime(new Date('2027-01-20T10:00:00+09:00'));
  const w = new WalletPage(page);
  await w.goto();
  await w.importFile(DEMO_BUNDLE_FILE);
  await expect(w.tickets()).toHaveCount(20);
  await expect(w.expiringSoon()).toContainText('期限が近いチケットが20枚');
  await expect(w.summary()).toHaveText('1,000円 × 20枚 · いちばん早い期限 1/31');
  expect(await axeViolations(page)).toEqual([]);
});

test('a new wallet shows 20 usable tickets (the demo feed settles no ticket of a new month)', async ({ page, log }) => {
  // Issue 15(a): in December the demo month is batch 202612; the demo feed's used data
  // must not mark any of it. (The feed marking a held ticket used is in trust.spec.ts.)
  await page.clock.setFixedTime(new Date('2026-12-05T10:00:00+09:00'));
  const w = new WalletPage(page);
  await w.goto();
  await w.loadDemoMonth();
  await expect(w.balance()).toHaveText('20,000円');
  await expect(w.count()).toHaveText('20枚');
  await expect(w.summary()).toHaveText('1,000円 × 20枚 · いちばん早い期限 2/28');
  await expect(w.tickets().filter({ hasText: '使用済み' })).toHaveCount(0);
  await expect(w.group('done-group')).toHaveCount(0);
  await expect(w.tickets().filter({ hasText: '202612-00003' })).toHaveCount(1);
  await page.reload();
  await expect(w.balance()).toHaveText('20,000円');
});

test('a bundle link from the office adds the month once; the bundle file too', async ({ page, log }) => {
  const receive = new ReceivePage(page);
  await receive.open(`w.html#/receive/${demoBundleText()}`);
  await expect(receive.heading()).toHaveText('チケットを受け取る');
  await expect(page.getByText('市からのチケット 20枚（20,000円）')).toBeVisible();
  await expect(receive.freshness()).toContainText('最終更新');
  await receive.addButton().click();
  await expect(receive.result()).toContainText('20枚を受け取りました');
  await receive.addButton().click();
  await expect(receive.result()).toContainText('0枚を受け取りました（受け取り済み 20枚');
  await receive.walletLink().click();
  const w = new WalletPage(page);
  await expect(w.balance()).toHaveText('20,000円');
  await w.importFile(DEMO_BUNDLE_FILE);
  await expect(w.receiveMessage()).toContainText('0枚を受け取りました（受け取り済み 20枚');
  await expect(w.tickets()).toHaveCount(20);
});

test('pasting a damaged code gives a clear error and changes nothing', async ({ page, log }) => {
  const w = new WalletPage(page);
  await w.goto();
  await w.loadDemoMonth();
  await w.paste('<script>alert(1)</script> JK1:ABCDEF');
  await expect(w.receiveMessage()).toContainText('読めませんでした');
  await expect(w.tickets()).toHaveCount(20);
});

test('the certified shop directory filters by name, category and area', async ({ page, log }) => {
  const d = new DirectoryPage(page);
  await d.goto();
  const shops = d.shops();
  const all = await shops.count();
  expect(all).toBeGreaterThanOrEqual(8);
  await d.search().fill('ベーカリー');
  await expect(shops).not.toHaveCount(all);
  await expect(shops.first()).toContainText('ベーカリー');
  await d.search().fill('');
  const area = d.area();
  const options = await area.locator('option').allTextContents();
  await area.selectOption(options[1]);
  for (const text of await shops.allTextContents()) expect(text).toContain(options[1]);
  expect(await axeViolations(page)).toEqual([]);
});

test('three years of tickets: the used or expired group is built when opened, 50 at a time, latest first; the keyboard keeps its place', async ({ page, log }) => {
  // Six demo months (2026-06 to 2026-11), all expired in February 2027.
  await page.clock.setFixedTime(new Date('2027-02-05T10:00:00+09:00'));
  const stored = fs.readFileSync(generated('wallet-120.json'), 'utf8');
  await page.addInitScript((s) => { if (!localStorage.getItem('jokatsu.wallet')) localStorage.setItem('jokatsu.wallet', s); }, stored);
  const w = new WalletPage(page);
  await w.goto();
  await expect(w.balance()).toHaveText('0円');
  const done = w.group('done-group');
  await expect(done.locator('summary')).toHaveText('使用済み・期限切れ（120枚）');
  await expect(w.tickets()).toHaveCount(0);
  // Opened from the keyboard: the latest 50, November's highest serial first.
  await done.locator('summary').focus();
  await page.keyboard.press('Enter');
  await expect(done).toHaveAttribute('open', '');
  await expect(w.tickets()).toHaveCount(50);
  await expect(w.tickets().first()).toContainText('202611-00019 ·');
  await expect(w.tickets().nth(20)).toContainText('202610-00019 ·');
  const more = done.getByRole('button', { name: 'さらに表示（残り70枚）' });
  await expect(more).toBeVisible();
  expect(await axeViolations(page)).toEqual([]);
  await more.click();
  await expect(w.tickets()).toHaveCount(100);
  const more2 = done.getByRole('button', { name: 'さらに表示（残り20枚）' });
  await expect(more2).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(w.tickets()).toHaveCount(120);
  await expect(w.tickets().last()).toContainText('202606-00000 ·');
  await expect(done.getByTestId('show-more')).toBeHidden();
  // the button is gone: focus is back on the group's heading, not lost
  await expect(done.locator('summary')).toBeFocused();
  // folding and opening again keeps what was shown
  await page.keyboard.press('Enter');
  await expect(done).not.toHaveAttribute('open', '');
  await page.keyboard.press('Enter');
  await expect(w.tickets()).toHaveCount(120);
});

test('a damaged ticket record is set aside; the other tickets still load', async ({ page, log }) => {
  const w = new WalletPage(page);
  await w.goto();
  await w.loadDemoMonth();
  await page.evaluate(() => {
    const rec = JSON.parse(localStorage.getItem('jokatsu.wallet')!);
    rec.data.entries[4].ticket = 'JK1:BROKEN';
    localStorage.setItem('jokatsu.wallet', JSON.stringify(rec));
  });
  await page.reload();
  await expect(w.tickets()).toHaveCount(19);
  await expect(w.quarantineNotice()).toBeVisible();
  const kept = await page.evaluate(() => localStorage.getItem('jokatsu.quarantine'));
  expect(kept).toContain('JK1:BROKEN');
});

test('a plain ticket opened on a phone says what it is, records nothing, and offers no add button', async ({ page, log }) => {
  const bundle = demoBundle();
  const w = new WalletPage(page);
  const ticket = new ReceivePage(page);
  await w.open('w.html#/wallet');
  await ticket.open(`w.html#/t/${bundle.tickets[5]}`);
  await expect(ticket.verdict()).toContainText('有効');
  await expect(page.getByTestId('ticket-info')).toContainText('何も記録しません');
  await expect(page.getByRole('button', { name: /ウォレットに入れる/ })).toHaveCount(0);
  // The ticket text leaves the browser history once shown.
  expect(page.url()).not.toContain('JK1:');
  await w.open('w.html#/wallet');
  await expect(w.tickets()).toHaveCount(0);
});

test('navigation as in any app: Back closes the QR sheet, screens start at the top, a loading line before the app starts', async ({ page, log }) => {
  const html = await (await page.request.get('w.html')).text();
  expect(html).toContain('読み込み中');
  const w = new WalletPage(page);
  await w.goto();
  await expect(page.locator('#app-loading')).toHaveCount(0);
  await w.loadDemoMonth();
  await w.showQrButton(w.tickets().nth(10)).click();
  await expect(w.ticketQr()).toBeVisible();
  await page.goBack();
  await expect(w.ticketQr()).toHaveCount(0);
  await expect(w.heading()).toHaveText('すみまセンエン チケット');
  expect(page.url()).toContain('w.html#/wallet');
  await expect(w.alertDialog()).toContainText('使いましたか？');
  await w.answerUsed('いいえ、まだ使っていません');
  // from the bottom of the wallet to the shops: the new screen starts at its top
  await page.getByRole('link', { name: 'こそだてっぴー認定企業を探す' }).scrollIntoViewIfNeeded();
  expect(await page.evaluate(() => window.scrollY)).toBeGreaterThan(500);
  await page.getByRole('link', { name: 'こそだてっぴー認定企業を探す' }).click();
  await expect(new DirectoryPage(page).shops().first()).toBeVisible();
  await expect.poll(() => page.evaluate(() => window.scrollY)).toBe(0);
});

test("the ticket-check page's verdict reads across the screen: the till's grid, the reason at least half the width", async ({ page, log }) => {
  const ticket = new ReceivePage(page);
  const text = demoBundle().tickets[5];
  const forged = text.slice(0, 40) + (text[40] === 'A' ? 'B' : 'A') + text.slice(41);
  for (const [code, head] of [[text, /有効な見本のチケットです/], [forged, /偽造|読めません|発行元/]] as const) {
    await page.goto('about:blank');
    await ticket.open(`r.html#/t/${code}`);
    await expect(ticket.verdict().locator('.verdict__head')).toHaveText(head);
    const detail = ticket.verdict().getByTestId('verdict-detail');
    const width = (await detail.boundingBox())!.width;
    expect(width, 'reason width').toBeGreaterThanOrEqual(390 / 2);
    // one line of the reason holds many characters, not one
    const lineHeight = await detail.evaluate((el) => parseFloat(getComputedStyle(el).lineHeight));
    expect((await detail.boundingBox())!.height).toBeLessThan(lineHeight * 4);
  }
  await axeLightAndDark(page);
});

test('in English the directory names its categories and areas in English too', async ({ page, log }) => {
  const d = new DirectoryPage(page);
  await d.goto();
  await page.getByRole('button', { name: 'English' }).click();
  await expect(page.getByLabel('Category').locator('option')).toHaveText(['All', 'Household goods', 'Beauty', 'Groceries', 'Food and drink']);
  const area = page.getByLabel('Area');
  await expect(area.locator('option')).toContainText(['All', 'City centre']);
  await area.selectOption({ label: 'Nagayama' });
  await expect(d.shops().first()).toContainText('· Nagayama');
  const metas = await d.shops().evaluateAll((els) => els.map((e) => e.querySelector('.card__meta')?.textContent ?? ''));
  expect(metas.length).toBeGreaterThan(0);
  for (const meta of metas) expect(meta).toMatch(/^[A-Za-z ]+ · Nagayama$/);
  expect(await axeViolations(page)).toEqual([]);
});
