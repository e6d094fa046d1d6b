import { expect, test } from '../support/test.ts';
import { cleanupRun, docker, runFixture } from '../support/docker-cli.ts';
import { holdContainerLock } from '../../apps/server/test/engine-lock.ts';
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

test('the CPU chart draws only what was measured: no zero for a first frame, a stopped container is a gap', async ({ page }) => {
  test.setTimeout(120_000);
  await signIn(page);
  await page.goto(`/containers/${busy}/stats`);
  await expect(page.getByRole('status', { name: /Stream live/ })).toBeVisible();
  const chart = page.getByRole('img', { name: 'CPU chart' });
  const attr = async (name: string) => Number(await chart.getAttribute(name));
  await expect.poll(() => attr('data-points'), { timeout: 20_000 }).toBeGreaterThanOrEqual(5);
  // A --cpus 0.5 busy loop is never measured near 0 %: a low point is an invented one.
  expect(await attr('data-lowest')).toBeGreaterThan(10);

  // Stopped for a while and started again: the stopped time is a gap, not zeros or a bridge.
  await docker(['stop', '-t', '0', busy]);
  await expect(page.getByRole('status', { name: /Stream live/ })).toBeHidden({ timeout: 20_000 });
  // What is shown as now is not the last value of a stopped container.
  await expect(page.getByLabel('CPU', { exact: true })).toHaveText('—');
  const stoppedAt = Date.now();
  await expect.poll(() => Date.now() - stoppedAt, { intervals: [1000] }).toBeGreaterThan(5000);
  await docker(['start', busy]);
  await expect.poll(() => attr('data-unmeasured'), { timeout: 30_000 }).toBeGreaterThan(0);
  const before = await attr('data-points');
  await expect.poll(() => attr('data-points'), { timeout: 20_000 }).toBeGreaterThan(before + 2);
  expect(await attr('data-lowest')).toBeGreaterThan(10);
  // Every chart breaks its line there (memory too: no line drawn across the stop).
  await expect.poll(() => page.getByRole('img', { name: 'Memory chart' }).getAttribute('data-unmeasured').then(Number)).toBeGreaterThan(0);
  await screenshot(page, 'stats-gap-light');
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

// Last in the file: while it holds a watched container's lock the engine sends no stats of any
// container, which would put a hole in the history the test before measures.
test('stats the engine holds back (a docker cp that does not finish) are said to be missing, not shown as current; they resume', async ({
  page,
}) => {
  await signIn(page);
  await setTheme(page, 'light');
  await page.goto(`/containers/${busy}/stats`);
  await expect(page.getByRole('status', { name: /Stream live/ })).toBeVisible();
  const memory = page.getByLabel('Memory', { exact: true });
  await expect(memory).toHaveText(/iB$/);
  const silent = page.getByTestId('stats-silent');
  await expect(silent).toHaveCount(0);

  const lock = holdContainerLock(busy);
  try {
    await expect(silent).toHaveText(/^No stats from the engine for [5-9] s\./, { timeout: 15_000 });
    // The last figures are not passed off as now's; the seconds count on.
    await expect(memory).toHaveText('—');
    await expect(page.getByLabel('CPU', { exact: true })).toHaveText('—');
    await expect(silent).toHaveText(/for (1\d|[7-9]) s/);
    await screenshot(page, 'stats-silent-light');
    await setTheme(page, 'dark');
    await screenshot(page, 'stats-silent-dark');
    await setTheme(page, 'light');
    await page.setViewportSize({ width: 390, height: 844 });
    await screenshot(page, 'stats-silent-phone');
    await page.setViewportSize({ width: 1280, height: 800 });
  } finally {
    lock.destroy();
  }
  await expect(silent).toHaveCount(0, { timeout: 15_000 });
  await expect(memory).toHaveText(/iB$/);
});
