import { expect, test } from '@playwright/test';
import { cleanupRun, runFixture } from '../support/docker-cli.ts';
import { screenshot, setTheme, signIn } from '../support/session.ts';

/** Started first: the last test opens its stats page after two minutes of running. */
let busy = '';
let startedAt = 0;

test.beforeAll(async () => {
  busy = await runFixture(`pt-e2e-stats-${Date.now()}`, ['--cpus', '0.5'], ['sh', '-c', 'while :; do :; done']);
  startedAt = Date.now();
});
test.afterAll(async () => {
  await cleanupRun();
});

test('stats page shows live CPU near 50 % for a --cpus 0.5 busy loop, memory and charts', async ({ page }) => {
  await signIn(page);
  await setTheme(page, 'light');
  await page.goto(`/containers/${busy}/stats`);
  await expect(page.getByRole('status', { name: /Stream live/ })).toBeVisible();
  await expect
    .poll(async () => parseFloat((await page.getByLabel('CPU', { exact: true }).textContent()) ?? '0'), { timeout: 15_000 })
    .toBeGreaterThan(40);
  await expect(page.getByLabel('Memory', { exact: true })).toHaveText(/iB$/);
  await expect(page.getByRole('img', { name: 'CPU chart' })).toBeVisible();
});

test('opening the stats page after 2 minutes shows 2 minutes of history at once', async ({ page }) => {
  test.setTimeout(200_000);
  // Keep one subscriber so the server keeps the stream (and its history) open meanwhile.
  await signIn(page);
  await page.goto(`/containers/${busy}/stats`);
  await expect(page.getByRole('status', { name: /Stream live/ })).toBeVisible();
  await page.waitForTimeout(Math.max(0, 122_000 - (Date.now() - startedAt)));
  const second = await page.context().newPage();
  await second.goto(`/containers/${busy}/stats`);
  await expect
    .poll(async () => Number(await second.getByTestId('stats-history').getAttribute('data-seconds')), { timeout: 3000 })
    .toBeGreaterThanOrEqual(110);
  await setTheme(second, 'dark');
  await expect
    .poll(async () => Number(await second.getByTestId('stats-history').getAttribute('data-seconds')), { timeout: 3000 })
    .toBeGreaterThanOrEqual(110);
  await screenshot(second, 'stats-dark');
});
