import { expect, test } from '../support/test.ts';
import { cleanupRun, docker, runFixture } from '../support/docker-cli.ts';
import { E2E } from '../support/env.ts';
import { screenshot, setTheme, signIn } from '../support/session.ts';

const uid = () => `${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}`;

test.afterAll(async () => {
  await cleanupRun();
});

/** The nearest box around `el` that clips or scrolls sideways (the table's own scroll container). */
const sidewaysOverflow = (el: Element) => {
  let box = el.parentElement;
  while (box && box !== document.body && getComputedStyle(box).overflowX === 'visible') box = box.parentElement;
  return box ? box.scrollWidth - box.clientWidth : 0;
};

test('containers list: one line per row, ≥15 rows at 1280×800, every column and the row actions without sideways scrolling, CPU "—" then a number from ONE usage subscription, ports link to the page host', async ({
  page,
}) => {
  test.setTimeout(180_000);
  const tag = uid();
  const longName = `pt-e2e-list-a-very-long-container-name-that-must-not-wrap-${tag}`;
  const web = `pt-e2e-list-web-${tag}`;
  const sick = `pt-e2e-list-unhealthy-${tag}`;
  const byId = `pt-e2e-list-by-image-id-${tag}`;
  await runFixture(longName, ['--label', `com.docker.compose.project=pt-e2e-list-a-long-compose-project-${tag}`]);
  // Two published ports, a running and unhealthy container, an image shown by its long id.
  await runFixture(web, ['-p', '127.0.0.1::80', '-p', '127.0.0.1::8080'], ['httpd', '-f', '-p', '80']);
  await runFixture(sick, ['--health-cmd', 'false', '--health-interval', '1s', '--health-retries', '1']);
  const imageId = await docker(['image', 'inspect', '--format', '{{.Id}}', E2E.fixtureImage]);
  await docker(['run', '-d', '--name', byId, '--label', 'porthole.test=1', '--label', E2E.runLabel, imageId, 'sleep', '3600']);
  await Promise.all(Array.from({ length: 18 }, (_, i) => runFixture(`pt-e2e-list-${String(i).padStart(2, '0')}-${tag}`)));
  const hostPort = (await docker(['port', web, '80/tcp'])).split(':').at(-1);

  const subscribes: string[] = [];
  page.on('websocket', (ws) =>
    ws.on('framesent', (f) => {
      const text = typeof f.payload === 'string' ? f.payload : f.payload.toString();
      if (text.includes('"subscribe"')) subscribes.push((JSON.parse(text) as { topic: string }).topic);
    }),
  );
  // Through "localhost": the port link must use the host the browser used, not 127.0.0.1.
  const base = E2E.baseURL.replace('127.0.0.1', 'localhost');
  await signIn(page, base);
  await page.goto(`${base}/containers?q=${tag}`);
  const rows = page.getByRole('table', { name: 'Containers' }).locator('tbody tr');
  await expect(rows).toHaveCount(22);

  // ≥ 15 rows fully inside the 800 px viewport — once the page has settled (under load a notice,
  // e.g. a moment of "engine unreachable", or a late style sheet can push the table down for a while).
  const visible = () => rows.evaluateAll((trs) => trs.filter((tr) => tr.getBoundingClientRect().bottom <= innerHeight).length);
  await expect.poll(visible, { timeout: 20_000 }).toBeGreaterThanOrEqual(15);

  // Every column fits: no sideways scrolling of the table (nor of the page), every header and a
  // running row's Stop and ⋮ inside the viewport.
  const table = page.getByRole('table', { name: 'Containers' });
  expect(await table.evaluate(sidewaysOverflow)).toBeLessThanOrEqual(1);
  expect(await page.evaluate(() => document.documentElement.scrollWidth - innerWidth)).toBeLessThanOrEqual(0);
  for (const th of await table.locator('thead th:visible').all()) await expect(th).toBeInViewport({ ratio: 1 });
  const webRow = page.getByTestId(`container-row-${web}`);
  await webRow.scrollIntoViewIfNeeded();
  await expect(webRow.getByRole('button', { name: `Stop ${web}` })).toBeInViewport({ ratio: 1 });
  await expect(webRow.getByRole('button', { name: `More actions for ${web}` })).toBeInViewport({ ratio: 1 });
  // Both ports shown.
  await expect(webRow.getByRole('link', { name: /→80$/ })).toBeInViewport({ ratio: 1 });
  await expect(webRow.getByRole('link', { name: /→8080$/ })).toBeInViewport({ ratio: 1 });
  // A running and unhealthy container: both badges readable in full (not "R‥ U‥").
  const sickRow = page.getByTestId(`container-row-${sick}`);
  await sickRow.scrollIntoViewIfNeeded();
  for (const state of ['running', 'unhealthy']) {
    const badge = sickRow.locator('.mantine-Badge-root').filter({ hasText: state });
    await expect(badge).toBeInViewport({ ratio: 1, timeout: 30_000 });
    const label = badge.locator('.mantine-Badge-label');
    expect(await label.evaluate((el) => el.scrollWidth - el.clientWidth), `the ${state} badge is clipped`).toBeLessThanOrEqual(0);
  }

  // The long name is truncated on one line, with the full name on hover.
  const nameLink = page.getByRole('link', { name: longName, exact: true });
  const box = await nameLink.boundingBox();
  expect(box!.height).toBeLessThan(30);
  await expect(nameLink).toHaveAttribute('title', new RegExp(longName));
  // Dates on one line, full time on hover.
  const created = page.getByTestId(`container-row-${web}`).getByText(/ago|now/);
  await expect(created).toHaveAttribute('title', /\d/);

  // CPU: a number once measured (never 0.0 % before: "—" until then).
  const cpu = page.getByTestId(`container-row-${web}`).getByTestId('cpu');
  await expect(cpu).toHaveText(/^(—|\d+\.\d%)$/);
  await expect(cpu).toHaveText(/^\d+\.\d%$/, { timeout: 30_000 });

  // One shared usage feed; no stats stream per row.
  expect(subscribes.filter((t) => t === 'container-usage')).toHaveLength(1);
  expect(subscribes.filter((t) => t === 'stats')).toHaveLength(0);

  // The port links to the page's host.
  await expect(page.getByTestId(`container-row-${web}`).getByRole('link', { name: `${hostPort}→80` })).toHaveAttribute(
    'href',
    `http://localhost:${hostPort}`,
  );
  await screenshot(page, 'everyday-list-light');
  await setTheme(page, 'dark');
  await screenshot(page, 'everyday-list-dark');
  await setTheme(page, 'light');
  await page.setViewportSize({ width: 390, height: 844 });
  await screenshot(page, 'everyday-list-phone');
  // On a phone: the name, the state and the row's menu of every row.
  await sickRow.evaluate((tr) => tr.scrollIntoView({ block: 'center' }));
  await expect(sickRow.getByRole('link', { name: sick, exact: true })).toBeInViewport();
  await expect(sickRow.getByText('unhealthy', { exact: true })).toBeInViewport({ ratio: 1 });
  await expect(sickRow.getByRole('button', { name: `More actions for ${sick}` })).toBeInViewport({ ratio: 1 });
  await setTheme(page, 'dark');
  await screenshot(page, 'everyday-list-phone-dark');
  await setTheme(page, 'light');
});

test('containers list sorts by CPU and by memory: the busiest first on the first click, stopped containers last either way', async ({
  page,
}) => {
  test.setTimeout(120_000);
  const tag = uid();
  const hog = `pt-e2e-sort-cpu-${tag}`;
  const fat = `pt-e2e-sort-mem-${tag}`;
  const idle = `pt-e2e-sort-idle-${tag}`;
  const stopped = `pt-e2e-sort-stopped-${tag}`;
  // Half a CPU spinning (capped, not to slow the rest of the suite); 48 MiB held in /dev/shm (tmpfs
  // pages count as the container's memory); an idle one; one never started.
  await runFixture(hog, ['--cpus', '0.5'], ['sh', '-c', 'while :; do :; done']);
  await runFixture(fat, [], ['sh', '-c', 'dd if=/dev/zero of=/dev/shm/fill bs=1M count=48 2>/dev/null; sleep 3600']);
  await runFixture(idle);
  await docker(['create', '--name', stopped, '--label', 'porthole.test=1', '--label', E2E.runLabel, E2E.fixtureImage, 'true']);

  await signIn(page);
  await page.goto(`/containers?q=${tag}`);
  const table = page.getByRole('table', { name: 'Containers' });
  const rows = table.locator('tbody tr');
  await expect(rows).toHaveCount(4);
  // Every running row measured (a number, not "—"), the hog busier than the others.
  for (const name of [hog, fat, idle])
    await expect(page.getByTestId(`container-row-${name}`).getByTestId('cpu')).toHaveText(/^\d+\.\d%$/, { timeout: 30_000 });
  const cpuOf = async (name: string) =>
    Number.parseFloat((await page.getByTestId(`container-row-${name}`).getByTestId('cpu').textContent()) ?? '');
  await expect.poll(() => cpuOf(hog), { timeout: 30_000 }).toBeGreaterThan(10);
  const order = () => rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-testid')?.replace(/^container-row-/, '')));

  const cpuHeader = table.getByRole('columnheader', { name: 'Sort by CPU' });
  await table.getByRole('button', { name: 'Sort by CPU' }).click();
  await expect(cpuHeader).toHaveAttribute('aria-sort', 'descending');
  await expect(page).toHaveURL(/sort=cpu/);
  await expect.poll(async () => (await order())[0]).toBe(hog);
  expect((await order())[3]).toBe(stopped);
  // "CPU ▼" on one line, as high as "Name" (the arrow once dropped to a line of its own).
  const height = async (name: string) => (await table.getByRole('button', { name: `Sort by ${name}` }).boundingBox())?.height;
  expect(await height('CPU')).toBe(await height('Name'));
  await screenshot(page, 'everyday-list-sort-cpu');
  // Again: the least busy first, and the stopped one still last (it has no figure to sort by).
  await table.getByRole('button', { name: 'Sort by CPU' }).click();
  await expect(cpuHeader).toHaveAttribute('aria-sort', 'ascending');
  await expect.poll(async () => (await order()).slice(2)).toEqual([hog, stopped]);

  // Memory: the container holding 48 MiB first.
  await expect(page.getByTestId(`container-row-${fat}`).getByTestId('memory')).toHaveText(/\d+(\.\d+)?\s?MiB/, { timeout: 30_000 });
  await table.getByRole('button', { name: 'Sort by Memory' }).click();
  await expect(table.getByRole('columnheader', { name: 'Sort by Memory' })).toHaveAttribute('aria-sort', 'descending');
  await expect.poll(async () => (await order())[0]).toBe(fat);
  expect((await order())[3]).toBe(stopped);
  await setTheme(page, 'dark');
  await screenshot(page, 'everyday-list-sort-memory-dark');
  await setTheme(page, 'light');

  // On a phone the usage columns give way, their headers with them: the sort picker shows the
  // order (it is the only sign of it there) and chooses any column's, both ways.
  const picker = page.getByRole('combobox', { name: 'Sort by' });
  await expect(picker).toBeHidden();
  await page.setViewportSize({ width: 390, height: 844 });
  await expect(table.getByRole('columnheader', { name: 'Sort by Memory' })).toBeHidden();
  await expect(picker).toBeVisible();
  await expect(picker.locator('option:checked')).toHaveText('Sorted by Memory ↓');
  await picker.selectOption({ label: 'Sorted by CPU ↓' });
  await expect(page).toHaveURL(/sort=cpu&dir=desc|dir=desc&sort=cpu/);
  await expect.poll(async () => (await order())[0]).toBe(hog);
  expect((await order())[3]).toBe(stopped);
  await screenshot(page, 'everyday-list-sort-phone');
  await picker.selectOption({ label: 'Sorted by Name ↑' });
  await expect.poll(async () => (await order()).join()).toBe([fat, hog, idle, stopped].sort().join());
  await docker(['rm', '-f', hog]);
});
