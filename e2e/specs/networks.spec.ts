import { expect, type Page, test } from '../support/test.ts';
import { cleanupRun, docker } from '../support/docker-cli.ts';
import { E2E } from '../support/env.ts';
import { screenshot, signIn } from '../support/session.ts';

/**
 * Lab 2 ("Network Security") of the tutorial, through the UI: an internal `backend` network with
 * subnet + ip-range, a `frontend` network, `database` on backend, `app` on frontend connected to
 * backend with alias `api`, `web` on frontend publishing a port on 127.0.0.1. Names carry a per-run
 * prefix; subnets are free /24s in 172.30.x.0 (never reached from the host).
 */
const runValue = E2E.runLabel.split('=')[1] as string;
const prefix = `lab2-${runValue}-${Date.now().toString(36)}`.replace(/[^a-zA-Z0-9_.-]/g, '-');
const names = {
  backend: `${prefix}-backend`,
  frontend: `${prefix}-frontend`,
  database: `${prefix}-database`,
  app: `${prefix}-app`,
  web: `${prefix}-web`,
};
let octets: string[] = [];

/**
 * Three /24s that no network of the engine overlaps, as "172.B.X" prefixes: in 172.30.0.0/16 when
 * it is free there, else in the next 172.B block (the classroom test may hold all of 172.30/16).
 */
async function freeOctets(): Promise<string[]> {
  const ids = (await docker(['network', 'ls', '-q'])).split('\n').filter(Boolean);
  const subnets = (await docker(['network', 'inspect', ...ids, '--format', '{{range .IPAM.Config}}{{.Subnet}} {{end}}']))
    .split(/\s+/)
    .filter(Boolean);
  const toInt = (ip: string) => ip.split('.').reduce((a, o) => a * 256 + Number(o), 0);
  const taken = (b: number, x: number) =>
    subnets.some((s) => {
      const [ip, bits] = s.split('/') as [string, string];
      if (ip.split('.').length !== 4) return false;
      const size = 2 ** (32 - Number(bits));
      const start = Math.floor(toInt(ip) / size) * size;
      const ours = toInt(`172.${b}.${x}.0`);
      return ours < start + size && start < ours + 256;
    });
  for (const b of [30, 29, 28, 27]) {
    const start = 100 + Math.floor(Math.random() * 100);
    const free: string[] = [];
    for (let x = start; free.length < 3 && x < 255; x++) if (!taken(b, x)) free.push(`172.${b}.${x}`);
    if (free.length === 3) return free;
  }
  return [];
}

async function addLabels(page: Page, dialog: ReturnType<Page['getByRole']>) {
  const [key, value] = E2E.runLabel.split('=') as [string, string];
  for (const [i, [k, v]] of [
    ['porthole.test', '1'],
    [key, value],
  ].entries()) {
    await dialog.getByRole('button', { name: 'Add label' }).click();
    await dialog.getByRole('textbox', { name: `Label ${i + 1} key` }).fill(k as string);
    await dialog.getByRole('textbox', { name: `Label ${i + 1} value` }).fill(v as string);
  }
  void page;
}

async function createNetworkInUi(page: Page, opts: { name: string; subnet: string; ipRange?: string; internal?: boolean }) {
  await page.goto('/networks');
  await page.getByRole('button', { name: 'Create network' }).click();
  const dialog = page.getByRole('dialog', { name: 'Create network' });
  await dialog.getByRole('textbox', { name: 'Name' }).fill(opts.name);
  await dialog.getByRole('textbox', { name: 'Subnet' }).fill(opts.subnet);
  if (opts.ipRange) await dialog.getByRole('textbox', { name: 'IP range' }).fill(opts.ipRange);
  if (opts.internal) await dialog.getByRole('checkbox', { name: 'Internal (no outside access)' }).check();
  await addLabels(page, dialog);
  await dialog.getByRole('button', { name: 'Show the docker command' }).click();
  await expect(dialog.getByLabel('docker command', { exact: true })).toContainText(`--subnet ${opts.subnet}`);
  await dialog.getByRole('button', { name: 'Create', exact: true }).click();
  // Creating a bridge (iptables) can take seconds on a busy engine.
  await expect(page.getByRole('heading', { name: opts.name })).toBeVisible({ timeout: 30_000 });
}

/** Creates and starts a container with the containers view's form, filled from a pasted `docker run`. */
async function createContainerInUi(page: Page, name: string, args: string) {
  await page.goto('/containers/new');
  await page.getByLabel('docker run command to paste').fill(`docker run -d --name ${name} ${args}`);
  await page.getByRole('button', { name: 'Fill the form' }).click();
  await expect(page.getByTestId('run-preview')).toContainText(name);
  await page.getByRole('button', { name: 'Create and start' }).click();
  await expect(page).toHaveURL(/\/containers\/[0-9a-f]{64}\/overview$/, { timeout: 30_000 });
}

test.describe
  .serial('networks: Lab 2 through the UI', () => {
    test.setTimeout(180_000);
    test.beforeAll(async () => {
      octets = await freeOctets();
      expect(octets.length).toBe(3);
    });
    test.afterAll(async () => {
      await cleanupRun();
    });

    test('create the internal backend (subnet + ip-range) and the frontend network, connect app to backend as "api"', async ({ page }) => {
      await signIn(page);
      const [b, f] = octets as [string, string];
      await createNetworkInUi(page, { name: names.backend, subnet: `${b}.0/24`, ipRange: `${b}.128/25`, internal: true });
      await expect(page.getByRole('table', { name: 'IPAM configuration' })).toContainText(`${b}.128/25`);
      await expect(page.getByText('internal · no outside access')).toBeVisible();
      await createNetworkInUi(page, { name: names.frontend, subnet: `${f}.0/24` });

      // The containers, through the containers view's create form (its docker run paste path).
      const labelFlags = `--label porthole.test=1 --label ${E2E.runLabel}`;
      await createContainerInUi(page, names.database, `--network ${names.backend} ${labelFlags} ${E2E.fixtureImage} httpd -f -p 5432`);
      await createContainerInUi(page, names.app, `--network ${names.frontend} ${labelFlags} ${E2E.fixtureImage} sleep 3600`);
      await createContainerInUi(
        page,
        names.web,
        `--network ${names.frontend} -p 127.0.0.1::80 ${labelFlags} ${E2E.fixtureImage} httpd -f -p 80`,
      );

      // Connect app to backend with alias api, through the network's page.
      await page.goto('/networks');
      await page.getByRole('link', { name: names.backend }).click();
      await page.getByRole('button', { name: 'Connect container' }).click();
      const dialog = page.getByRole('dialog', { name: `Connect a container to ${names.backend}` });
      await dialog.getByRole('textbox', { name: 'Container' }).fill(names.app);
      await page.getByRole('option', { name: new RegExp(`^${names.app} `) }).click();
      await dialog.getByRole('textbox', { name: 'Aliases' }).fill('api');
      await dialog.getByRole('textbox', { name: 'Aliases' }).press('Enter');
      await dialog.getByRole('button', { name: 'Show the docker command' }).click();
      await expect(dialog.getByLabel('docker command', { exact: true })).toHaveText(
        `docker network connect --alias api ${names.backend} ${names.app}`,
      );
      await dialog.getByRole('button', { name: 'Connect', exact: true }).click();
      const connected = page.getByRole('table', { name: 'Connected containers' });
      await expect(connected.locator(`tr[data-container="${names.app}"]`)).toContainText('api', { timeout: 30_000 });
      await expect(connected.locator(`tr[data-container="${names.app}"]`)).toContainText(`${b}.`);
      await expect(connected.locator(`tr[data-container="${names.database}"]`)).toBeVisible();
      await screenshot(page, 'network-detail');

      // The engine agrees: subnets, ip-range, internal flag, alias.
      const backend = JSON.parse(await docker(['network', 'inspect', names.backend]))[0];
      expect(backend.Internal).toBe(true);
      expect(backend.IPAM.Config[0]).toMatchObject({ Subnet: `${b}.0/24`, IPRange: `${b}.128/25` });
      expect(backend.Labels).toMatchObject({ 'porthole.test': '1' });
      const frontend = JSON.parse(await docker(['network', 'inspect', names.frontend]))[0];
      expect(frontend.Internal).toBe(false);
      expect(frontend.IPAM.Config[0].Subnet).toBe(`${f}.0/24`);
      const aliases = JSON.parse(
        await docker(['inspect', names.app, '--format', `{{json (index .NetworkSettings.Networks "${names.backend}").Aliases}}`]),
      );
      expect(aliases).toContain('api');

      await page.goto(`/networks?q=${encodeURIComponent(prefix)}`);
      await expect(page.getByRole('table', { name: 'Networks' }).locator('tbody tr')).toHaveCount(2);
      await page.goto('/networks');
      await expect(page.locator('tr[data-network="bridge"]')).toContainText('built-in');
      await expect(page.getByRole('button', { name: 'Remove network bridge' })).toBeDisabled();
      await screenshot(page, 'networks-list');
    });

    test('topology: app linked to both networks, backend internal, web publishes a port; a CLI disconnect shows within 2 s', async ({
      page,
    }) => {
      await signIn(page);
      await page.goto(`/networks/topology?q=${encodeURIComponent(prefix)}`);
      const map = page.getByTestId('topology');
      await expect(map.getByTestId(`topo-network-${names.backend}`)).toHaveAttribute('data-internal', 'true');
      await expect(map.getByTestId(`topo-network-${names.backend}`)).toContainText('no outside access');
      await expect(map.getByTestId(`topo-network-${names.frontend}`)).toHaveAttribute('data-internal', 'false');
      const appToBackend = map.getByTestId(`rf__edge-e:${names.app}:${names.backend}`);
      await expect(appToBackend).toHaveCount(1);
      await expect(map.getByTestId(`rf__edge-e:${names.app}:${names.frontend}`)).toHaveCount(1);
      await expect(map.locator('.react-flow__edge-text', { hasText: 'api' })).toBeVisible();
      const port = await docker(['port', names.web, '80/tcp']);
      await expect(map.getByTestId(`rf__edge-p:${names.web}`)).toHaveCount(1);
      await expect(map.getByTestId(`topo-container-${names.web}`)).toContainText(`127.0.0.1:${port.split(':').pop()}→80/tcp`);
      await screenshot(page, 'topology-lab2');

      // The CLI disconnects app from backend: the map follows from engine events, without reload.
      await page.evaluate(() => {
        (window as unknown as { __noReload: boolean }).__noReload = true;
      });
      await docker(['network', 'disconnect', names.backend, names.app]);
      await expect(appToBackend).toHaveCount(0, { timeout: 2000 });
      await expect(map.getByTestId(`topo-container-${names.app}`)).toHaveAttribute('data-networks', names.frontend);
      expect(await page.evaluate(() => (window as unknown as { __noReload?: boolean }).__noReload)).toBe(true);

      // Back as it was (alias api), for the doctor.
      await docker(['network', 'connect', '--alias', 'api', names.backend, names.app]);
      await expect(map.getByTestId(`rf__edge-e:${names.app}:${names.backend}`)).toHaveCount(1, { timeout: 5000 });

      // Click a node to open it.
      await map.getByTestId(`topo-network-${names.backend}`).click({ position: { x: 30, y: 14 } });
      await expect(page).toHaveURL(new RegExp(`/networks/${names.backend}$`));
    });

    test('doctor: from app, database and api resolve and database:5432 connects; from web, database does not resolve (no common network)', async ({
      page,
    }) => {
      await signIn(page);
      const appId = await docker(['inspect', names.app, '--format', '{{.Id}}']);
      await page.goto(`/containers/${appId}/networks`);
      await expect(page.getByRole('table', { name: 'Container networks' })).toContainText(names.backend);
      const target = page.getByRole('textbox', { name: 'Target' });
      const result = page.getByTestId('doctor-result');
      const dbIp = await docker([
        'inspect',
        names.database,
        '--format',
        `{{(index .NetworkSettings.Networks "${names.backend}").IPAddress}}`,
      ]);

      await target.fill(names.database);
      await page.getByRole('textbox', { name: 'TCP port' }).fill('5432');
      await page.getByRole('button', { name: 'Run checks' }).click();
      await expect(result).toHaveAttribute('data-ok', 'true', { timeout: 30_000 });
      await expect(page.getByTestId('doctor-address')).toHaveText(dbIp);
      await expect(page.getByTestId('doctor-connect')).toHaveAttribute('data-ok', 'true');

      await target.fill('api');
      await page.getByRole('textbox', { name: 'TCP port' }).fill('');
      await page.getByRole('button', { name: 'Run checks' }).click();
      await expect(result).toContainText('api', { timeout: 30_000 });
      await expect(page.getByTestId('doctor-resolve')).toHaveAttribute('data-ok', 'true');
      await expect(page.getByTestId('doctor-address')).toHaveText(/^\d+\.\d+\.\d+\.\d+$/);

      // A port nobody listens on: the reason says so.
      await target.fill(`${names.database}:5433`);
      await page.getByRole('button', { name: 'Run checks' }).click();
      await expect(page.locator('[data-reason="port-not-listening"]')).toBeVisible({ timeout: 30_000 });

      const webId = await docker(['inspect', names.web, '--format', '{{.Id}}']);
      await page.goto(`/containers/${webId}/networks`);
      await page.getByRole('textbox', { name: 'Target' }).fill(names.database);
      await page.getByRole('button', { name: 'Run checks' }).click();
      await expect(result).toHaveAttribute('data-ok', 'false', { timeout: 30_000 });
      await expect(page.getByTestId('doctor-resolve')).toHaveAttribute('data-ok', 'false');
      const reason = page.locator('[data-reason="no-common-network"]');
      await expect(reason).toContainText(`${names.web} and ${names.database} share no network`);
      await screenshot(page, 'doctor');
    });

    test('overlapping subnet refused naming the other network; gateway outside the subnet refused at the field', async ({ page }) => {
      await signIn(page);
      const [, f, free] = octets as [string, string, string];
      const next = free.replace(/\.(\d+)$/, (_, x) => `.${(Number(x) + 1) % 256}`);
      await page.goto('/networks');
      await page.getByRole('button', { name: 'Create network' }).click();
      const dialog = page.getByRole('dialog', { name: 'Create network' });
      await dialog.getByRole('textbox', { name: 'Name' }).fill(`${prefix}-clash`);
      const subnet = dialog.getByRole('textbox', { name: 'Subnet' });
      await subnet.fill(`${f}.0/25`);
      await subnet.blur();
      await expect(subnet).toHaveAttribute('aria-invalid', 'true');
      await expect(dialog.getByText(`Overlaps ${f}.0/24 of network "${names.frontend}"`)).toBeVisible();
      await dialog.getByRole('button', { name: 'Create', exact: true }).click();
      await expect(dialog).toBeVisible();

      await subnet.fill(`${free}.0/24`);
      await expect(subnet).not.toHaveAttribute('aria-invalid', 'true');
      const gateway = dialog.getByRole('textbox', { name: 'Gateway' });
      await gateway.fill(`${next}.1`);
      await gateway.blur();
      await expect(gateway).toHaveAttribute('aria-invalid', 'true');
      await expect(dialog.getByText(`The gateway must lie inside the subnet ${free}.0/24`)).toBeVisible();
      await dialog.getByRole('button', { name: 'Create', exact: true }).click();
      await expect(dialog).toBeVisible();
      expect(await docker(['network', 'ls', '-q', '--filter', `name=${prefix}-clash`])).toBe('');

      // A name in use is an error at the field before anything is sent.
      const nameBox = dialog.getByRole('textbox', { name: 'Name' });
      await nameBox.fill(names.frontend);
      await expect(dialog.getByText(`A network named "${names.frontend}" already exists`)).toBeVisible();
      await expect(dialog.getByRole('button', { name: 'Create', exact: true })).toBeDisabled();
    });
  });
