// The office page's second core (src/platform/worker.rs): loads the page's own
// WebAssembly module and answers settlement verification requests with its exported
// `verify_ahead` (domain `VerifyAhead`). Same origin only; nothing leaves the browser.
let glue = null;
self.onmessage = async (event) => {
  const m = event.data;
  try {
    if (m.kind === 'init') {
      const module = await import(m.glue);
      await module.default({ module_or_path: m.wasm });
      glue = module;
      self.postMessage({ kind: 'ready' });
    } else if (m.kind === 'verify' && glue) {
      self.postMessage({ kind: 'answer', answer: glue.verify_ahead(m.request) });
    } else {
      self.postMessage({ kind: 'failed', error: 'not ready' });
    }
  } catch (e) {
    self.postMessage({ kind: 'failed', error: String(e) });
  }
};
