import { expect, test } from '../support/test.ts';
import { cleanupRun, docker, runFixture } from '../support/docker-cli.ts';
import { E2E } from '../support/env.ts';
import { screenshot, setTheme, signIn } from '../support/session.ts';

const uid = () => `${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}`;

test.afterAll(async () => {
  await cleanupRun();
});

test('buttons match the state: detail pages of running, paused and exited containers; bulk "Start 1 of 3"', async ({ page }) => {
  const tag = uid();
  const running = `pt-e2e-btn-run-${tag}`;
  const paused = `pt-e2e-btn-pause-${tag}`;
  const exited = `pt-e2e-btn-exit-${tag}`;
  await runFixture(running);
  await runFixture(paused);
  await docker(['pause', paused]);
  await docker(['create', '--name', exited, '--label', 'porthole.test=1', '--label', E2E.runLabel, E2E.fixtureImage, 'sleep', '3600']);

  await signIn(page);
  const offered = (name: string) => page.getByRole('button', { name, exact: true });
  const expectButtons = async (yes: string[], no: string[]) => {
    for (const n of yes) await expect(offered(n)).toBeVisible();
    for (const n of no) await expect(offered(n)).toHaveCount(0);
  };

  await page.goto(`/containers/${running}/overview`);
  await expect(page.getByTestId('container-name')).toHaveText(running);
  await expectButtons(['Stop', 'Restart', 'Kill', 'Pause'], ['Start', 'Unpause']);
  await screenshot(page, 'everyday-buttons-running-light');

  await page.goto(`/containers/${paused}/overview`);
  await expect(page.getByTestId('container-name')).toHaveText(paused);
  await expectButtons(['Unpause', 'Stop', 'Kill'], ['Start', 'Pause']);

  await page.goto(`/containers/${exited}/overview`);
  await expect(page.getByTestId('container-name')).toHaveText(exited);
  await expectButtons(['Start', 'Remove'], ['Stop', 'Kill', 'Pause', 'Unpause']);

  // The list: select the three; Start applies to the one that is not running.
  await page.goto(`/containers?q=${tag}`);
  await expect(page.getByRole('row')).toHaveCount(4);
  await page.getByRole('checkbox', { name: 'Select all shown' }).check();
  const bar = page.getByLabel('Selection');
  await expect(bar.getByRole('button', { name: 'Start 1 of 3' })).toBeEnabled();
  await expect(bar.getByRole('button', { name: 'Stop 2 of 3' })).toBeEnabled();
  await setTheme(page, 'dark');
  await screenshot(page, 'everyday-buttons-bulk-dark');
  await setTheme(page, 'light');
  await screenshot(page, 'everyday-buttons-bulk-light');
  await bar.getByRole('button', { name: 'Start 1 of 3' }).click();
  await expect(page.getByRole('alert', { name: 'The engine refused' })).toHaveCount(0);
  await expect.poll(() => docker(['inspect', '--format', '{{.State.Status}}', exited])).toBe('running');
  // The other two were left as they were (no 304 for the running one, no start of the paused one).
  expect(await docker(['inspect', '--format', '{{.State.Status}}', paused])).toBe('paused');
  await expect(bar.getByRole('button', { name: 'Start 0 of 3' })).toBeDisabled();
});
