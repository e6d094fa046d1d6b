import { expect, test } from '../support/test.ts';
import { cleanupRun, docker, runFixture } from '../support/docker-cli.ts';
import { E2E } from '../support/env.ts';
import { screenshot, setTheme, signIn } from '../support/session.ts';

let busy = '';

test.beforeAll(async () => {
  busy = await runFixture(`pt-e2e-stats-${Date.now()}`, ['--cpus', '0.5'], ['sh', '-c', 'while :; do :; done']);
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

test('opening the stats page of a container nobody watched, after 2 minutes, shows 2 minutes of history at once', async ({ page }) => {
  test.setTimeout(200_000);
  await signIn(page);
  // The scenario: a container runs for two minutes while no page shows it (no stats stream open).
  // The global setup started it before the first spec; alone, this spec waits the rest out.
  const unwatched = E2E.unwatchedName;
  const [running, started] = (await docker(['inspect', '-f', '{{.State.Running}} {{.State.StartedAt}}', unwatched])).split(' ');
  expect(running).toBe('true');
  const startedAt = Date.parse(started as string);
  await page.waitForTimeout(Math.max(0, 122_000 - (Date.now() - startedAt)));
  const metrics = await (await page.request.get('/api/metrics')).text();
  expect(metrics).not.toMatch(/^porthole_upstream_streams\{topic="stats",engine="local"\} [1-9]/m);
  await page.goto(`/containers/${unwatched}/stats`);
  await expect
    .poll(async () => Number(await page.getByTestId('stats-history').getAttribute('data-seconds')), { timeout: 3000 })
    .toBeGreaterThanOrEqual(105);
  await expect(page.getByRole('status', { name: /Stream live/ })).toBeVisible();
  await setTheme(page, 'dark');
  await screenshot(page, 'stats-dark');
});
