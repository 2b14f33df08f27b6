// Times the app's decoder path (WebAssembly: decode + verify) and jsQR (decode only) on the
// same 1280×720 frames, each frame RUNS times (the two alternating, so that load from
// elsewhere on the machine falls on both alike), after one untimed pass over every frame
// (JIT warm-up; a till scans continuously), and leaves the result in window.benchResult.
const RUNS = 15;
const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };
addEventListener('TrunkApplicationStarted', () => {
  const b = window.wasmBindings;
  const want = b.ticket_text();
  const rows = [];
  const frames = b.frames();
  for (const [, data] of frames) {
    b.app_read(1280, 720, data);
    jsQR(data, 1280, 720, { inversionAttempts: 'dontInvert' });
  }
  for (const [name, data] of frames) {
    const app = []; const js = []; let appOk = 0; let jsOk = 0;
    for (let i = 0; i < RUNS; i++) {
      let t = performance.now();
      if (b.app_read(1280, 720, data) === want) appOk++;
      app.push(performance.now() - t);
      t = performance.now();
      const found = jsQR(data, 1280, 720, { inversionAttempts: 'dontInvert' });
      if (found && found.data === want) jsOk++;
      js.push(performance.now() - t);
    }
    rows.push({ frame: name, app_ms: +median(app).toFixed(2), app_ok: appOk === RUNS, jsqr_ms: +median(js).toFixed(2), jsqr_ok: jsOk === RUNS });
  }
  window.benchResult = rows;
  document.getElementById('out').textContent = JSON.stringify(rows, null, 2);
});
