import { chromium } from 'playwright-core';
const base = 'http://127.0.0.1:4400/jokatsu/';
const page0 = process.argv[2] || 'c.html';
// Capture the app's body once.
let b = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox','--disable-gpu'] });
let p = await b.newPage({ viewport: { width: 412, height: 823 } });
await p.goto(base + page0); await p.waitForSelector('main h1'); await p.waitForTimeout(1000);
const body = await p.evaluate(() => document.body.innerHTML);
const css = await p.evaluate(() => [...document.querySelectorAll('link[rel=stylesheet]')].map(l => l.href));
await b.close();
const variants = {
  asis: '',
  nophrase: ':lang(ja){word-break:normal !important}',
  cv: '.check-card,.card{content-visibility:auto;contain-intrinsic-size:auto 12rem}',
};
const res = {};
for (let i = 0; i < 5; i++) for (const [name, extra] of Object.entries(variants)) {
  b = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox','--disable-gpu'] });
  p = await b.newPage({ viewport: { width: 412, height: 823 } });
  await p.goto(base + 'feed/feed.json');
  const t = await p.evaluate(async ([body, css, extra]) => {
    document.documentElement.lang = 'ja';
    document.head.innerHTML = '';
    for (const h of css) { const l = document.createElement('link'); l.rel = 'stylesheet'; l.href = h; document.head.append(l); await new Promise(r => l.onload = r); }
    const s = document.createElement('style'); s.textContent = extra; document.head.append(s);
    document.body.innerHTML = '<p>読み込み中… / Loading…</p>'; document.body.offsetHeight;
    await new Promise(r => setTimeout(r, 50));
    const t0 = performance.now();
    document.body.innerHTML = body; document.body.offsetHeight;
    const t1 = performance.now();
    await new Promise(r => requestAnimationFrame(() => setTimeout(r, 0)));
    const t2 = performance.now();
    return [t1 - t0, t2 - t0];
  }, [body, css, extra]);
  (res[name] ??= []).push(t.map(x => x.toFixed(0)).join('/'));
  await b.close();
}
console.log(page0, JSON.stringify(res));
