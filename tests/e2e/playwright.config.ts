import { defineConfig } from '@playwright/test';

// Debian's Chromium, headless, with the flags this closed network needs (shared with the
// benchmarks). Tests run against the release build in dist/ (a wasm-opt fault only shows there).
import { chromiumArgs } from './bench/common.mjs';
export { chromiumArgs };

// Two workers, each with its own server on its own port (the base port and the next): a test
// that tells its server to answer the feed badly (POST /__control) never reaches the other
// worker's pages. Specs reach their server through `ORIGIN` (specs/fixtures.ts).
export const WORKERS = 2;
const basePort = Number(process.env.E2E_PORT || '4173');
const port = basePort + Number(process.env.TEST_PARALLEL_INDEX || 0);

export default defineConfig({
  testDir: './specs',
  globalSetup: './global-setup.ts',
  fullyParallel: false,
  workers: WORKERS,
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
  webServer: Array.from({ length: WORKERS }, (_, i) => ({
    command: 'node server.mjs',
    url: `http://127.0.0.1:${basePort + i}/jokatsu/`,
    reuseExistingServer: false,
    env: { PORT: String(basePort + i) },
  })),
});
