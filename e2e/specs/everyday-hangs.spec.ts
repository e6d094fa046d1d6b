import { expect, test } from '../support/test.ts';
import { type CountingProxy, startCountingProxy } from '../../apps/server/test/counting-proxy.ts';
import { cleanupRun, runFixture } from '../support/docker-cli.ts';
import { E2E } from '../support/env.ts';
import { type SecondServer, startSecondServer } from '../support/second-server.ts';
import { screenshot, setTheme, signIn } from '../support/session.ts';

const tag = `${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}`;
const slowName = `pt-e2e-slow-${tag}`;
const limitedName = `pt-e2e-limited-${tag}`;
const checkedName = `pt-e2e-checked-${tag}`;
let proxy: CountingProxy;
let server: SecondServer;

/**
 * One container whose inspect never answers (a unix-socket proxy in front of the engine holds
 * it, the test-only delay of the server's own container-list test) must not make Resource
 * limits or Health spin: both render every other container and mark that one, with a Retry.
 */
test.beforeAll(async () => {
  test.setTimeout(120_000);
  const slow = await runFixture(slowName, ['--memory', '32m']);
  await runFixture(limitedName, ['--cpus', '0.5', '--memory', '64m']);
  await runFixture(checkedName, ['--health-cmd', 'true', '--health-interval', '1s']);
  proxy = await startCountingProxy(undefined, { hold: new RegExp(`^GET /v[\\d.]+/containers/${slow}/json|^GET /containers/${slow}/json`) });
  server = await startSecondServer(E2E.port + 1, { DOCKER_HOST: proxy.dockerHost, PORTHOLE_STATS_SAMPLE_SECONDS: '0' });
});

test.afterAll(async () => {
  await server?.close();
  await proxy?.close();
  await cleanupRun();
});

test('limits and health render the other rows and mark the container whose inspect timed out, with Retry', async ({ page }) => {
  test.setTimeout(90_000);
  await signIn(page, server.base);
  const started = Date.now();
  await page.goto(`${server.base}/limits?q=${tag}`);
  // Within the server's per-row deadline (5 s) and a margin — never the browser's spinner forever.
  await expect(page.getByTestId(`limits-row-${limitedName}`)).toBeVisible({ timeout: 15_000 });
  expect(Date.now() - started).toBeLessThan(15_000);
  await expect(page.getByTestId(`limits-row-${limitedName}`)).toContainText('0.5');
  await expect(page.getByTestId(`limits-row-${checkedName}`)).toBeVisible();
  const unread = page.getByTestId(`unread-${slowName}`);
  await expect(unread).toContainText('inspect timed out');
  await expect(page.getByRole('button', { name: `Retry ${slowName}` })).toBeVisible();
  expect(proxy.calls.some((c) => c.line.includes('/json') && c.line.includes('containers/') && !c.line.includes('containers/json'))).toBe(
    true,
  );
  for (const scheme of ['light', 'dark'] as const) {
    await setTheme(page, scheme);
    await screenshot(page, `limits-unread-${scheme}`);
  }

  await page.goto(`${server.base}/health?q=${tag}`);
  await expect(page.getByTestId(`health-${checkedName}`)).toBeVisible({ timeout: 15_000 });
  const card = page.getByRole('region', { name: 'Containers not read' });
  await expect(card).toContainText(slowName);
  await expect(card.getByTestId(`unread-${slowName}`)).toContainText('inspect timed out');
  // Retry inspects that one container again: still held, so it fails again with a reason, not a spinner.
  const retry = card.getByRole('button', { name: `Retry ${slowName}` });
  await retry.click();
  await expect(retry).toHaveAttribute('data-loading', 'true');
  await expect(retry).not.toHaveAttribute('data-loading', { timeout: 45_000 });
  await expect(card.getByTestId(`unread-${slowName}`)).toContainText(/timed out|did not answer/);
  await screenshot(page, 'health-unread-dark');
  await setTheme(page, 'light');
  await screenshot(page, 'health-unread-light');
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(`${server.base}/limits?q=${tag}`);
  await expect(page.getByTestId(`unread-${slowName}`)).toBeVisible({ timeout: 15_000 });
  await screenshot(page, 'limits-unread-phone');
});
