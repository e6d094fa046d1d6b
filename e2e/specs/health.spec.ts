import { expect, test } from '../support/test.ts';
import { cleanupRun, runFixture } from '../support/docker-cli.ts';
import { screenshot, setTheme, signIn } from '../support/session.ts';

const uid = () => `${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}`;

test.afterAll(async () => {
  await cleanupRun();
});

test('/health: starting → healthy → unhealthy live, with the failing output and exit code in the health log', async ({ page }) => {
  test.setTimeout(90_000);
  const tag = uid();
  const name = `pt-e2e-health-${tag}`;
  const plain = `pt-e2e-nocheck-${tag}`;
  await runFixture(plain);
  await signIn(page);
  await page.goto(`/health?q=${tag}`);
  await expect(page.getByRole('table', { name: 'Containers without a healthcheck' })).toContainText(plain);

  // Healthy while /ok exists; the container removes it after 8 s.
  await runFixture(
    name,
    [
      '--health-cmd',
      'test -f /ok && echo all good || { echo "ok file is gone" >&2; exit 3; }',
      '--health-interval',
      '1s',
      '--health-retries',
      '2',
      '--health-timeout',
      '2s',
      '--health-start-period',
      '2s',
    ],
    ['sh', '-c', 'touch /ok; sleep 8; rm /ok; sleep 3600'],
  );
  const status = page.getByTestId(`health-status-${name}`);
  await expect(status).toHaveText('starting', { timeout: 3000 });
  await expect(status).toHaveText('healthy', { timeout: 10_000 });
  await expect(page.getByRole('table', { name: `Health log of ${name}` })).toContainText('all good');
  await expect(status).toHaveText('unhealthy', { timeout: 20_000 });
  const log = page.getByRole('table', { name: `Health log of ${name}` });
  await expect(log).toContainText('exit 3');
  await expect(log).toContainText('ok file is gone');
  await expect(page.getByTestId(`health-${name}`)).toContainText('failing streak');
  await expect(page.getByRole('table', { name: 'Health events' })).toContainText('unhealthy');

  await page.getByLabel(/Only unhealthy/).check();
  await expect(page).toHaveURL(/status=unhealthy/);
  await expect(page.getByTestId(`health-${name}`)).toBeVisible();
  await setTheme(page, 'dark');
  await expect(page.getByRole('table', { name: `Health log of ${name}` })).toContainText('exit 3');
  await screenshot(page, 'health-dark');
  await setTheme(page, 'light');
  await expect(page.getByRole('table', { name: `Health log of ${name}` })).toContainText('exit 3');
  await screenshot(page, 'health-light');
});
