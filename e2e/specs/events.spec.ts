import { expect, test } from '../support/test.ts';
import { E2E } from '../support/env.ts';
import { cleanupRun, docker, runFixture } from '../support/docker-cli.ts';
import { screenshot, setTheme, signIn } from '../support/session.ts';

test.afterAll(async () => {
  await cleanupRun();
});

test('events: CLI start/stop/kill/die/health_status/network connect appear within 1 s', async ({ page }) => {
  const name = `pt-e2e-ev-${Date.now()}`;
  const before = await runFixture(`${name}-old`, [], ['true']);
  await signIn(page);
  await setTheme(page, 'dark');
  await page.goto('/events');
  const table = page.getByRole('table', { name: 'Engine events' });
  // History: the container started before the page opened is there (backfilled with since).
  await expect(
    table
      .getByRole('row')
      .filter({ hasText: `${name}-old` })
      .first(),
  ).toBeVisible();
  expect(before).toBeTruthy();

  const row = (action: RegExp, who: string) => table.getByRole('row').filter({ hasText: who }).filter({ hasText: action }).first();
  const id = await runFixture(name, ['--health-cmd', 'true', '--health-interval', '1s'], ['sleep', '3600']);
  await expect(row(/^start$|start/, name)).toBeVisible({ timeout: 1000 });
  await expect(row(/health_status/, name)).toBeVisible({ timeout: 4000 });
  const net = `${name}-net`;
  await docker(['network', 'create', '--label', 'porthole.test=1', '--label', E2E.runLabel, net]);
  await docker(['network', 'connect', net, id]);
  await expect(row(/connect/, net)).toBeVisible({ timeout: 1000 });
  await docker(['kill', id]);
  await expect(row(/kill/, name)).toBeVisible({ timeout: 1000 });
  await expect(row(/die/, name)).toBeVisible({ timeout: 1000 });
  await docker(['start', id]);
  await docker(['stop', '-t', '0', id]);
  await expect(row(/stop/, name)).toBeVisible({ timeout: 1000 });

  // Filters narrow the list and stay in the URL.
  await page.getByRole('textbox', { name: 'Action' }).fill('kill');
  await expect(page).toHaveURL(/action=kill/);
  await expect(table.getByRole('row').filter({ hasText: 'start' })).toHaveCount(0);
  await page.getByRole('textbox', { name: 'Action' }).fill('');
  await screenshot(page, 'events-dark');
});
