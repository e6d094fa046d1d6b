import path from 'node:path';
import { defineConfig } from '@playwright/test';
import { E2E } from './support/env.ts';

export default defineConfig({
  testDir: './specs',
  // The classroom smoke spec needs the compose stack of scripts/classroom-test.sh, which sets this.
  testIgnore: process.env.PORTHOLE_CLASSROOM_TEST ? [] : ['**/classroom.smoke.spec.ts'],
  outputDir: './test-results',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: process.env.PLAYWRIGHT_JSON_OUTPUT_NAME ? [['list'], ['json']] : [['list']],
  globalSetup: './support/global-setup.ts',
  use: {
    baseURL: E2E.baseURL,
    viewport: { width: 1280, height: 800 },
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--js-flags=--expose-gc',
      ],
    },
    trace: 'off',
    screenshot: 'only-on-failure',
  },
  webServer: E2E.external
    ? undefined
    : {
        command: 'node --max-old-space-size=512 --import tsx src/server.ts',
        cwd: path.resolve(import.meta.dirname, '../apps/server'),
        url: `${E2E.baseURL}/api/health`,
        reuseExistingServer: false,
        timeout: 60_000,
        stdout: 'pipe',
        stderr: 'pipe',
        env: {
          PORT: String(E2E.port),
          HOST: '127.0.0.1',
          PORTHOLE_DATA_DIR: E2E.dataDir,
          PORTHOLE_ADMIN_PASSWORD: E2E.password,
          LOG_LEVEL: 'warn',
        },
      },
});
