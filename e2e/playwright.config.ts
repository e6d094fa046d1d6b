import { defineConfig } from '@playwright/test';
import { BUILT_SERVER_ARGS, BUILT_SERVER_ENV, WEB_DIST, ensureBuiltServer } from '../apps/server/test/built-server.ts';
import { E2E } from './support/env.ts';

// The suite runs the built server — what ships (node on the esbuild bundle, with source maps):
// built here when it is missing or older than its sources (scripts/test.sh builds it beforehand).
// Here and not in globalSetup: Playwright starts the webServer before globalSetup runs. Only in
// the runner's process: workers load this file too, while the server runs from that build.
if (!E2E.external && process.env.TEST_WORKER_INDEX === undefined) ensureBuiltServer();

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
        // Its output also goes to E2E.serverLog (teams.spec greps it for secrets).
        command: `sh -c 'node ${BUILT_SERVER_ARGS.join(' ')} 2>&1 | tee ${E2E.serverLog}'`,
        url: `${E2E.baseURL}/api/health`,
        reuseExistingServer: false,
        timeout: 60_000,
        stdout: 'pipe',
        stderr: 'pipe',
        env: {
          ...BUILT_SERVER_ENV,
          PORT: String(E2E.port),
          HOST: '127.0.0.1',
          PORTHOLE_DATA_DIR: E2E.dataDir,
          PORTHOLE_ADMIN_PASSWORD: E2E.password,
          PORTHOLE_WEB_DIST: WEB_DIST,
          LOG_LEVEL: 'warn',
        },
      },
});
