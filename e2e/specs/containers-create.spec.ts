import { execFile } from 'node:child_process';
import net from 'node:net';
import { promisify } from 'node:util';
import { expect, type Page, test } from '../support/test.ts';
import { cleanupRun, docker } from '../support/docker-cli.ts';
import { E2E } from '../support/env.ts';
import { screenshot, setTheme, signIn } from '../support/session.ts';

const sh = promisify(execFile);
const uid = () => `${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}`;
const [runKey, runValue] = E2E.runLabel.split('=') as [string, string];
const LABELS = ['--label', 'porthole.test=1', '--label', E2E.runLabel];

test.afterAll(async () => {
  await cleanupRun();
});

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const srv = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

type Inspect = {
  Id: string;
  Config: Record<string, unknown>;
  HostConfig: Record<string, unknown>;
  NetworkSettings: { Networks: Record<string, { Aliases: string[] | null }> };
};
const inspect = async (name: string): Promise<Inspect> => JSON.parse(await docker(['inspect', name]))[0];

/** Drops empty values (null, '', 0, false, [], {}) so "unset" compares equal however it was sent. */
function normalize(v: unknown): unknown {
  if (Array.isArray(v)) return v.length ? v.map(normalize) : undefined;
  if (v && typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) {
      const n = normalize(x);
      if (n !== undefined) out[k] = n;
    }
    return Object.keys(out).length ? out : undefined;
  }
  return v === null || v === '' || v === 0 || v === false ? undefined : v;
}

/** HostConfig and Config of two containers, field for field, except the generated hostname. */
async function expectSameConfig(a: string, b: string) {
  const [x, y] = [await inspect(a), await inspect(b)];
  // Env with unique names is a set (order carries no meaning to the engine or the process).
  const config = (i: Inspect) =>
    normalize({ ...i.Config, Hostname: undefined, Env: [...((i.Config.Env as string[] | undefined) ?? [])].sort() });
  expect(normalize(y.HostConfig)).toEqual(normalize(x.HostConfig));
  expect(config(y)).toEqual(config(x));
}

/** Runs a command Porthole shows, under another container name. */
async function runAs(command: string, from: string, to: string) {
  const renamed = command.replaceAll(from, to);
  await sh('sh', ['-c', renamed.split('\n').join(' && ')], { env: { ...process.env, DOCKER_HOST: '' } });
}

/** Opens a section of the form (the advanced ones start closed). */
async function openSection(page: Page, title: string) {
  const details = page.getByRole('region', { name: title }).locator('details');
  if (!(await details.evaluate((d) => (d as HTMLDetailsElement).open))) await details.locator('summary').click();
}

async function fillCombo(page: Page, name: string, value: string) {
  const input = page.getByRole('textbox', { name, exact: true });
  await input.fill(value);
  await input.press('Escape');
}

async function pick(page: Page, label: string, option: string) {
  await page.getByRole('textbox', { name: label, exact: true }).click();
  await page.getByRole('option', { name: option, exact: true }).click();
}

async function addTags(page: Page, label: string, values: string[]) {
  const input = page.getByRole('textbox', { name: label, exact: true });
  for (const v of values) {
    await input.fill(v);
    await input.press('Enter');
  }
}

test('create form: every option reaches docker inspect; the preview and the Run command recreate it; paste fills the form', async ({
  page,
}) => {
  test.setTimeout(150_000);
  const tag = uid();
  const name = `pt-e2e-form-${tag}`;
  const netA = `pt-e2e-neta-${tag}`;
  const netB = `pt-e2e-netb-${tag}`;
  const volume = `pt-e2e-vol-${tag}`;
  await docker(['network', 'create', ...LABELS, netA]);
  await docker(['network', 'create', ...LABELS, netB]);
  await docker(['volume', 'create', ...LABELS, volume]);
  const port = await freePort();

  await signIn(page);
  await page.goto('/containers/new');
  await setTheme(page, 'dark');
  await fillCombo(page, 'Image', E2E.fixtureImage);
  await page.getByLabel('Name', { exact: true }).fill(name);
  await page.getByLabel('Command', { exact: true }).fill('httpd -f -p 8080 -h /tmp');
  await page.getByLabel('Paste a .env block').fill('# from .env\nDB_PASSWORD="s3cret-pw"\nMODE=form');
  await page.getByRole('button', { name: 'Add variables' }).click();
  await expect(page.getByLabel('Env name 1')).toHaveValue('DB_PASSWORD');
  // The everyday sections are open, the advanced ones closed (the form fits in about two screens).
  for (const open of ['Image and command', 'Environment', 'Ports'])
    expect(await page.getByRole('region', { name: open }).locator('details').getAttribute('open'), open).not.toBeNull();
  for (const closed of ['Labels', 'Storage', 'Networks', 'Resources', 'Security', 'Restart and health']) {
    expect(await page.getByRole('region', { name: closed }).locator('details').getAttribute('open'), closed).toBeNull();
    await openSection(page, closed);
  }
  await page.getByRole('button', { name: 'Add Label' }).click();
  await page.getByLabel('Label name 1').fill('porthole.test');
  await page.getByLabel('Label value 1').fill('1');
  await page.getByRole('button', { name: 'Add Label' }).click();
  await page.getByLabel('Label name 2').fill(runKey);
  await page.getByLabel('Label value 2').fill(runValue);

  await page.getByRole('button', { name: 'Publish a port' }).click();
  await page.getByLabel('Host port 1').fill(String(port));
  await page.getByLabel('Container port 1').fill('8080');
  await page.getByRole('button', { name: 'Publish a port' }).click();
  await page.getByLabel('Container port 2').fill('9090');
  await pick(page, 'Protocol 2', 'udp');

  await page.getByRole('button', { name: 'Add a volume or bind' }).click();
  await fillCombo(page, 'Volume source 1', volume);
  await page.getByLabel('Volume target 1').fill('/data');
  await page.getByRole('button', { name: 'Add a tmpfs' }).click();
  await page.getByLabel('tmpfs path 1').fill('/tmp');
  await page.getByLabel('tmpfs size 1').fill('16m');

  await page.getByRole('button', { name: 'Connect a network' }).click();
  await pick(page, 'Network 1', netA);
  await addTags(page, 'Aliases 1', ['web', 'www']);
  await page.getByRole('button', { name: 'Connect a network' }).click();
  await pick(page, 'Network 2', netB);

  await page.getByLabel('CPUs (--cpus)').fill('0.5');
  await page.getByLabel('Memory (--memory)').fill('64m');
  await page.getByLabel('Memory + swap').fill('128m');
  await page.getByLabel('PIDs limit').fill('50');
  await page.getByLabel('User (--user)').fill('1000:1000');
  await addTags(page, 'Drop capabilities (--cap-drop)', ['ALL']);
  await addTags(page, 'Add capabilities (--cap-add)', ['NET_BIND_SERVICE']);
  await page.getByLabel('Read-only root filesystem (--read-only)').check();
  await page.getByLabel('No new privileges (--security-opt no-new-privileges)').check();
  await pick(page, 'Restart policy', 'on-failure');
  await page.getByLabel('Max retries').fill('3');
  await page.getByText('Custom', { exact: true }).click();
  await page.getByLabel('Health command').fill('test -w /tmp');
  await page.getByLabel('Interval', { exact: true }).fill('5s');
  await page.getByLabel('Timeout', { exact: true }).fill('2s');
  await page.getByLabel('Retries', { exact: true }).fill('3');
  await page.getByLabel('Start period').fill('1s');

  const preview = (await page.getByTestId('run-preview').textContent()) ?? '';
  expect(preview).toContain(`-p 127.0.0.1:${port}:8080 -p 127.0.0.1::9090/udp`);
  expect(preview).toContain('--cpus 0.5 --memory 64m --memory-swap 128m --pids-limit 50');
  expect(preview).toContain(`docker network connect ${netB} ${name}`);
  await page.getByRole('heading', { name: 'Resources' }).scrollIntoViewIfNeeded();
  await screenshot(page, 'container-create-dark');
  await setTheme(page, 'light');
  // setTheme reloads: the form is empty again, so fill it from the preview (the paste path).
  await page.getByLabel('docker run command to paste').fill(preview);
  await page.getByRole('button', { name: 'Fill the form' }).click();
  await expect(page.getByTestId('run-preview')).toHaveText(preview);
  // A filled section opens by itself.
  await expect(page.getByLabel('Memory (--memory)')).toBeVisible();
  await page.getByRole('heading', { name: 'Resources' }).scrollIntoViewIfNeeded();
  await screenshot(page, 'container-create-light');

  await page.getByRole('button', { name: 'Create and start' }).click();
  await expect(page).toHaveURL(/\/containers\/[0-9a-f]{64}(\/overview)?$/, { timeout: 40_000 });

  // 1. docker inspect shows every value.
  const c = await inspect(name);
  const hc = c.HostConfig as Record<string, unknown>;
  expect(hc.PortBindings).toEqual({
    '8080/tcp': [{ HostIp: '127.0.0.1', HostPort: String(port) }],
    '9090/udp': [{ HostIp: '127.0.0.1', HostPort: '' }],
  });
  expect(c.Config.Env).toEqual(expect.arrayContaining(['DB_PASSWORD=s3cret-pw', 'MODE=form']));
  expect(hc.Binds).toEqual([`${volume}:/data`]);
  expect(hc.Tmpfs).toEqual({ '/tmp': 'size=16m' });
  expect(Object.keys(c.NetworkSettings.Networks).sort()).toEqual([netA, netB].sort());
  expect(c.NetworkSettings.Networks[netA]!.Aliases).toEqual(expect.arrayContaining(['web', 'www']));
  expect(hc).toMatchObject({
    NanoCpus: 500_000_000,
    Memory: 64 * 1024 * 1024,
    MemorySwap: 128 * 1024 * 1024,
    PidsLimit: 50,
    CapDrop: ['ALL'],
    CapAdd: ['CAP_NET_BIND_SERVICE'],
    ReadonlyRootfs: true,
    SecurityOpt: ['no-new-privileges'],
    RestartPolicy: { Name: 'on-failure', MaximumRetryCount: 3 },
  });
  expect(c.Config.User).toBe('1000:1000');
  expect(c.Config.Healthcheck).toEqual({ Test: ['CMD-SHELL', 'test -w /tmp'], Interval: 5e9, Timeout: 2e9, StartPeriod: 1e9, Retries: 3 });
  expect(c.Config.Labels).toMatchObject({ 'porthole.test': '1', [runKey]: runValue });
  await expect
    .poll(async () => (await inspect(name)).Config && (await docker(['inspect', '--format', '{{.State.Status}}', name])))
    .toBe('running');

  // 2. The preview, run with the docker CLI under another name (the first is stopped: same host port).
  await docker(['stop', '-t', '0', name]);
  const copy = `${name}-cli`;
  await runAs(preview, name, copy);
  await expectSameConfig(name, copy);

  // The Run command panel gives a command that does the same.
  await page.getByRole('tab', { name: 'Run command' }).click();
  await expect(page.getByTestId('run-command')).toContainText('DB_PASSWORD=••••••••');
  await page.getByRole('switch', { name: 'Reveal secrets' }).check();
  const rebuilt = (await page.getByTestId('run-command').textContent()) ?? '';
  expect(rebuilt).toContain('DB_PASSWORD=s3cret-pw');
  await docker(['stop', '-t', '0', copy]);
  const copy2 = `${name}-panel`;
  await runAs(rebuilt, name, copy2);
  await expectSameConfig(name, copy2);

  // Pasting that command fills the form with the same values.
  await page.getByRole('button', { name: 'Open in the create form' }).click();
  await expect(page).toHaveURL(/\/containers\/new$/);
  await page.getByRole('button', { name: 'Fill the form' }).click();
  // The name is the original's, in use: an error at the field, and a marked gap in the preview.
  await expect(page.getByText(`A container named "${name}" already exists`)).toBeVisible();
  const asWord = new RegExp(`(?<=\\s)${name}(?=\\s|$)`, 'gm');
  await expect(page.getByTestId('run-preview')).toHaveText(rebuilt.replace(asWord, '‹invalid›'));
  await expect(page.getByLabel('Name', { exact: true })).toHaveValue(name);
  await page.getByLabel('Name', { exact: true }).fill(`${name}-2`);
  await expect(page.getByTestId('run-preview')).toHaveText(rebuilt.replace(asWord, `${name}-2`));
  await expect(page.getByLabel('Memory (--memory)')).toHaveValue('64m');
  await expect(page.getByLabel('Env value 1')).toHaveValue('s3cret-pw');
});

test('create form: invalid values get errors at their fields before anything is sent; unknown pasted options are named', async ({
  page,
}) => {
  await signIn(page);
  await page.goto('/containers/new');
  const before = await docker(['ps', '-aq', '--filter', `label=${E2E.runLabel}`]);
  await fillCombo(page, 'Image', E2E.fixtureImage);
  await openSection(page, 'Resources');
  await openSection(page, 'Security');
  await page.getByLabel('Memory (--memory)').fill('12zz');
  await page.getByLabel('CPUs (--cpus)').fill('-1');
  await page.getByRole('button', { name: 'Publish a port' }).click();
  await page.getByLabel('Container port 1').fill('70000');
  await addTags(page, 'Add capabilities (--cap-add)', ['FLY']);
  await page.getByRole('button', { name: 'Create and start' }).click();
  await expect(page.getByText('A size like 64m, 512k or 1g', { exact: true })).toBeVisible();
  await expect(page.getByText('A number of CPUs ≥ 0, like 0.5', { exact: true })).toBeVisible();
  await expect(page.getByText('A port 1–65535 or a range like 8000-8010', { exact: true })).toBeVisible();
  await expect(page.getByText('Unknown capability: FLY').first()).toBeVisible();
  expect(await docker(['ps', '-aq', '--filter', `label=${E2E.runLabel}`])).toBe(before);

  // The preview never shows an invalid value: each is a marked gap.
  const preview = page.getByTestId('run-preview');
  for (const bad of ['12zz', '70000', 'FLY', '--cpus -1']) await expect(preview).not.toContainText(bad);
  for (const field of ['memory', 'cpus', 'ports.0.containerPort', 'capAdd'])
    await expect(preview.locator(`mark[data-invalid="${field}"]`)).toHaveCount(1);
  await expect(page.getByRole('button', { name: 'Copy' })).toBeDisabled();

  // The summary names the fields by their labels (no internal keys) and takes you to each.
  const summary = page.getByRole('alert', { name: '4 fields to fix' });
  await expect(summary).toBeVisible();
  for (const label of ['Memory (--memory)', 'CPUs (--cpus)', 'Container port 1', 'Add capabilities (--cap-add)'])
    await expect(summary.getByRole('button', { name: label })).toBeVisible();
  await expect(summary).not.toContainText(/ports\.0|capAdd|memory:/);
  await page.getByRole('region', { name: 'Resources' }).locator('summary').click();
  await expect(page.getByLabel('Memory (--memory)')).toBeHidden();
  await summary.getByRole('button', { name: 'Memory (--memory)' }).click();
  await expect(page.getByLabel('Memory (--memory)')).toBeFocused();
  await screenshot(page, 'container-create-errors');
  await page.setViewportSize({ width: 390, height: 844 });
  await screenshot(page, 'container-create-errors-phone');
  await page.setViewportSize({ width: 1280, height: 800 });

  // A name in use is an error at the field before anything is sent.
  const inUse = `pt-e2e-inuse-${uid()}`;
  await docker(['create', '--name', inUse, ...LABELS, E2E.fixtureImage]);
  await page.reload();
  await fillCombo(page, 'Image', E2E.fixtureImage);
  await page.getByLabel('Name', { exact: true }).fill(inUse);
  await expect(page.getByText(`A container named "${inUse}" already exists`)).toBeVisible();
  const count = await docker(['ps', '-aq', '--filter', `label=${E2E.runLabel}`]);
  await page.getByRole('button', { name: 'Create and start' }).click();
  await expect(page.getByRole('alert', { name: '1 field to fix' })).toContainText('Name');
  expect(await docker(['ps', '-aq', '--filter', `label=${E2E.runLabel}`])).toBe(count);

  await page.getByLabel('docker run command to paste').fill('docker run -d --init --ulimit nofile=1024 -p 8080:80 busybox');
  await page.getByRole('button', { name: 'Fill the form' }).click();
  await expect(page.getByRole('alert', { name: 'Options the form does not know' })).toContainText('Unknown options: --init, --ulimit');

  // The engine's own error is shown too, in its words (a limit below its minimum).
  await page.getByLabel('docker run command to paste').fill(`docker create --memory 1k ${LABELS.join(' ')} ${E2E.fixtureImage}`);
  await page.getByRole('button', { name: 'Fill the form' }).click();
  await page.getByRole('button', { name: 'Create', exact: true }).click();
  await expect(page.getByRole('alert', { name: 'The engine refused' })).toContainText(/Minimum memory limit allowed is 6MB/);
});
