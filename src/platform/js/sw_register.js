// Service worker registration, the update prompt and "ready offline" (platform glue, see sw.rs).
let waiting = null;

export function registerServiceWorker(audience, onUpdate, onOfflineReady) {
  if (!('serviceWorker' in navigator)) return;
  const notify = (worker) => { waiting = worker; onUpdate(); };
  navigator.serviceWorker.register('sw.js').then((reg) => {
    if (reg.waiting && navigator.serviceWorker.controller) notify(reg.waiting);
    // A phone keeps the app open for days: check for a new version whenever it comes back
    // to the foreground (at most once a minute), not only when a page is loaded.
    let checked = Date.now();
    document.addEventListener('visibilitychange', () => {
      if (document.visibilityState !== 'visible' || Date.now() - checked < 60000) return;
      checked = Date.now();
      reg.update().catch(() => { /* offline: try again next time */ });
    });
    reg.addEventListener('updatefound', () => {
      const worker = reg.installing;
      if (!worker) return;
      worker.addEventListener('statechange', () => {
        if (worker.state === 'installed' && navigator.serviceWorker.controller) notify(worker);
      });
    });
  }).catch(() => { /* offline-first is a bonus; the app works without it */ });
  // Once a worker is active (its install kept the first visit's files), ask it to keep this
  // page's audience too; it answers `first` the first time this device is ready offline.
  navigator.serviceWorker.ready.then((reg) => {
    if (!reg.active) return;
    const channel = new MessageChannel();
    channel.port1.onmessage = (event) => {
      if (event.data && event.data.ready && event.data.first) onOfflineReady();
      channel.port1.close();
    };
    reg.active.postMessage({ type: 'PRECACHE', audience }, [channel.port2]);
  });
  let reloading = false;
  navigator.serviceWorker.addEventListener('controllerchange', () => {
    if (waiting && !reloading) { reloading = true; window.location.reload(); }
  });
}

export function applyUpdate() {
  if (waiting) waiting.postMessage({ type: 'SKIP_WAITING' });
  else window.location.reload();
}
