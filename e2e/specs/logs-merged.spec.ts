import fs from 'node:fs';
import { expect, type Locator, type Page, test } from '../support/test.ts';
import { cleanupRun, docker, runFixture } from '../support/docker-cli.ts';
import { E2E } from '../support/env.ts';
import { screenshot, setTheme, signIn } from '../support/session.ts';

test.afterAll(async () => {
  await cleanupRun();
});

const RUN = Date.now();

/**
 * A script that waits for the file /sync/go (one shared volume: both containers see it within
 * 50 ms), then after `offset` seconds prints `lines` two seconds apart, then a live line
 * (`<tag>-live N`) every second.
 */
function timedScript(tag: string, offset: number, lines: string[]): string[] {
  const printed = lines.map((l) => `echo ${l}; sleep 2`).join('; ');
  return [
    'sh',
    '-c',
    `while [ ! -f /sync/go ]; do sleep 0.05; done; sleep ${offset}; ${printed}; i=0; while :; do i=$((i+1)); echo "${tag}-live $i"; sleep 1; done`,
  ];
}

/** The rows the log shows: text, container label and the time column. */
async function rows(log: Locator) {
  return log.locator('.log-row').evaluateAll((els) =>
    els
      .map((e) => ({
        text: e.querySelector('.log-text')?.textContent ?? '',
        source: e.getAttribute('data-source') ?? '',
        label: e.querySelector('.log-source')?.textContent ?? '',
        time: e.querySelector('.log-time')?.textContent ?? '',
        top: Number(/translateY\(([-\d.]+)px\)/.exec((e as HTMLElement).style.transform)?.[1] ?? 0),
      }))
      .sort((a, b) => a.top - b.top),
  );
}

async function waitForLog(id: string, text: string) {
  await expect.poll(async () => docker(['logs', id]), { timeout: 30_000, intervals: [250] }).toContain(text);
}

function logOf(page: Page) {
  return page.getByRole('log', { name: 'Log lines' });
}

test('merged logs: interleaved by timestamp with a label per container, live from both, picker edits the URL', async ({ page }) => {
  test.setTimeout(90_000);
  const a = `pt-e2e-merged-a-${RUN}`;
  const b = `pt-e2e-merged-b-${RUN}`;
  const sync = `pt-e2e-merged-sync-${RUN}`;
  await docker(['volume', 'create', '--label', 'porthole.test=1', '--label', E2E.runLabel, sync]);
  // Once both run and /sync/go exists: a prints at +0, +2, +4 s; b at +1, +3, +5 s: interleaved.
  const idA = await runFixture(a, ['-v', `${sync}:/sync`], timedScript('a', 0, ['a1', 'a2', 'a3']));
  const idB = await runFixture(b, ['-v', `${sync}:/sync`], timedScript('b', 1, ['b1', 'b2', 'b3']));
  await docker(['exec', idA, 'touch', '/sync/go']);
  await waitForLog(idA, 'a3');
  await waitForLog(idB, 'b3');
  // What the engine says (its own timestamps) is what the page must show.
  const engineOrder = (await Promise.all([idA, idB].map((id) => docker(['logs', '-t', id]))))
    .flatMap((out) => out.split('\n'))
    .map((l) => l.split(' ') as [string, string])
    .filter(([, text]) => /^[ab][123]$/.test(text))
    .sort(([x], [y]) => (x < y ? -1 : 1))
    .map(([, text]) => text);
  expect(engineOrder).toEqual(['a1', 'b1', 'a2', 'b2', 'a3', 'b3']);

  await signIn(page);
  await page.goto(`/logs?containers=${a},${b}&ts=1`);
  const log = logOf(page);
  await expect(log).toContainText('b3');
  const first = (await rows(log)).filter((r) => /^[ab][123]$/.test(r.text));
  expect(first.map((r) => r.text)).toEqual(['a1', 'b1', 'a2', 'b2', 'a3', 'b3']);
  expect(first.map((r) => r.source)).toEqual([a, b, a, b, a, b]);
  expect(first.map((r) => r.label)).toEqual([a, b, a, b, a, b]);
  // Each container has its own colour.
  const colours = await log.locator('.log-source').evaluateAll((els) => els.map((e) => getComputedStyle(e).color));
  expect(new Set(colours).size).toBe(2);

  // Live lines of both keep arriving, in timestamp order with the backfill.
  await expect(log.locator(`[data-source="${a}"]`, { hasText: 'a-live 3' })).toBeVisible({ timeout: 15_000 });
  await expect(log.locator(`[data-source="${b}"]`, { hasText: 'b-live 3' })).toBeVisible({ timeout: 15_000 });
  const all = await rows(log);
  const times = all.map((r) => r.time);
  expect(times).toEqual([...times].sort());
  for (const tag of ['a', 'b']) {
    const n = all.map((r) => Number(new RegExp(`^${tag}-live (\\d+)$`).exec(r.text)?.[1] ?? 0)).filter(Boolean);
    expect(n).toEqual([...n].sort((x, y) => x - y));
  }
  await expect(page.getByRole('status', { name: /following/ })).toBeVisible();
  await expect(page.getByLabel(`${a}: following`)).toBeVisible();

  // The CLI equivalent: a loop of `docker logs` with each line prefixed by its container.
  await page.getByRole('button', { name: 'Show the docker command' }).click();
  await expect(page.getByLabel('docker command', { exact: true })).toContainText(
    `for c in '${a}' '${b}'; do docker logs -f --tail 1000 -t "$c"`,
  );

  await setTheme(page, 'dark');
  await expect(log).toContainText('b-live');
  await screenshot(page, 'logs-merged-dark');
  await setTheme(page, 'light');
  await expect(log).toContainText('b-live');
  await screenshot(page, 'logs-merged-light');

  // The download holds the merged lines, each with its container.
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download' }).click()]);
  const text = fs.readFileSync(await file.path(), 'utf8');
  const downloaded = text.split('\n').filter((line) => / [ab][123]$/.test(line));
  expect(downloaded.map((line) => line.split(' | ')[0])).toEqual([a, b, a, b, a, b]);
  expect(downloaded.map((line) => line.split(' ').at(-1))).toEqual(['a1', 'b1', 'a2', 'b2', 'a3', 'b3']);

  // Search across both: "only matching" filters every container's lines (on the server for the backfill).
  await page.getByRole('textbox', { name: 'Search' }).fill('^[ab]2$');
  await page.getByRole('button', { name: 'Regular expression' }).click();
  await page.getByText('Only matching', { exact: true }).click();
  await expect(log).not.toContainText('a1');
  await expect.poll(async () => (await rows(log)).map((r) => `${r.text}@${r.source}`)).toEqual([`a2@${a}`, `b2@${b}`]);
  await page.getByText('Highlight', { exact: true }).click();
  await page.getByRole('textbox', { name: 'Search' }).fill('');
  await expect(log).toContainText('a1');

  // Removing b from the picker drops its lines and the URL says so; a keeps following.
  await page.getByRole('button', { name: `Remove ${b}` }).click();
  await expect(page).toHaveURL(new RegExp(`containers=${a}(&|$)`));
  await expect(log.locator(`[data-source="${b}"]`)).toHaveCount(0);
  await expect(log).not.toContainText('b1');
  await expect(log).toContainText('a1');
  const aLive = async () => Math.max(0, ...(await rows(log)).map((r) => Number(/^a-live (\d+)$/.exec(r.text)?.[1] ?? 0)));
  const before = await aLive();
  await expect.poll(aLive, { timeout: 10_000 }).toBeGreaterThan(before);

  // The URL round-trips: a reload shows the same selection.
  await page.reload();
  await expect(log).toContainText('a2');
  await expect(page.getByTestId(`source-${a}`)).toBeVisible();
  await expect(page.getByTestId(`source-${b}`)).toHaveCount(0);
  await expect(log.locator(`[data-source="${b}"]`)).toHaveCount(0);

  // Adding b back with the picker (keyboard) brings its lines back, in order.
  const add = page.getByRole('textbox', { name: 'Add container' });
  await add.fill(b);
  await add.press('ArrowDown');
  await add.press('Enter');
  await expect(page).toHaveURL(new RegExp(`containers=${a}(%2C|,)${b}`));
  await expect(log.locator(`[data-source="${b}"]`, { hasText: 'b2' })).toBeVisible();
  const again = (await rows(log)).filter((r) => /^[ab][123]$/.test(r.text)).map((r) => r.text);
  expect(again).toEqual(['a1', 'b1', 'a2', 'b2', 'a3', 'b3']);
});

test('merged logs of a compose project, the entry points in the containers list, and an unknown container', async ({ page }) => {
  test.setTimeout(90_000);
  const project = `pt-e2e-proj-${RUN}`;
  const names = [`pt-e2e-mp-web-${RUN}`, `pt-e2e-mp-db-${RUN}`];
  const stray = `pt-e2e-mp-other-${RUN}`;
  for (const n of names) {
    await runFixture(
      n,
      ['--label', `com.docker.compose.project=${project}`],
      ['sh', '-c', `echo "hello from ${n}"; i=0; while :; do i=$((i+1)); echo "${n} tick $i"; sleep 1; done`],
    );
  }
  await runFixture(stray, [], ['sh', '-c', `echo "hello from ${stray}"; sleep 3600`]);
  // A one-shot container of the project that has exited: its log is read all the same.
  const job = `pt-e2e-mp-job-${RUN}`;
  await runFixture(job, ['--label', `com.docker.compose.project=${project}`], ['sh', '-c', 'echo "migration done"']);
  await expect.poll(() => docker(['inspect', '-f', '{{.State.Status}}', job]), { timeout: 20_000 }).toBe('exited');

  await signIn(page);
  // Entry point 1: the project's "Logs" link in the list grouped by compose project.
  await page.goto(`/containers?group=compose&q=pt-e2e-mp-`);
  await expect(page.getByRole('link', { name: `Logs of ${project}` })).toBeVisible();
  await screenshot(page, 'containers-compose-logs-link');
  await page.getByRole('link', { name: `Logs of ${project}` }).click();
  await expect(page).toHaveURL(new RegExp(`/logs\\?project=${project}$`));
  const log = logOf(page);
  for (const n of names) {
    await expect(page.getByTestId(`source-${n}`)).toBeVisible();
    await expect(log.locator(`[data-source="${n}"]`, { hasText: `hello from ${n}` })).toBeVisible();
    await expect(log.locator(`[data-source="${n}"]`, { hasText: `${n} tick 2` })).toBeVisible({ timeout: 15_000 });
  }
  await expect(log.locator(`[data-source="${job}"]`, { hasText: 'migration done' })).toBeVisible();
  await expect(page.getByLabel(`${job}: not running`)).toBeVisible();
  await expect(page.getByRole('status', { name: /following/ })).toBeVisible();
  await expect(page.getByTestId(`source-${stray}`)).toHaveCount(0);
  await expect(log).not.toContainText(`hello from ${stray}`);
  await page.getByRole('button', { name: 'Show the docker command' }).click();
  await expect(page.getByLabel('docker command', { exact: true })).toContainText(`docker compose -p '${project}' logs -f --tail 1000 -t`);

  // Entry point 2: select rows, then "Merged logs".
  await page.goto(`/containers?q=pt-e2e-mp-`);
  await page.getByRole('checkbox', { name: `Select ${names[0]}` }).check();
  await page.getByRole('checkbox', { name: `Select ${stray}` }).check();
  await page.getByRole('link', { name: 'Merged logs' }).click();
  await expect(page).toHaveURL(/\/logs\?containers=/);
  const selected = new URL(page.url()).searchParams.get('containers')?.split(',').sort();
  expect(selected).toEqual([names[0], stray].sort());
  await expect(log.locator(`[data-source="${stray}"]`, { hasText: `hello from ${stray}` })).toBeVisible();
  await expect(log.locator(`[data-source="${names[0]}"]`, { hasText: `hello from ${names[0]}` })).toBeVisible();

  // An unknown name: the engine's message for it, the other container still streams.
  const ghost = `pt-e2e-mp-ghost-${RUN}`;
  await page.goto(`/logs?containers=${names[1]},${ghost}`);
  await expect(page.getByRole('alert')).toContainText(`No such container: ${ghost}`);
  await expect(page.getByTestId(`source-${ghost}`)).toHaveAttribute('data-state', 'error');
  const tick = async () =>
    Math.max(0, ...(await rows(log)).map((r) => Number(new RegExp(`^${names[1]} tick (\\d+)$`).exec(r.text)?.[1] ?? 0)));
  await expect.poll(tick, { timeout: 10_000 }).toBeGreaterThan(0);
  const seen = await tick();
  await expect.poll(tick, { timeout: 10_000 }).toBeGreaterThan(seen);
  await expect(page.getByRole('status', { name: /following/ })).toBeVisible();
  await setTheme(page, 'dark');
  await expect(page.getByRole('alert')).toContainText(`No such container: ${ghost}`);
  await screenshot(page, 'logs-merged-unknown-dark');

  // Nothing selected: the empty state says what to do.
  await page.getByRole('button', { name: `Remove ${ghost}` }).click();
  await page.getByRole('button', { name: `Remove ${names[1]}` }).click();
  await expect(page.getByText('No containers selected.')).toBeVisible();
  await expect(page.getByRole('link', { name: 'Containers' }).last()).toBeVisible();
});
