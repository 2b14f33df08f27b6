// Runs the scanner benchmark page (target/bench/scan, built by scripts/bench.sh) in headless
// Chromium and prints its result: per frame, the app's decode + verify time and jsQR's
// decode time (median of 15) and whether each read the ticket.
// Usage: node bench/scan.mjs URL_OF_PAGE > result.json
import { chromium } from 'playwright-core';
import { chromiumArgs } from './common.mjs';

const [url] = process.argv.slice(2);
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: chromiumArgs });
const page = await browser.newPage();
await page.goto(url);
await page.waitForFunction(() => window.benchResult, null, { timeout: 300_000 });
console.log(JSON.stringify(await page.evaluate(() => window.benchResult), null, 2));
await browser.close();
