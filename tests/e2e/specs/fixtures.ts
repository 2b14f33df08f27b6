// Shared fixtures: every test records the browser's requests and console, and fails if the
// app contacts any origin but its own or logs an error (CSP violations log as errors too).
import { test as base, expect, Page, BrowserContext } from '@playwright/test';
import fs from 'node:fs';
import path from 'node:path';

export const ORIGIN = `http://127.0.0.1:${process.env.E2E_PORT || '4173'}`;

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
    // @ts-ignore axe is injected above
    const result = await axe.run(within ?? document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] } });
    return result.violations.map((v: any) => ({ id: v.id, help: v.help, nodes: v.nodes.map((n: any) => n.target.join(' ')) }));
  }, within);
}

/** Open the app at a hash route and wait until it has rendered. */
export async function open(page: Page, hash = '#/') {
  await page.goto(hash);
  await expect(page.locator('main h1')).toBeVisible();
}
