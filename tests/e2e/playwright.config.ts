import { defineConfig } from '@playwright/test';

// Debian's Chromium, headless, with the flags this closed network needs (shared with the
// benchmarks). Tests run against the release build in dist/ (a wasm-opt fault only shows there).
import { chromiumArgs } from './bench/common.mjs';
export { chromiumArgs };

const port = process.env.E2E_PORT || '4173';

export default defineConfig({
  testDir: './specs',
  globalSetup: './global-setup.ts',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  reporter: [['list']],
  use: {
    baseURL: `http://127.0.0.1:${port}/jokatsu/`,
    locale: 'ja-JP',
    timezoneId: 'Asia/Tokyo',
    viewport: { width: 390, height: 844 },
    launchOptions: { executablePath: '/usr/bin/chromium', args: chromiumArgs },
    serviceWorkers: 'allow',
  },
  webServer: {
    command: 'node server.mjs',
    url: `http://127.0.0.1:${port}/jokatsu/`,
    reuseExistingServer: false,
    env: { PORT: port },
  },
});
