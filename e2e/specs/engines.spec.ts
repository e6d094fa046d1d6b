import { execFileSync } from 'node:child_process';
import { expect, type Locator, type Page, test } from '../support/test.ts';
import { type Lab, labDown, labJoin, labStart, labStop, labUp } from '../../apps/server/test/engines-lab.ts';
import { cleanupRun, docker, runFixture } from '../support/docker-cli.ts';
import { expectNoSidewaysScroll, screenshot, setTheme, signIn } from '../support/session.ts';

/**
 * Issue 15, acceptance 1 through the UI: the local engine, a TCP+TLS engine and an SSH engine
 * (scripts/engines-lab.sh, network namespaces of its own) added by an admin, all healthy on All
 * engines; a container on each shows only under its engine; a stopped engine's card is down within
 * 5 s while the others keep streaming, and it comes back by itself.
 *
 * The lab's namespaces and addresses are fixed: a lab that was already up (another suite's) is used
 * and left up; one this spec started is removed at the end, unless PORTHOLE_LAB_KEEP=1 (other suites
 * use the lab's Swarm nodes A and B at the same time). This spec only stops and starts the TLS engine
 * T; a lab that is up is joined without `up`, which would also start and re-join A and B. The main
 * engine's swarm is not touched.
 */
const LAB_NAMESPACES = /^phlab[ABTS]\b/m;
const tag = Date.now().toString(36);
let lab: Lab;
let startedLab = false;

const labIsUp = () => LAB_NAMESPACES.test(execFileSync('ip', ['netns', 'list'], { encoding: 'utf8' }));

test.beforeAll(async () => {
  test.setTimeout(240_000);
  startedLab = !labIsUp();
  lab = startedLab ? await labUp() : await labJoin(['T', 'S']);
});

test.afterAll(async () => {
  test.setTimeout(120_000);
  await labStart('T').catch(() => undefined);
  for (const host of [undefined, lab?.tlsUnix, lab?.sshUnix]) await cleanupRun(host).catch(() => undefined);
  if (startedLab && process.env.PORTHOLE_LAB_KEEP !== '1') await labDown();
});

const card = (page: Page, name: string): Locator => page.getByRole('article', { name: `Engine ${name}` });

async function addEngine(page: Page, name: string, host: string, keys: Record<string, string>): Promise<void> {
  await page.getByRole('button', { name: 'Add engine' }).click();
  const dialog = page.getByRole('dialog', { name: 'Add engine' });
  await dialog.getByLabel('Name').fill(name);
  await dialog.getByLabel('Host').fill(host);
  for (const [label, value] of Object.entries(keys)) await dialog.getByRole('textbox', { name: label, exact: true }).fill(value);
  await dialog.getByRole('button', { name: 'Add engine' }).click();
  await expect(dialog).toBeHidden({ timeout: 20_000 });
}

test('three engines: add TLS and SSH in the UI, each shows only its own containers, one goes down and comes back', async ({
  page,
  browser,
}) => {
  test.setTimeout(240_000);
  const names = { local: `pt-e2e-eng-local-${tag}`, tls: `pt-e2e-eng-tls-${tag}`, ssh: `pt-e2e-eng-ssh-${tag}` };
  const ticker = ['sh', '-c', 'i=0; while :; do i=$((i+1)); echo "tick $i"; sleep 0.5; done'];
  const localId = await runFixture(names.local, [], ticker);
  await runFixture(names.tls, ['--restart', 'always'], ['sleep', '3600'], lab.tlsUnix);
  await runFixture(names.ssh, [], ['sleep', '3600'], lab.sshUnix);

  await signIn(page);
  await page.goto('/engines');
  await expect(card(page, 'local')).toBeVisible();
  await addEngine(page, 'Lab TLS', lab.tlsHost, {
    'CA certificate': lab.tls.ca,
    'Client certificate': lab.tls.cert,
    'Client key': lab.tls.key,
  });
  await addEngine(page, 'Lab SSH', lab.sshHost, { 'SSH private key': lab.ssh.privateKey, 'Known hosts (recommended)': lab.ssh.knownHosts });
  for (const name of ['local', 'Lab TLS', 'Lab SSH']) {
    await expect(card(page, name).getByTestId('engine-health')).toHaveText('up', { timeout: 20_000 });
  }
  await expect(card(page, 'Lab TLS')).toContainText('TLS');
  // "up since" and "checked" are both the server's times: since ≤ checked, and a reload keeps
  // "since" (it once was the moment the page saw the state, a second later than "checked").
  const times = async () => {
    const m = /up since (.+?) · checked (.+)$/.exec((await card(page, 'local').getByTestId('engine-times').textContent()) ?? '');
    expect(m, 'the local card says since when it is up and when it was checked').not.toBeNull();
    return { since: m?.[1] as string, checked: m?.[2] as string };
  };
  const first = await times();
  const seconds = (t: string) => {
    const [h, m, sec] = t
      .replace(/\s*[AP]M$/, '')
      .split(':')
      .map(Number) as [number, number, number];
    return h * 3600 + m * 60 + sec;
  };
  expect(seconds(first.since)).toBeLessThanOrEqual(seconds(first.checked));
  await page.reload();
  await expect(card(page, 'local').getByTestId('engine-health')).toHaveText('up');
  await expect.poll(async () => (await times()).checked).not.toBe(first.checked);
  expect((await times()).since).toBe(first.since);

  // Keys are write-only: editing shows that they are stored, never their value.
  await card(page, 'Lab TLS').getByRole('button', { name: 'Edit' }).click();
  const edit = page.getByRole('dialog', { name: 'Edit engine Lab TLS' });
  await expect(edit.getByTestId('key-stored')).toHaveCount(3);
  await expect(edit.getByRole('textbox', { name: 'Client key', exact: true })).toHaveValue('');
  expect(await page.content()).not.toContain(lab.tls.key.split('\n')[1]);
  await edit.getByRole('button', { name: 'Cancel' }).click();

  // Test shows the engine's version.
  await card(page, 'Lab SSH').getByRole('button', { name: 'Test' }).click();
  await expect(card(page, 'Lab SSH').getByTestId('engine-test-result')).toContainText('✓ Docker');

  for (const theme of ['light', 'dark'] as const) {
    await setTheme(page, theme);
    await screenshot(page, `engines-${theme}`);
  }
  await setTheme(page, 'light');

  // Each container only under its own engine (ids: slugs of the names).
  const engines = { local: 'local', tls: 'lab-tls', ssh: 'lab-ssh' } as const;
  for (const [key, engine] of Object.entries(engines) as [keyof typeof engines, string][]) {
    await page.goto(`/engines/${engine}/containers`);
    const table = page.getByRole('table').first();
    await expect(table.getByText(names[key])).toBeVisible({ timeout: 15_000 });
    for (const other of Object.keys(names) as (keyof typeof names)[]) {
      if (other !== key) await expect(table.getByText(names[other])).toHaveCount(0);
    }
  }

  // The switcher keeps the view: containers on ssh → containers on tls.
  await page.getByRole('button', { name: /^Engine Lab SSH: .*Switch engine/ }).click();
  await expect(page.getByRole('menuitem', { name: /Lab TLS/ })).toBeVisible();
  await screenshot(page, 'engines-switcher-open');
  await page.getByRole('menuitem', { name: /Lab TLS/ }).click();
  await expect(page).toHaveURL(/\/engines\/lab-tls\/containers$/);
  await expect(page.getByRole('table').first().getByText(names.tls)).toBeVisible();

  // A second page keeps streaming the local engine's logs while the TLS engine is down.
  const logsPage = await browser.newPage({ baseURL: test.info().project.use.baseURL });
  await signIn(logsPage);
  await logsPage.goto(`/engines/local/containers/${localId}/logs`);
  const log = logsPage.getByRole('log', { name: 'Log lines' });
  await expect(log).toContainText(/tick \d+/);
  await screenshot(logsPage, 'engines-local-container-logs');

  await page.goto('/engines');
  await labStop('T');
  const stoppedAt = Date.now();
  await expect(card(page, 'Lab TLS').getByTestId('engine-health')).toHaveText('down', { timeout: 5_000 });
  const downAfterMs = Date.now() - stoppedAt;
  await expect(card(page, 'Lab TLS').getByRole('alert')).toBeVisible();
  await expect(card(page, 'local').getByTestId('engine-health')).toHaveText('up');
  await expect(card(page, 'Lab SSH').getByTestId('engine-health')).toHaveText('up');
  const ticks = [...((await log.textContent()) ?? '').matchAll(/tick (\d+)/g)].map((m) => Number(m[1]));
  await expect(log).toContainText(`tick ${Math.max(...ticks) + 3}`);
  await setTheme(page, 'dark');
  await screenshot(page, 'engines-down-dark');
  await page.setViewportSize({ width: 390, height: 844 });
  await screenshot(page, 'engines-phone');
  await expectNoSidewaysScroll(page);
  await page.setViewportSize({ width: 1280, height: 800 });
  await setTheme(page, 'light');

  // The TLS engine's own views say it is down, and recover by themselves.
  await page.goto('/engines/lab-tls/containers');
  await expect(page.getByTestId('engine-state')).toHaveAttribute('data-state', 'engine-down', { timeout: 20_000 });
  await labStart('T');
  await expect(page.getByTestId('engine-state')).toHaveAttribute('data-state', 'connected', { timeout: 30_000 });
  await expect(page.getByRole('table').first().getByText(names.tls)).toBeVisible({ timeout: 20_000 });
  await page.goto('/engines');
  await expect(card(page, 'Lab TLS').getByTestId('engine-health')).toHaveText('up', { timeout: 20_000 });
  test.info().annotations.push({ type: 'down-after-ms', description: String(downAfterMs) });

  // Remove (confirmed, naming what goes): the lab engines leave the registry, so the rest of the
  // suite's server does not keep checking them.
  for (const name of ['Lab TLS', 'Lab SSH']) {
    await card(page, name).getByRole('button', { name: 'Remove' }).click();
    const confirm = page.getByRole('dialog', { name: `Remove engine ${name}?` });
    await confirm.getByRole('button', { name: 'Remove engine' }).click();
    await expect(card(page, name)).toHaveCount(0);
  }
  await logsPage.close();
  expect(await docker(['ps', '-q', '--filter', `name=${names.tls}`], { host: lab.tlsUnix })).not.toBe('');
});
