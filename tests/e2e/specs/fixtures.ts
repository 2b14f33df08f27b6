// Shared fixtures: every test records the browser's requests and console, and fails if the
// app contacts any origin but its own or logs an error (CSP violations log as errors too).
import { test as base, expect, Page, BrowserContext } from '@playwright/test';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

// This worker's own server (playwright.config.ts: one per worker, from the base port up).
export const ORIGIN = `http://127.0.0.1:${Number(process.env.E2E_PORT || '4173') + Number(process.env.TEST_PARALLEL_INDEX || 0)}`;

export async function setFeed(mode: string, feedBody: string | null = null, swSuffix = '') {
  const res = await fetch(`${ORIGIN}/__control`, { method: 'POST', body: JSON.stringify({ feed: mode, feedBody, swSuffix }) });
  expect(res.status).toBe(204);
}

type Log = { requests: string[]; errors: string[]; allowErrors: RegExp[] };

export const test = base.extend<{ log: Log }>({
  log: async ({ context }, use) => {
    const log: Log = { requests: [], errors: [], allowErrors: [] };
    const watch = (ctx: BrowserContext) => {
      ctx.on('request', (r) => log.requests.push(r.url()));
      ctx.on('console', (m) => { if (m.type() === 'error') log.errors.push(m.text()); });
      ctx.on('weberror', (e) => log.errors.push(String(e.error())));
    };
    watch(context);
    await setFeed('ok');
    await use(log);
    await setFeed('ok');
    const foreign = log.requests.filter((u) => !u.startsWith(ORIGIN + '/') && !u.startsWith('data:') && !u.startsWith('blob:'));
    expect(foreign, 'requests to other origins').toEqual([]);
    const errors = log.errors.filter((e) => !log.allowErrors.some((re) => re.test(e)));
    expect(errors, 'console errors').toEqual([]);
  },
});
export { expect };

const axeSource = fs.readFileSync(path.join(__dirname, '..', 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');

/** Run axe-core at WCAG 2.2 AA tags and return the violations (id + nodes); `within` (a
 *  CSS selector) limits the run to one part of the page, e.g. an open modal dialog. */
export async function axeViolations(page: Page, within?: string) {
  await page.evaluate(axeSource);
  return page.evaluate(async (within) => {
    // The page leaves cards below the screen unlaid out until scrolled to
    // (`content-visibility: auto`); axe measures sizes and overlaps (target size, contrast), so
    // it checks every element laid out as it is once on screen, not a half-laid-out list
    // whose state depends on timing.
    // (Set through the CSSOM, which the page's CSP allows; a <style> element it would refuse.)
    const deferred = [...document.querySelectorAll<HTMLElement>('*')]
      .filter((el) => getComputedStyle(el).contentVisibility === 'auto');
    for (const el of deferred) el.style.setProperty('content-visibility', 'visible', 'important');
    // From the top of the page: wherever a test left it scrolled (or a scroll into view is
    // still under way), a button half under the sticky header would count as too small a
    // target at that moment only.
    const scrolled = window.scrollY;
    window.scrollTo({ top: 0, behavior: 'instant' });
    try {
      // @ts-ignore axe is injected above
      const result = await axe.run(within ?? document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] } });
      return result.violations.map((v: any) => ({ id: v.id, help: v.help, nodes: v.nodes.map((n: any) => n.target.join(' ')) }));
    } finally {
      for (const el of deferred) el.style.removeProperty('content-visibility');
      window.scrollTo({ top: scrolled, behavior: 'instant' });
    }
  }, within);
}

/** axe-core in the light and then the dark colour scheme (see `axeViolations`), back to
 *  light after. */
export async function axeLightAndDark(page: Page, within?: string) {
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    expect(await axeViolations(page, within), `${scheme}${within ? ' ' + within : ''}`).toEqual([]);
  }
  await page.emulateMedia({ colorScheme: 'light' });
}

/** Open the app at a hash route and wait until it has rendered. */
export async function open(page: Page, hash = '#/') {
  await page.goto(hash);
  await expect(page.locator('main h1')).toBeVisible();
}

/** A greyscale PNG of `w`×`h` pixels (`pixels`: one byte per pixel, row by row). */
export function greyPng(w: number, h: number, pixels: Buffer): Buffer {
  const raw = Buffer.alloc((w + 1) * h);
  for (let y = 0; y < h; y++) pixels.copy(raw, y * (w + 1) + 1, y * w, (y + 1) * w);
  const crcTable = Array.from({ length: 256 }, (_, n) => { let c = n; for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1; return c >>> 0; });
  const crc = (b: Buffer) => { let c = 0xffffffff; for (const x of b) c = crcTable[(c ^ x) & 0xff] ^ (c >>> 8); return (c ^ 0xffffffff) >>> 0; };
  const chunk = (type: string, body: Buffer) => {
    const len = Buffer.alloc(4); len.writeUInt32BE(body.length);
    const tb = Buffer.concat([Buffer.from(type), body]);
    const c = Buffer.alloc(4); c.writeUInt32BE(crc(tb));
    return Buffer.concat([len, tb, c]);
  };
  const ihdr = Buffer.alloc(13); ihdr.writeUInt32BE(w, 0); ihdr.writeUInt32BE(h, 4); ihdr[8] = 8; ihdr[9] = 0;
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', zlib.deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}

/** The fake camera's frame (Y plane of a one-frame 4:2:0 Y4M) as a greyscale PNG "photo". */
export function y4mToPng(file: string): Buffer {
  const data = fs.readFileSync(file);
  const header = data.subarray(0, data.indexOf(0x0a)).toString();
  const w = Number(/ W(\d+)/.exec(header)![1]);
  const h = Number(/ H(\d+)/.exec(header)![1]);
  const frame = data.indexOf(Buffer.from('FRAME\n')) + 6;
  return greyPng(w, h, data.subarray(frame, frame + w * h));
}
