import { expect, type Page, test } from '../support/test.ts';
import { cleanupRun, docker, runFixture } from '../support/docker-cli.ts';
import { screenshot, setTheme, signIn } from '../support/session.ts';

const uid = () => `${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}`;

test.afterAll(async () => {
  await cleanupRun();
});

const row = (page: Page, name: string) => page.getByTestId(`container-row-${name}`);
const stateOf = (name: string) => docker(['inspect', '--format', '{{.State.Status}}', name]);

test('the list follows docker CLI create, stop and rm live, within 2 s and without reload', async ({ page }) => {
  await signIn(page);
  await page.goto('/containers');
  await expect(page.getByRole('heading', { name: 'Containers' })).toBeVisible();
  const name = `pt-e2e-live-${uid()}`;
  // A marker survives only if the page is not reloaded.
  await page.evaluate(() => {
    (window as unknown as { __noReload: boolean }).__noReload = true;
  });
  await runFixture(name);
  await expect(row(page, name)).toBeVisible({ timeout: 2000 });
  await expect(row(page, name).getByText('running', { exact: true })).toBeVisible({ timeout: 2000 });
  await docker(['stop', '-t', '0', name]);
  await expect(row(page, name).getByText('exited', { exact: true })).toBeVisible({ timeout: 2000 });
  await docker(['rm', name]);
  await expect(row(page, name)).toHaveCount(0, { timeout: 2000 });
  expect(await page.evaluate(() => (window as unknown as { __noReload?: boolean }).__noReload)).toBe(true);
});

test('filter keeps its value in the URL; bulk stop of three containers', async ({ page }) => {
  await signIn(page);
  const tag = uid();
  const names = [1, 2, 3].map((i) => `pt-e2e-bulk-${tag}-${i}`);
  for (const n of names) await runFixture(n);
  await page.goto('/containers');
  await page.getByLabel('Filter containers').fill(`pt-e2e-bulk-${tag}`);
  await expect(page).toHaveURL(new RegExp(`q=pt-e2e-bulk-${tag}`));
  for (const n of names) await expect(row(page, n)).toBeVisible();
  await page.reload();
  await expect(page.getByLabel('Filter containers')).toHaveValue(`pt-e2e-bulk-${tag}`);
  await page.getByRole('checkbox', { name: 'Select all shown' }).check();
  await expect(page.getByText('3 selected')).toBeVisible();
  await page.getByRole('button', { name: 'Stop 3' }).click();
  for (const n of names) await expect(page.getByRole('dialog')).toContainText(n);
  await page.getByRole('dialog').getByLabel('Timeout (seconds)').fill('0');
  await page.getByRole('dialog').getByRole('button', { name: 'Stop 3 containers' }).click();
  for (const n of names) await expect(row(page, n).getByText('exited', { exact: true })).toBeVisible({ timeout: 5000 });
  for (const n of names) expect(await stateOf(n)).toBe('exited');
  await setTheme(page, 'light');
  await screenshot(page, 'containers-list-light');
});

test('lifecycle actions on the detail page, and engine errors shown as they are', async ({ page }) => {
  await signIn(page);
  const name = `pt-e2e-life-${uid()}`;
  const taken = `pt-e2e-taken-${uid()}`;
  const id = await runFixture(name);
  await runFixture(taken);
  await page.goto(`/containers/${id}`);
  await expect(page).toHaveURL(new RegExp(`/containers/${id}/overview$`));
  const state = page.getByTestId('container-state');
  await expect(state).toHaveText('running');

  await page.getByRole('button', { name: 'Pause', exact: true }).click();
  await expect(state).toHaveText('paused', { timeout: 2000 });
  expect(await stateOf(name)).toBe('paused');
  await page.getByRole('button', { name: 'Unpause', exact: true }).click();
  await expect(state).toHaveText('running', { timeout: 2000 });

  // A bad signal: the engine's own message.
  await page.getByRole('button', { name: 'Kill', exact: true }).click();
  await page.getByRole('dialog').getByLabel('Signal').fill('SIGNOPE');
  await page
    .getByRole('dialog')
    .getByRole('button', { name: `Kill ${name}` })
    .click();
  await expect(page.getByRole('alert', { name: 'The engine refused' })).toContainText('Invalid signal: SIGNOPE');
  await page.getByRole('button', { name: 'Dismiss error' }).click();

  await page.getByRole('button', { name: 'Stop', exact: true }).click();
  await page.getByRole('dialog').getByLabel('Timeout (seconds)').fill('1');
  await page.getByRole('dialog').getByRole('button', { name: 'Show the docker command' }).click();
  await expect(page.getByRole('dialog')).toContainText(`docker stop -t 1 ${name}`);
  await page
    .getByRole('dialog')
    .getByRole('button', { name: `Stop ${name}` })
    .click();
  await expect(state).toHaveText('exited', { timeout: 4000 });
  expect(await stateOf(name)).toBe('exited');

  // A stopped container is offered only what the engine accepts for it (Kill or Pause would be the
  // engine's 409 "is not running"): Start, Restart, Remove.
  await expect(page.getByRole('button', { name: 'Start', exact: true })).toBeVisible();
  for (const absent of ['Kill', 'Pause', 'Stop']) {
    await expect(page.getByRole('button', { name: absent, exact: true })).toHaveCount(0);
  }

  await page.getByRole('button', { name: 'Start', exact: true }).click();
  await expect(state).toHaveText('running', { timeout: 2000 });
  await page.getByRole('button', { name: 'Restart', exact: true }).click();
  await page.getByRole('dialog').getByLabel('Timeout (seconds)').fill('0');
  await page
    .getByRole('dialog')
    .getByRole('button', { name: `Restart ${name}` })
    .click();
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await expect(state).toHaveText('running');

  // Rename to a taken name: the engine's conflict message.
  await page.getByRole('button', { name: 'Rename', exact: true }).click();
  await page.getByRole('dialog').getByLabel('New name').fill(taken);
  await page
    .getByRole('dialog')
    .getByRole('button', { name: `Rename ${name}` })
    .click();
  await expect(page.getByRole('alert', { name: 'The engine refused' })).toContainText('Conflict');
  await expect(page.getByRole('alert', { name: 'The engine refused' })).toContainText(`"/${taken}" is already in use`);
  await page.getByRole('button', { name: 'Dismiss error' }).click();
  const renamed = `${name}-new`;
  await page.getByRole('button', { name: 'Rename', exact: true }).click();
  await page.getByRole('dialog').getByLabel('New name').fill(renamed);
  await page
    .getByRole('dialog')
    .getByRole('button', { name: `Rename ${name}` })
    .click();
  await expect(page.getByTestId('container-name')).toHaveText(renamed, { timeout: 2000 });

  await setTheme(page, 'dark');
  await screenshot(page, 'container-detail-dark');
  await setTheme(page, 'light');
  await screenshot(page, 'container-detail-light');

  await page.getByRole('button', { name: 'Remove', exact: true }).click();
  await expect(page.getByRole('dialog')).toContainText(`This deletes the container and its writable layer: ${renamed}`);
  await page
    .getByRole('dialog')
    .getByRole('button', { name: `Remove ${renamed}` })
    .click();
  await expect(page).toHaveURL(/\/containers$/, { timeout: 3000 });
  await expect.poll(() => docker(['ps', '-aq', '--filter', `id=${id}`])).toBe('');
});

test('DB_PASSWORD is masked on Overview and in Inspect until revealed; Processes and Changes', async ({ page }) => {
  await signIn(page);
  const name = `pt-e2e-secret-${uid()}`;
  const id = await runFixture(
    name,
    ['-e', 'DB_PASSWORD=hunter2-secret', '-e', 'MODE=demo'],
    ['sh', '-c', 'echo made > /made-by-test.txt; sleep 3600'],
  );
  await page.goto(`/containers/${id}/overview`);
  const env = page.getByRole('table', { name: 'Environment' });
  await expect(env).toContainText('DB_PASSWORD');
  await expect(env).toContainText('MODE');
  await expect(env).toContainText('demo');
  await expect(page.getByText('hunter2-secret')).toHaveCount(0);
  await page.getByRole('button', { name: 'Reveal DB_PASSWORD' }).click();
  await expect(page.getByTestId('env-value-DB_PASSWORD')).toHaveText('hunter2-secret');

  await page.getByRole('tab', { name: 'Inspect' }).click();
  await expect(page).toHaveURL(new RegExp(`/containers/${id}/inspect$`));
  await page.getByLabel('Search the inspect data').fill('DB_PASSWORD');
  await expect(page.getByTestId('inspect-json')).toContainText('DB_PASSWORD=••••••••');
  await expect(page.getByTestId('inspect-json')).not.toContainText('hunter2-secret');
  await page.getByRole('switch', { name: 'Reveal secrets' }).check();
  await expect(page.getByTestId('inspect-json')).toContainText('DB_PASSWORD=hunter2-secret');

  await page.getByRole('tab', { name: 'Processes' }).click();
  const procs = page.getByRole('table', { name: 'Processes' });
  await expect(procs).toContainText('sleep 3600');
  await page.getByLabel('ps arguments').fill('-o pid,comm');
  await page.getByRole('button', { name: 'Refresh' }).click();
  await expect(procs.getByRole('columnheader', { name: 'COMMAND' })).toBeVisible();
  await expect(procs).toContainText('sleep');

  await page.getByRole('tab', { name: 'Changes' }).click();
  await expect(page.getByRole('table', { name: 'Changes' })).toContainText('/made-by-test.txt');
  await expect(page.getByRole('row', { name: /made-by-test/ })).toContainText('A added');
});
