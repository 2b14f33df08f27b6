// The city office (office.html, internal bundle): roster in, signed tickets out. A mother
// opens her link in her own browser and finds her 20 tickets; the printed sheet's QR codes
// decode with an independent decoder.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test, expect, ORIGIN, axeLightAndDark } from './fixtures';
import { CARGO_TOML, distFeed, fixture } from '../files';
import { DEMO_PASSPHRASE, OfficePage, ReceivePage, WalletPage, newPhone, thisMonth } from '../pages';

test('while its WebAssembly loads, the office page shows its heading and lead, then the app draws them in the same place', async ({ page, log }) => {
  const office = new OfficePage(page);
  await page.setViewportSize({ width: 412, height: 823 });
  // Hold the 700 KB download until the static shell has been checked.
  let release!: () => void;
  const held = new Promise<void>((resolve) => { release = resolve; });
  await page.route(/jokatsu-office-web-[0-9a-f]+_bg\.wasm$/, async (route) => { await held; await route.continue(); });
  await office.goto();
  const heading = office.heading();
  await expect(heading).toHaveText('事務局');
  const lead = page.locator('main > section.page > p').first();
  await expect(lead).toContainText('名簿・鍵・報告はこのタブの中だけで扱い、どこにも送信しません。');
  await expect(page.getByRole('status')).toHaveText('読み込み中… / Loading…');
  const before = { heading: await heading.boundingBox(), lead: await lead.boundingBox(), text: await lead.textContent() };
  // Nothing works yet: no form of the app is on the page.
  await expect(office.passphrase()).toHaveCount(0);
  release();
  await expect(office.passphrase()).toBeVisible();
  // One heading, one main; the loading line and the shell are gone.
  await expect(page.locator('main')).toHaveCount(1);
  await expect(heading).toHaveCount(1);
  await expect(page.locator('#app-loading, #app-shell')).toHaveCount(0);
  const after = { heading: await heading.boundingBox(), lead: await lead.boundingBox(), text: await lead.textContent() };
  expect(after).toEqual(before);
});

test('the office issues a month from a Shift_JIS roster; a mother opens her link and has 20 tickets; the print sheet decodes', async ({ page, browser, log }) => {
  test.setTimeout(120_000);
  const office = new OfficePage(page);
  await test.step('issue a month from the roster; nothing of the office is kept in browser storage', async () => {
    await page.setViewportSize({ width: 1280, height: 900 });
    await office.goto();
    await expect(office.heading()).toHaveText('事務局');
    await office.openKey(fixture('demo-issuer-1.key'), '鍵 1');
    await office.loadRoster(fixture('roster-sjis.csv'));
    await expect(page.getByTestId('roster-preview')).toContainText('旭川 花子');
    await expect(page.getByTestId('roster-problems')).toContainText('6行目');
    // Real (not DEMO-flagged) tickets, signed here with the demo issuer key of the demo feed.
    await office.issue(thisMonth(), `${ORIGIN}/jokatsu/w.html`);
    await expect(office.issuedRows()).toHaveCount(3);
    const stored = await page.evaluate(() => JSON.stringify(Object.keys(localStorage)));
    expect(stored).not.toContain('key');
    expect(stored).not.toContain('roster');
  });

  await test.step('the register, links and employer report; the command-line tool makes the same files', async () => {
    // The register must be saved: it downloads.
    const dl = page.waitForEvent('download');
    await office.saveRegisterButton().click();
    const register = fs.readFileSync(await (await dl).path()!, 'utf8');
    expect(register).toContain('A0001');
    const dlLinks = page.waitForEvent('download');
    await page.getByRole('button', { name: 'リンク一覧 CSV' }).click();
    const links = fs.readFileSync(await (await dlLinks).path()!);
    const dlEmployers = page.waitForEvent('download');
    await page.getByRole('button', { name: '企業別 CSV' }).click();
    const employers = fs.readFileSync(await (await dlEmployers).path()!);

    // The command-line tool gives byte-identical outputs for the same roster, key and month.
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'jokatsu-office-cli-'));
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Tokyo' }).format(new Date());
    // The tool reads a passphrase from a file (or asks on the terminal), never the environment.
    const passFile = path.join(out, 'passphrase.txt');
    fs.writeFileSync(passFile, `${DEMO_PASSPHRASE}\n`, { mode: 0o600 });
    execFileSync('cargo', ['run', '--quiet', '--manifest-path', CARGO_TOML,
      '--bin', 'jokatsu-office', '--', 'issue', '--roster', fixture('roster-sjis.csv'),
      '--key', fixture('demo-issuer-1.key'), '--month', thisMonth(), '--register', path.join(out, 'register.json'),
      '--new-register', '--out', out, '--link-base', `${ORIGIN}/jokatsu/w.html`, '--today', today,
      '--passphrase-file', passFile],
      { stdio: 'pipe' });
    expect(fs.readFileSync(path.join(out, 'register.json'), 'utf8')).toBe(register);
    // The same rows; the page's file column names the bundle as the browser saves it (no
    // bundles/ folder), the tool's as it writes it.
    expect(fs.readFileSync(path.join(out, 'links.csv'), 'utf8').replaceAll(',bundles/', ',')).toBe(links.toString('utf8'));
    expect(links.toString('utf8')).not.toContain('bundles/');
    expect(fs.readFileSync(path.join(out, 'report-employers.csv')).equals(employers)).toBe(true);
  });

  await test.step('a mother opens her link in her own browser', async () => {
    const link = await office.issuedLinks().first().getAttribute('href');
    expect(link).toContain('/jokatsu/r.html#/receive/JKB1:');
    const [phone, p2] = await newPhone(browser);
    const receive = new ReceivePage(p2);
    await p2.goto(link!);
    await expect(receive.heading()).toHaveText('チケットを受け取る');
    await receive.addButton().click();
    await expect(receive.result()).toContainText('20枚を受け取りました');
    await receive.walletLink().click();
    const wallet = new WalletPage(p2);
    await expect(wallet.tickets()).toHaveCount(20);
    await expect(wallet.balance()).toHaveText('20,000円');
    await phone.close();
  });

  await test.step('the printable sheet: 20 QR codes, each decoding to a bare ticket text', async () => {
    await page.getByRole('button', { name: '印刷用シート', exact: true }).first().click();
    const sheet = page.getByTestId('print-sheet');
    await expect(sheet.locator('svg.qr')).toHaveCount(20);
    await page.emulateMedia({ media: 'print' });
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'jokatsu-sheet-'));
    const first = path.join(tmp, 'qr.png');
    await sheet.locator('svg.qr').first().screenshot({ path: first });
    const decoded = execFileSync('zbarimg', ['--raw', '-q', first]).toString().trim();
    expect(decoded).toMatch(/^JK1:[A-Z2-7]{143}$/);
    const all = new Set<string>();
    for (let i = 0; i < 20; i++) {
      const file = path.join(tmp, `qr-${i}.png`);
      await sheet.locator('svg.qr').nth(i).screenshot({ path: file });
      all.add(execFileSync('zbarimg', ['--raw', '-q', file]).toString().trim());
    }
    expect(all.size).toBe(20);
    for (const text of all) expect(text).toMatch(/^JK1:[A-Z2-7]{143}$/);
  });

  await test.step('printed on A4: one page per recipient, all 20 numbers and the words for her inside 10 mm margins', async () => {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'jokatsu-pdf-'));
    const printed = async (name: string) => {
      const file = path.join(tmp, name);
      fs.writeFileSync(file, await page.pdf({ preferCSSPageSize: true }));
      const info = execFileSync('pdfinfo', [file]).toString();
      const pages = Number(/Pages:\s+(\d+)/.exec(info)![1]);
      const size = /Page size:\s+([\d.]+) x ([\d.]+) pts \(A4\)/.exec(info);
      expect(size, info).not.toBeNull();
      const [width, height] = [Number(size![1]), Number(size![2])];
      const text = execFileSync('pdftotext', ['-layout', file, '-']).toString();
      // Every word, in points: nothing closer than 10 mm (28.35 pt) to an edge. Across, the
      // word's box; down, the middle of its box (pdftotext's box is the font's whole height,
      // which for the CJK fonts reaches far above and below the printed glyphs).
      const bbox = execFileSync('pdftotext', ['-bbox', file, '-']).toString();
      const words = [...bbox.matchAll(/xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)"/g)]
        .map((m) => m.slice(1).map(Number));
      expect(words.length).toBeGreaterThan(20);
      for (const [x0, y0, x1, y1] of words) {
        const middle = (y0 + y1) / 2;
        expect(Math.min(x0, middle, width - x1, height - middle)).toBeGreaterThanOrEqual(28.3);
      }
      return { pages, text: text.split('\f').filter((t) => t.trim()) };
    };
    const one = await printed('one.pdf');
    expect(one.pages).toBe(1);
    const serials = one.text[0].match(/\d{6}-\d{5}/g) ?? [];
    expect(new Set(serials).size).toBe(20);
    expect(one.text[0]).toContain('認定店');
    expect(one.text[0]).toContain('切り取り');
    // The month in one print run: a page for each of the 3 recipients, 20 numbers each.
    await page.emulateMedia({ media: 'screen' });
    await page.getByRole('button', { name: 'シートを閉じる' }).click();
    await expect(page.getByTestId('print-sheet')).toHaveCount(0);
    await page.getByTestId('print-all').click();
    await expect(page.getByTestId('print-sheet')).toHaveCount(3);
    await expect(page.locator('#sheets-title')).toBeFocused();
    await axeLightAndDark(page);
    await page.emulateMedia({ media: 'print' });
    const all = await printed('all.pdf');
    expect(all.pages).toBe(3);
    for (const t of all.text) expect(new Set(t.match(/\d{6}-\d{5}/g)).size).toBe(20);
  });
});

test('the office signs the key list with the root key; the app and the CLI accept it', async ({ page, log }) => {
  const office = new OfficePage(page);
  await page.setViewportSize({ width: 1280, height: 900 });
  await office.goto();
  await office.openKey(fixture('demo-root.key'), 'ルート鍵');
  // The office's key list file (no typing): it becomes the list being prepared.
  await page.getByLabel('鍵一覧のファイルから始める（保存した鍵一覧か keys.json）').setInputFiles(fixture('demo-issuers.json'));
  await expect(page.getByTestId('keylist-row')).toHaveCount(2);
  await page.getByLabel('番号（前回より大きく）').fill('7');
  await page.getByLabel('有効期限（例 2027-06-30）').fill('2148-12-31');
  const dl = page.waitForEvent('download');
  await page.getByRole('button', { name: '署名して保存する' }).click();
  const keys = JSON.parse(fs.readFileSync(await (await dl).path()!, 'utf8'));
  expect(keys.sequence).toBe(7);
  expect(keys.keys).toHaveLength(2);
  // The demo feed with this list passes the command-line check like the app's.
  const feed = JSON.parse(fs.readFileSync(distFeed(), 'utf8'));
  feed.keys = keys;
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'jokatsu-keys-'));
  fs.writeFileSync(path.join(tmp, 'feed.json'), JSON.stringify(feed));
  const out = execFileSync('cargo', ['run', '--quiet', '--manifest-path', CARGO_TOML,
    '--bin', 'jokatsu-office', '--', 'feed-check', path.join(tmp, 'feed.json'), '--demo', '--summary']).toString();
  expect(out).toContain('keys_sequence\t7');
});

test('key set-up from nothing: a root key with what to hand the build, an issuer and a used-data key in the list, kept across a reload', async ({ page, log }) => {
  test.setTimeout(120_000);
  const office = new OfficePage(page);
  await page.setViewportSize({ width: 1280, height: 900 });
  await office.goto();
  const setup = page.getByRole('region', { name: '鍵の準備（本番を始めるとき・鍵を替えるとき）' });
  await setup.getByLabel('パスフレーズ（12文字以上）').fill('town hall winter river lantern');
  const root = page.waitForEvent('download');
  await setup.getByRole('button', { name: 'ルート鍵を作って保存する' }).click();
  expect((await root).suggestedFilename()).toBe('root.key');
  await expect(page.getByTestId('root-handover')).toContainText(/JOKATSU_ROOT_PUBLIC_KEY=[A-Za-z0-9_-]{43}/);
  // The passphrase is not kept once used.
  await expect(setup.getByLabel('パスフレーズ（12文字以上）')).toHaveValue('');
  for (const [button, file] of [['発行鍵を作って鍵一覧に加える', 'issuer-1.key'], ['使用済みデータ鍵を作って鍵一覧に加える', 'used-200.key']]) {
    await setup.getByLabel('パスフレーズ（12文字以上）').fill('town hall winter river lantern');
    const dl = page.waitForEvent('download');
    await setup.getByRole('button', { name: button }).click();
    expect((await dl).suggestedFilename()).toBe(file);
  }
  await expect(page.getByTestId('keylist-row')).toHaveCount(2);
  await expect(page.getByTestId('keylist')).toContainText('使用済みデータ鍵');
  // Kept in this browser (public parts only): still there after a reload.
  await page.reload();
  await expect(page.getByTestId('keylist-row')).toHaveCount(2);
  const stored = await page.evaluate(() => localStorage.getItem('jokatsu.office') ?? '');
  expect(stored).not.toContain('ciphertext');
  // Signing with an issuer key open is refused, naming the key that is needed.
  await office.openKey(fixture('demo-issuer-1.key'), '鍵 1');
  await setup.getByRole('button', { name: '署名して保存する' }).click();
  await expect(page.getByTestId('keylist-problems')).toContainText('ルート鍵のファイル（root.key）を開いてください');
});

test('refusals name the fix and make nothing: a key the app does not trust, a month issued before without its register', async ({ page, log }) => {
  test.setTimeout(180_000);
  const office = new OfficePage(page);
  await page.setViewportSize({ width: 1280, height: 900 });
  await office.goto();
  let downloads = 0;
  page.on('download', () => { downloads++; });

  await test.step('an issuer key that is not in the key list the app trusts', async () => {
    const setup = page.getByRole('region', { name: '鍵の準備（本番を始めるとき・鍵を替えるとき）' });
    await setup.getByLabel('発行鍵の番号').fill('9');
    await setup.getByLabel('パスフレーズ（12文字以上）').fill('town hall winter river lantern');
    const dl = page.waitForEvent('download');
    await setup.getByRole('button', { name: '発行鍵を作って鍵一覧に加える' }).click();
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'jokatsu-k9-')), 'issuer-9.key');
    await (await dl).saveAs(file);
    downloads = 0;
    await office.openKey(file, '発行鍵 9', 'town hall winter river lantern');
    await office.loadRoster(fixture('roster-sjis.csv'));
    await office.issue(thisMonth(), `${ORIGIN}/jokatsu/w.html`);
    await expect(page.getByRole('status').filter({ hasText: '発行鍵 9 は、アプリが信頼する鍵一覧にありません' })).toBeVisible();
    await expect(office.issuedRows()).toHaveCount(0);
    expect(downloads).toBe(0);
  });

  await test.step('a month issued before, then issued again with an older register', async () => {
    await office.openKey(fixture('demo-issuer-1.key'), '鍵 1');
    await office.issue(thisMonth(), `${ORIGIN}/jokatsu/w.html`);
    await expect(office.issuedRows()).toHaveCount(3);
    // Another day: she chooses an empty register file (the one from before this month).
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'jokatsu-reg-'));
    const old = path.join(tmp, 'old-register.json');
    fs.writeFileSync(old, JSON.stringify({ format: 'jokatsu-issuance-register', version: 1, allocations: [] }));
    await page.getByLabel('発行台帳（前回保存したもの。初回は不要）').setInputFiles(old);
    downloads = 0;
    await page.getByRole('button', { name: '発行する', exact: true }).click();
    const risk = page.getByTestId('reissue-risk');
    await expect(risk).toContainText('すでに発行されているかもしれません');
    await expect(risk).toContainText('3 件');
    expect(downloads).toBe(0);
    // With the facts in front of her, she may still confirm.
    await risk.getByLabel('発行台帳がないことを確かめました。このまま発行します').check();
    await page.getByRole('button', { name: '発行する', exact: true }).click();
    await expect(risk).toHaveCount(0);
  });
});

test('the people who get nothing this month are named with the reason, on screen and in a CSV', async ({ page, log }) => {
  const office = new OfficePage(page);
  await page.setViewportSize({ width: 1280, height: 900 });
  await office.goto();
  await office.openKey(fixture('demo-issuer-1.key'), '鍵 1');
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'jokatsu-roster-'));
  const roster = path.join(tmp, 'roster.csv');
  // B0002's child turned 3 long ago; B0003 returns to work next year.
  const nextYear = new Date().getFullYear() + 1;
  fs.writeFileSync(roster, '\ufeff受給者番号,氏名,事業所番号,事業所名,子の生年月日,復職日,連絡先\n'
    + 'B0001,近文 桜,101,株式会社あさひ,2025/6/1,2026/4/1,\n'
    + 'B0002,豊岡 椿,101,株式会社あさひ,2015/6/1,2016/4/1,\n'
    + `B0003,東光 楓,102,かぐら商店,2025/6/1,${nextYear}/6/1,\n`);
  await office.loadRoster(roster);
  await office.issue(thisMonth(), `${ORIGIN}/jokatsu/w.html`);
  await expect(office.issuedRows()).toHaveCount(1);
  await expect(page.getByRole('status').filter({ hasText: '1 人に発行しました' })).toContainText('発行しなかった 2 人');
  const rows = page.getByTestId('not-issued-row');
  await expect(rows).toHaveCount(2);
  await expect(rows.filter({ hasText: '豊岡 椿' })).toContainText('3歳');
  await expect(rows.filter({ hasText: '東光 楓' })).toContainText('復職日');
  const dl = page.waitForEvent('download');
  await page.getByRole('button', { name: '発行しなかった人の CSV を保存' }).click();
  const csv = fs.readFileSync(await (await dl).path()!, 'utf8');
  expect(csv.charCodeAt(0)).toBe(0xfeff);
  expect(csv).toContain('豊岡 椿');
  expect(csv).toContain('東光 楓');
  await axeLightAndDark(page);
});
