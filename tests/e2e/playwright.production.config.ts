import { defineConfig } from '@playwright/test';

// The production build (scripts/test.sh builds it into target/prod/ with a root key made by
// the office's own tool): the whole chain on the city's own keys, in headless Chromium.
import { chromiumArgs } from './bench/common.mjs';

process.env.E2E_PORT = process.env.E2E_PORT || '4174';
const port = process.env.E2E_PORT;

export default defineConfig({
  testDir: './production',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 300_000,
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
    env: {
      PORT: port,
      E2E_DIST: '../../target/prod/dist',
      E2E_DIST_OFFICE: '../../target/prod/dist-office',
    },
  },
});
