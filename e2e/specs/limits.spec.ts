import { expect, test } from '../support/test.ts';
import { cleanupRun, docker, runFixture } from '../support/docker-cli.ts';
import { screenshot, setTheme, signIn } from '../support/session.ts';

const uid = () => `${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}`;

test.afterAll(async () => {
  await cleanupRun();
});

test('/limits: memory 96m and pids-limit 80 applied live with docker update; a container without limits is flagged', async ({ page }) => {
  const tag = uid();
  const limited = `pt-e2e-limited-${tag}`;
  const free = `pt-e2e-nolimits-${tag}`;
  await runFixture(limited, ['--cpus', '0.5', '--memory', '64m', '--memory-swap', '128m', '--pids-limit', '50']);
  await runFixture(free);
  const startedAt = await docker(['inspect', '--format', '{{.State.StartedAt}}', limited]);

  await signIn(page);
  await page.goto(`/limits?q=${tag}`);
  const freeRow = page.getByTestId(`limits-row-${free}`);
  await expect(freeRow).toContainText('no memory limit');
  await expect(freeRow).toContainText('no CPU limit');
  const row = page.getByTestId(`limits-row-${limited}`);
  await expect(row).not.toContainText('no memory limit');
  await expect(row).toContainText('64.0 MiB');
  // live usage from the stats stream
  await expect(row.getByText(/\d+(\.\d+)? (KiB|MiB) \/ 64\.0 MiB/)).toBeVisible({ timeout: 10_000 });

  await setTheme(page, 'dark');
  await expect(row.getByText(/\d+(\.\d+)? (KiB|MiB) \/ 64\.0 MiB/)).toBeVisible({ timeout: 10_000 });
  await screenshot(page, 'limits-dark');

  await setTheme(page, 'light');
  await page.getByRole('button', { name: `Edit limits of ${limited}` }).click();
  await page.getByLabel(`Memory of ${limited}`, { exact: true }).fill('12zz');
  await expect(page.getByTestId('limits-errors')).toHaveText('Memory: A size like 96m');
  await expect(page.getByRole('button', { name: 'Apply' })).toBeDisabled();
  // Below the engine's floor: said in plain words before anything is sent (not "body/memory must be >= 6291456").
  await page.getByLabel(`Memory of ${limited}`, { exact: true }).fill('2k');
  await expect(page.getByTestId('limits-errors')).toHaveText('Memory: At least 6m: Docker accepts no smaller limit');
  await expect(page.getByRole('button', { name: 'Apply' })).toBeDisabled();
  // The row being edited keeps the table inside the page at 1280×800: nothing to scroll sideways to.
  const right = await page
    .getByRole('table', { name: 'Resource limits' })
    .evaluate((t) => t.getBoundingClientRect().right - window.innerWidth);
  expect(right).toBeLessThanOrEqual(0);
  await expect(page.getByRole('button', { name: 'Apply' })).toBeInViewport();
  await page.getByLabel(`Memory of ${limited}`, { exact: true }).fill('96m');
  await page.getByLabel(`PIDs limit of ${limited}`).fill('80');
  // 64m + 128m memory+swap: the 64m of swap moves along with the new memory limit.
  await expect(page.getByTestId('update-command')).toHaveText(`docker update --memory 96m --memory-swap 160m --pids-limit 80 ${limited}`);
  await expect(page.getByTestId('swap-note')).toHaveText(/--memory-swap moves with it \(160m\), keeping the 64m of swap/);
  await screenshot(page, 'limits-light');
  await page.getByRole('button', { name: 'Apply' }).click();
  await expect(row).toContainText('96.0 MiB');
  await expect(row).toContainText('80');

  const hc = JSON.parse(await docker(['inspect', '--format', '{{json .HostConfig}}', limited]));
  expect(hc.Memory).toBe(96 * 1024 * 1024);
  expect(hc.MemorySwap).toBe(160 * 1024 * 1024);
  expect(hc.PidsLimit).toBe(80);
  // Still the same run of the container: updated live, not recreated or restarted.
  expect(await docker(['inspect', '--format', '{{.State.Status}} {{.State.StartedAt}}', limited])).toBe(`running ${startedAt}`);

  // An engine error is shown as is (swap below memory: the kernel refuses it).
  await page.getByRole('button', { name: `Edit limits of ${limited}` }).click();
  await page.getByLabel(`Memory + swap of ${limited}`).fill('32m');
  await page.getByRole('button', { name: 'Apply' }).click();
  await expect(page.getByRole('alert', { name: 'The engine refused' })).toContainText('Cannot update container');
});

test('/limits: adding a memory limit to a container that has none sets --memory-swap with it, as docker run does', async ({ page }) => {
  const free = `pt-e2e-addmem-${uid()}`;
  await runFixture(free);
  await signIn(page);
  await page.goto(`/limits?q=${free}`);
  const row = page.getByTestId(`limits-row-${free}`);
  await expect(row).toContainText('no memory limit');
  await page.getByRole('button', { name: `Edit limits of ${free}` }).click();
  await page.getByLabel(`Memory of ${free}`, { exact: true }).fill('64m');
  // The engine refuses --memory alone here ("Memory limit should be smaller than already set
  // memoryswap limit"): the preview carries the swap limit and says why in one sentence.
  await expect(page.getByTestId('update-command')).toHaveText(`docker update --memory 64m --memory-swap 128m ${free}`);
  await expect(page.getByTestId('swap-note')).toContainText('twice the memory');
  await screenshot(page, 'limits-add-memory-light');
  await page.getByRole('button', { name: 'Apply' }).click();
  await expect(row).toContainText('64.0 MiB');
  await expect(row).not.toContainText('no memory limit');
  const hc = JSON.parse(await docker(['inspect', '--format', '{{json .HostConfig}}', free]));
  expect([hc.Memory, hc.MemorySwap]).toEqual([64 * 1024 * 1024, 128 * 1024 * 1024]);
});
