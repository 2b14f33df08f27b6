import { defineConfig } from '@playwright/test';

// The production build (scripts/test.sh builds it into target/prod/ with a root key made by
// the office's own tool): the whole chain on the city's own keys, in headless Chromium.
// The same browser and page settings as the main suite, its own port and folders.
process.env.E2E_PORT = process.env.E2E_PORT || '4174';
const port = process.env.E2E_PORT;
// Imported after the port is set: the main config reads it.
// eslint-disable-next-line @typescript-eslint/no-var-requires
const base = require('./playwright.config').default;

export default defineConfig({
  ...base,
  testDir: './production',
  globalSetup: undefined,
  // One chain, one worker, one server.
  workers: 1,
  timeout: 300_000,
  use: { ...base.use, baseURL: `http://127.0.0.1:${port}/jokatsu/` },
  webServer: {
    command: 'node server.mjs',
    reuseExistingServer: false,
    url: `http://127.0.0.1:${port}/jokatsu/w.html`,
    env: {
      PORT: port,
      E2E_DIST: '../../target/prod/dist',
      E2E_DIST_OFFICE: '../../target/prod/dist-office',
    },
  },
});
