// Offline per audience (public/sw.js, issue 27): a holder's first visit downloads her pages
// once each and never the shop's; after it every holder page opens offline, and the app
// says once that it is ready offline. Shop mode is kept on a device once opened there.
// The server compresses as a host would (brotli, the build's precompressed copies) and
// counts what it sent (`/__log`).
import { test, expect, ORIGIN } from './fixtures';

type Sent = { path: string; status: number; bytes: number };
const BASE = '/jokatsu/';
const HOLDER = ['index.html', 'c.html', 'm.html', 'w.html', 'r.html', 'b.html', 'd.html', 's.html'];
const SHOP = ['shop.html', 'shop-desk.html'];

async function serverLog(): Promise<Sent[]> {
  return (await fetch(`${ORIGIN}/__log`)).json();
}

async function compressed() {
  const res = await fetch(`${ORIGIN}/__control`, { method: 'POST', body: JSON.stringify({ feed: 'ok', compress: true }) });
  expect(res.status).toBe(204);
}

/** Files sent in full more than once (a 304 revalidation is not a download). */
function twice(sent: Sent[]): string[] {
  const seen = new Map<string, number>();
  for (const s of sent.filter((s) => s.status === 200)) seen.set(s.path, (seen.get(s.path) ?? 0) + 1);
  return [...seen].filter(([, n]) => n > 1).map(([p]) => p);
}

/** Whether the service worker's current cache holds `file`. */
async function kept(page: import('@playwright/test').Page, file: string): Promise<boolean> {
  return page.evaluate(async (file) => {
    for (const key of await caches.keys()) {
      if (key.startsWith('jokatsu-shell-') && await (await caches.open(key)).match(file)) return true;
    }
    return false;
  }, file);
}

test("a holder's first visit: each file once, none of the shop's; every holder page then opens offline; ready offline said once", async ({ page, context, log }) => {
  log.allowErrors.push(/Failed to load resource|net::ERR/);
  await compressed();
  await serverLog();
  const ready = page.getByTestId('offline-ready');

  await test.step('the home page, once, online: the app says it is ready offline', async () => {
    await page.goto('./');
    await expect(page.locator('main h1')).toBeVisible();
    await expect(ready).toHaveText('この端末で、オフラインでも使えるようになりました。', { timeout: 30_000 });
  });

  const sent = await serverLog();
  await test.step('each file was downloaded once, the shop pages not at all', async () => {
    expect(twice(sent), 'downloaded twice').toEqual([]);
    const shopFiles = sent.filter((s) => /shop|precache-shop/.test(s.path));
    expect(shopFiles, "the shop's pages").toEqual([]);
    const wasm = sent.filter((s) => s.path.endsWith('.wasm') && s.status === 200).map((s) => s.path);
    // The home page's WebAssembly came once (the page's), the others' in the pack.
    expect(wasm.length, `WebAssembly files sent one by one: ${wasm}`).toBe(1);
    expect(sent.some((s) => /\/precache-holder-[0-9a-f]{16}\.bin$/.test(s.path) && s.status === 200), 'the pack').toBe(true);
    for (const file of SHOP) expect(await kept(page, file), file).toBe(false);
  });

  await context.setOffline(true);
  for (const file of HOLDER) {
    await test.step(`offline: ${file}`, async () => {
      await page.goto(file);
      await expect(page.locator('main h1')).toBeVisible();
      await expect(page.locator('#app-loading')).toHaveCount(0);
    });
  }

  await test.step('said once: not again on a later visit', async () => {
    await page.goto('./');
    await expect(page.locator('main h1')).toBeVisible();
    // The worker's answer to this page's question has come (the page is controlled and the
    // worker answers at once from its cache).
    await page.evaluate(() => new Promise<void>((resolve) => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => resolve();
      navigator.serviceWorker.controller!.postMessage({ type: 'PRECACHE', audience: 'holder' }, [channel.port2]);
    }));
    await expect(ready).toBeEmpty();
  });
  await context.setOffline(false);
});

test('shop mode opened on a holder\'s device is kept from then on and works offline; its files come once', async ({ page, context, log }) => {
  log.allowErrors.push(/Failed to load resource|net::ERR/);
  await compressed();
  const ready = page.getByTestId('offline-ready');
  await page.goto('./');
  await expect(ready).not.toBeEmpty({ timeout: 30_000 });
  await serverLog();

  await test.step('shop mode, opened the first time: said ready offline for it too', async () => {
    await page.goto('shop.html');
    await expect(page.locator('main h1')).toBeVisible();
    await expect(ready).toHaveText('この端末で、オフラインでも使えるようになりました。', { timeout: 30_000 });
    for (const file of SHOP) expect(await kept(page, file), file).toBe(true);
    const sent = await serverLog();
    expect(twice(sent), 'downloaded twice').toEqual([]);
    expect(sent.filter((s) => s.path.startsWith(BASE + 'jokatsu-shop') && s.path.endsWith('.wasm')).length).toBe(2);
  });

  await context.setOffline(true);
  for (const file of SHOP) {
    await test.step(`offline: ${file}`, async () => {
      await page.goto(file);
      await expect(page.locator('main h1')).toBeVisible();
    });
  }
  await context.setOffline(false);
});
