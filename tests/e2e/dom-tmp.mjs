import { chromium } from 'playwright-core';
import { chromiumArgs } from './bench/common.mjs';
const b = await chromium.launch({ executablePath: '/usr/bin/chromium', args: chromiumArgs });
for (const u of process.argv.slice(2)) {
const ctx = await b.newContext({ viewport: { width: 412, height: 823 }, locale: 'ja-JP' });
const page = await ctx.newPage();
await page.goto(u); await page.waitForSelector('#main'); await page.waitForTimeout(1000);
console.log(u.split('/').pop(), JSON.stringify(await page.evaluate(() => ({ nodes: document.querySelectorAll('*').length, text: document.body.innerText.length, h: document.documentElement.scrollHeight, sections: [...document.querySelectorAll('main > * > *, main > *')].slice(0,12).map(e => e.tagName + '.' + e.className.toString().split(' ')[0] + ':' + Math.round(e.getBoundingClientRect().top) + '+' + Math.round(e.getBoundingClientRect().height)) }))));
await ctx.close(); }
await b.close();
