// Moving to a new phone (old phone → transfer file → new phone; the old phone's tickets
// become "moved") and the expiry reminder (.ics with an alarm), on the backup page b.html.
import { test, expect, axeLightAndDark, ORIGIN } from './fixtures';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DEMO_BUNDLE_FILE, NOT_A_TRANSFER } from '../files';
import { BackupPage, WalletPage, newPhone } from '../pages';

const NOV = new Date('2026-11-24T10:00:00+09:00');

function tmp(name: string) {
  return path.join(os.tmpdir(), `${Date.now()}-${name}`);
}

test('moving to a new phone: the old phone saves a transfer file and its tickets become "moved"; the new phone receives them; bad files are refused; the move can be undone', async ({ page, browser, log }) => {
  const wallet = new WalletPage(page);
  const backup = new BackupPage(page);
  const move = backup.moveButton();
  const ask = backup.alertDialog();
  await test.step('the old phone: 20 tickets, one of them used', async () => {
    await page.clock.setFixedTime(NOV);
    await wallet.goto();
    await wallet.loadDemoMonth();
    await wallet.markUsed(wallet.tickets().first());
    await expect(wallet.balance()).toHaveText('19,000円');
    await wallet.backupLink().click();
    await expect(page).toHaveURL(/b\.html#\/backup$/);
    await expect(page.getByRole('heading', { name: '新しい端末に移す（機種変更）' })).toBeVisible();
    await axeLightAndDark(page);
  });

  await test.step('saving asks first; Cancel and Esc change nothing and give focus back', async () => {
    await move.click();
    await expect(ask).toHaveAttribute('data-testid', 'move-confirm');
    await expect(ask).toContainText('ここでは使えなくなります');
    await expect(ask.getByRole('button', { name: '保存して移す' })).toBeFocused();
    await axeLightAndDark(page, '[data-testid="move-confirm"]');
    await ask.getByRole('button', { name: 'やめる' }).click();
    await expect(ask).toHaveCount(0);
    await expect(move).toBeFocused();
    await move.click();
    await page.keyboard.press('Escape');
    await expect(ask).toHaveCount(0);
    await expect(backup.movedNotice()).toHaveCount(0);
  });

  const { file, transfer } = await test.step('save the transfer file: 19 tickets move', async () => {
    await move.click();
    const download = page.waitForEvent('download');
    await ask.getByRole('button', { name: '保存して移す' }).click();
    const dl = await download;
    expect(dl.suggestedFilename()).toBe('jokatsu-transfer-2026-11-24.json');
    const file = tmp('jokatsu-transfer.json');
    await dl.saveAs(file);
    await expect(backup.message()).toContainText('19枚は、このスマホでは「新しい端末に移しました」になり');
    await expect(backup.movedNotice()).toContainText('19枚を新しい端末に移しました');
    const transfer = JSON.parse(fs.readFileSync(file, 'utf8'));
    expect(transfer.format).toBe('jokatsu-transfer');
    expect(transfer.version).toBe(1);
    expect(transfer.moving).toBe(19);
    expect(transfer.entries).toHaveLength(20);
    expect(transfer.entries.filter((e: any) => e.state.state === 'unused')).toHaveLength(19);
    await axeLightAndDark(page);
    return { file, transfer };
  });

  await test.step("the old phone's wallet: nothing usable, the moved tickets listed apart, without buttons", async () => {
    await backup.walletLink().click();
    await expect(wallet.balance()).toHaveText('0円');
    const movedGroup = wallet.group('moved-group');
    await expect(movedGroup.locator('summary')).toHaveText('新しい端末に移しました（19枚）');
    await movedGroup.locator('summary').click();
    const moved = movedGroup.getByTestId('ticket');
    await expect(moved).toHaveCount(19);
    await expect(moved.first()).toContainText('新しい端末に移しました');
    await expect(moved.first()).toContainText('移した日時：');
    await expect(movedGroup.getByRole('button')).toHaveCount(0);
    await axeLightAndDark(page);
    // Survives a reload (schema 3 in storage).
    await page.reload();
    await expect(wallet.balance()).toHaveText('0円');
    const stored = await page.evaluate(() => JSON.parse(localStorage.getItem('jokatsu.wallet')!));
    expect(stored.version).toBe(3);
  });

  await test.step('the old phone opening its own file: refused, nothing changes', async () => {
    await page.goto('b.html#/backup');
    await backup.transferInput().setInputFiles(file);
    await expect(backup.message()).toContainText('このスマホで作った移行用ファイルです。新しい端末で開いてください');
    await expect(backup.movedNotice()).toContainText('19枚');
  });

  await test.step('the new phone: its own browser context and storage; bad files refused, the real one received', async () => {
    const [ctx2, p2] = await newPhone(browser);
    const requests: string[] = [];
    p2.on('request', (r) => requests.push(r.url()));
    await p2.clock.setFixedTime(NOV);
    const backup2 = new BackupPage(p2);
    await backup2.goto();
    await expect(backup2.freshness()).toContainText('最終更新');
    const receive = backup2.transferInput();
    // Foreign or bad files are refused with a clear message; nothing is added.
    await receive.setInputFiles(NOT_A_TRANSFER.html);
    await expect(backup2.message()).toContainText('移行用ファイルでもありません');
    const newer = tmp('newer.json');
    fs.writeFileSync(newer, JSON.stringify({ ...transfer, version: 9 }));
    await receive.setInputFiles(newer);
    await expect(backup2.message()).toContainText('新しい版のアプリ');
    await receive.setInputFiles(NOT_A_TRANSFER.empty);
    await expect(backup2.message()).toContainText('移行用ファイルではありません');
    await expect(backup2.count()).toContainText('0枚');
    // The real file: every ticket arrives, the unused ones usable.
    await receive.setInputFiles(file);
    await expect(backup2.message()).toContainText('前のスマホのチケットを受け取りました：新しく入ったチケット 20枚');
    await expect(backup2.count()).toContainText('20枚');
    await expect(backup2.movedNotice()).toHaveCount(0);
    await backup2.walletLink().click();
    const wallet2 = new WalletPage(p2);
    await expect(wallet2.balance()).toHaveText('19,000円');
    await expect(wallet2.group('moved-group')).toHaveCount(0);
    await expect(wallet2.group('done-group').locator('summary')).toContainText('（1枚）');
    // The wallet's own import points to the backup page (which keeps w.html within budget).
    await wallet2.importFile(file);
    await expect(wallet2.receiveMessage()).toContainText('「控え・機種変更」のページ');
    // Receiving the same file again adds nothing.
    await p2.goto('b.html#/backup');
    await backup2.transferInput().setInputFiles(file);
    await expect(backup2.message()).toContainText('新しく入ったチケット 0枚');
    await p2.goto('w.html#/wallet');
    await expect(wallet2.balance()).toHaveText('19,000円');
    expect(requests.filter((u) => !u.startsWith(ORIGIN + '/') && !u.startsWith('blob:') && !u.startsWith('data:'))).toEqual([]);
    await ctx2.close();
  });

  await test.step('back on the old phone: the file never arrived, say — undo the move (asked first)', async () => {
    await backup.undoMoveButton().click();
    const undoAsk = backup.alertDialog();
    await expect(undoAsk).toHaveAttribute('data-testid', 'undo-move-confirm');
    await axeLightAndDark(page, '[data-testid="undo-move-confirm"]');
    await undoAsk.getByRole('button', { name: '取り消す' }).click();
    await expect(backup.message()).toContainText('19枚がこのスマホでまた使えます');
    await expect(backup.movedNotice()).toHaveCount(0);
    await expect(move).toBeFocused();
    await page.goto('w.html#/wallet');
    await expect(wallet.balance()).toHaveText('19,000円');
  });
});

test('expiry reminder: the banner links to it; the .ics has one event on the last valid day with an alarm three days before; light and dark pass axe', async ({ page, log }) => {
  await page.clock.setFixedTime(new Date('2027-01-20T10:00:00+09:00'));
  const wallet = new WalletPage(page);
  await wallet.goto();
  await wallet.importFile(DEMO_BUNDLE_FILE);
  await expect(wallet.tickets()).toHaveCount(20);
  await expect(wallet.expiringSoon()).toContainText('期限が近いチケットが20枚');
  await wallet.expiringSoon().getByRole('link', { name: '期限の通知をカレンダーに入れる' }).click();
  // it lands on the reminder itself (focused and in view), not the top of the backup page
  await expect(page).toHaveURL(/b\.html#\/backup\/reminder$/);
  const reminder = page.getByRole('heading', { name: '期限のお知らせ' });
  await expect(reminder).toBeFocused();
  await expect(reminder).toBeInViewport();
  expect(await page.evaluate(() => window.scrollY)).toBeGreaterThan(300);
  await expect(page.getByTestId('reminder-days')).toHaveText('1/31まで：20枚（20,000円）');
  await axeLightAndDark(page);
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: /カレンダーに追加（\.ics）/ }).click();
  const dl = await download;
  expect(dl.suggestedFilename()).toBe('jokatsu-ticket-expiry.ics');
  const file = tmp('expiry.ics');
  await dl.saveAs(file);
  const ics = fs.readFileSync(file, 'utf8');
  expect(ics).toContain('BEGIN:VCALENDAR\r\n');
  expect(ics.match(/BEGIN:VEVENT/g)).toHaveLength(1);
  expect(ics).toContain('DTSTART;TZID=Asia/Tokyo:20270131T090000');
  expect(ics).toContain('UID:ticket-expiry-2027-01-31@jokatsu.asahikawa');
  expect(ics).toContain('BEGIN:VALARM\r\nACTION:DISPLAY\r\nTRIGGER:-PT4320M');
  expect(ics.replace(/\r\n /g, '')).toContain('SUMMARY:すみまセンエン チケットの期限（20枚・20\\,000円）');
  await expect(page.getByTestId('calendar-status')).toContainText('保存しました');
  const google = page.getByRole('link', { name: /Googleカレンダーに追加/ });
  await expect(google).toHaveAttribute('href', /^https:\/\/calendar\.google\.com\/calendar\/render\?action=TEMPLATE&text=.*&dates=20270131T090000\/20270131T093000/);
  // No usable ticket, no reminder to add.
  await page.clock.setFixedTime(new Date('2027-02-02T10:00:00+09:00'));
  await page.reload();
  await expect(page.getByTestId('reminder-none')).toHaveText('いま使えるチケットはありません。');
});

test('where the browser can share files (an iPhone), the transfer file goes to the share sheet; tickets move only once it is sent, not when she closes the sheet', async ({ page, log }) => {
  // Headless Chromium has no share sheet: stand in for one (what iOS Safari offers), which
  // records the file and answers as the test says.
  await page.addInitScript(() => {
    const w = window as any;
    w.__shared = [];
    w.__shareAnswer = 'abort';
    Object.defineProperty(navigator, 'canShare', { configurable: true, value: (d: any) => Array.isArray(d?.files) && d.files.length === 1 });
    Object.defineProperty(navigator, 'share', {
      configurable: true,
      value: async (d: any) => {
        const f = d.files[0];
        w.__shared.push({ name: f.name, text: await f.text() });
        if (w.__shareAnswer === 'abort') throw new DOMException('closed', 'AbortError');
      },
    });
  });
  await page.clock.setFixedTime(NOV);
  const wallet = new WalletPage(page);
  await wallet.goto();
  await wallet.loadDemoMonth();
  await page.goto('b.html#/backup');
  const backup = new BackupPage(page);
  const move = backup.moveButton();
  // She closes the share sheet: nothing moves.
  await move.click();
  await backup.alertDialog().getByRole('button', { name: '保存して移す' }).click();
  await expect(backup.message()).toContainText('送るのをやめました。チケットはこのスマホにそのまま残っています');
  await expect(backup.movedNotice()).toHaveCount(0);
  // She picks AirDrop: the file is the transfer file, and the tickets move.
  await page.evaluate(() => { (window as any).__shareAnswer = 'ok'; });
  await move.click();
  await backup.alertDialog().getByRole('button', { name: '保存して移す' }).click();
  await expect(backup.message()).toContainText('移行用ファイル（jokatsu-transfer-2026-11-24.json）を送りました。20枚は');
  await expect(backup.movedNotice()).toContainText('20枚を新しい端末に移しました');
  const shared = await page.evaluate(() => (window as any).__shared);
  expect(shared).toHaveLength(2);
  expect(shared[1].name).toBe('jokatsu-transfer-2026-11-24.json');
  const file = JSON.parse(shared[1].text);
  expect(file.format).toBe('jokatsu-transfer');
  expect(file.moving).toBe(20);
});
