import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { expect, test } from '../support/test.ts';
import { docker, dockerInfo } from '../support/docker-cli.ts';
import { E2E } from '../support/env.ts';
import { screenshot, signIn } from '../support/session.ts';

/**
 * The classroom smoke test: Porthole running in its container from docker-compose.yml, with the demo
 * stack beside it. Run by scripts/classroom-test.sh, which builds the image the offline way, starts
 * the compose project (COMPOSE_PROJECT_NAME, COMPOSE_FILE in the environment) and points the suite at
 * it with PORTHOLE_E2E_URL / PORTHOLE_E2E_PASSWORD and PORTHOLE_CLASSROOM_TEST=1 (without it
 * playwright.config.ts leaves this file out of the e2e suite).
 */
const project = process.env.COMPOSE_PROJECT_NAME ?? '';
const composeCmd = (process.env.PORTHOLE_COMPOSE ?? 'docker-compose').split(' ');
const repo = path.resolve(import.meta.dirname, '../..');
const run = promisify(execFile);
const MAX_IMAGE_BYTES = 150_000_000;
const DEMO_SERVICES = ['postgres-db', 'redis-cache', 'web-app', 'nginx-lb', 'log-generator', 'cpu-burner'];

test.beforeAll(() => {
  if (!project || !E2E.external) throw new Error('run by scripts/classroom-test.sh: needs COMPOSE_PROJECT_NAME and PORTHOLE_E2E_URL');
});

async function compose(args: string[]): Promise<string> {
  const [cmd, ...pre] = composeCmd as [string, ...string[]];
  const { stdout } = await run(cmd, [...pre, ...args], { cwd: repo, maxBuffer: 16 << 20 });
  return stdout.trim();
}

/** service name -> container name, for this compose project (v1 names `p_s_1`, v2 `p-s-1`). */
async function projectContainers(): Promise<Map<string, string>> {
  const out = await docker([
    'ps',
    '-a',
    '--filter',
    `label=com.docker.compose.project=${project}`,
    '--format',
    '{{.Label "com.docker.compose.service"}}\t{{.Names}}',
  ]);
  return new Map(out ? out.split('\n').map((l) => l.split('\t') as [string, string]) : []);
}

async function containerOf(service: string): Promise<string> {
  const name = (await projectContainers()).get(service);
  if (!name) throw new Error(`no container for service ${service} in project ${project}`);
  return name;
}

async function healthOf(container: string): Promise<string> {
  return docker(['inspect', '-f', '{{.State.Status}}/{{if .State.Health}}{{.State.Health.Status}}{{end}}', container]);
}

test('the image is at most 150 MB and runs as a non-root user', async () => {
  const porthole = await containerOf('porthole');
  const image = await docker(['inspect', '-f', '{{.Config.Image}}', porthole]);
  const [size, user] = (await docker(['image', 'inspect', '-f', '{{.Size}}\t{{.Config.User}}', image])).split('\t');
  expect(Number(size)).toBeLessThanOrEqual(MAX_IMAGE_BYTES);
  expect(user).toMatch(/^[1-9]\d*(:\d+)?$/);
  // The image has no shell and no `id`: ask node for the ids of the running process.
  expect(await docker(['exec', porthole, 'node', '-p', 'process.getuid()'])).toBe('1000');
  // It can reach the Docker socket through the group added by docker-compose.yml.
  const health = await (await fetch(`${E2E.baseURL}/api/health`)).json();
  expect(health.engines.local.reachable).toBe(true);
});

test('every demo service is up, healthy where it has a healthcheck, and labelled', async () => {
  const containers = await projectContainers();
  expect([...containers.keys()].sort()).toEqual(['porthole', ...DEMO_SERVICES].sort());
  test.setTimeout(180_000);
  await expect
    .poll(
      async () =>
        Promise.all(['porthole', 'postgres-db', 'redis-cache', 'web-app', 'nginx-lb'].map(async (s) => healthOf(await containerOf(s)))),
      {
        timeout: 150_000,
      },
    )
    .toEqual(Array(5).fill('running/healthy'));
  for (const s of ['log-generator', 'cpu-burner']) expect(await healthOf(await containerOf(s))).toBe('running/');
  for (const s of DEMO_SERVICES) {
    expect(await docker(['inspect', '-f', '{{index .Config.Labels "porthole.demo"}}', await containerOf(s)])).toBe('classroom');
  }
});

test('signs in and the Overview counts the demo with the engine', async ({ page }) => {
  await signIn(page);
  await expect(page.getByRole('heading', { name: 'Overview' })).toBeVisible();
  // The counts are the engine's: containers as `docker info` has them, images as `docker images`
  // lists them (`docker info` also counts intermediate build images). Other suites may share the
  // engine and change them meanwhile: read both sides again until they agree.
  await expect(async () => {
    await page.reload();
    const shown = async (label: string) =>
      (await page.getByLabel(new RegExp(`^${label}: \\d+$`)).getAttribute('aria-label'))?.split(': ')[1];
    const [running, containers, images] = [await shown('Running'), await shown('Containers'), await shown('Images')];
    const info = await dockerInfo();
    const listed = new Set((await docker(['images', '-q', '--no-trunc'])).split('\n').filter(Boolean)).size;
    expect([running, containers, images]).toEqual([info.ContainersRunning, info.Containers, listed].map(String));
  }).toPass({ timeout: 30_000 });
  const running = Number((await page.getByLabel(/^Running: /).getAttribute('aria-label'))?.split(': ')[1]);
  expect(running).toBeGreaterThanOrEqual(1 + DEMO_SERVICES.length);
  await screenshot(page, 'classroom-overview');
});

test('Networks lists the demo networks and the topology map shows them with their containers', async ({ page }) => {
  const names = await projectContainers();
  const webappNet = (await docker(['network', 'ls', '--filter', `label=com.docker.compose.project=${project}`, '--format', '{{.Name}}']))
    .split('\n')
    .sort();
  const frontend = webappNet.find((n) => n.endsWith('webapp-network')) as string;
  const backend = webappNet.find((n) => n.endsWith('backend')) as string;
  expect(frontend).toBeTruthy();
  expect(backend).toBeTruthy();

  await signIn(page);
  await page
    .getByRole('navigation', { name: 'Main navigation' })
    .getByRole('link', { name: /^Networks/ })
    .click();
  const table = page.getByRole('table', { name: 'Networks' });
  await expect(table.getByRole('link', { name: frontend, exact: true })).toBeVisible();
  await expect(table.getByRole('link', { name: backend, exact: true })).toBeVisible();

  await page.getByRole('link', { name: 'Topology map' }).click();
  await expect(page.getByRole('heading', { name: 'Topology' })).toBeVisible();
  const filter = page.getByLabel('Filter containers or networks');
  await filter.fill(project);
  await expect(filter).toHaveValue(project);
  const map = page.getByLabel('Network topology');
  // The filter applies: the default bridge (no container of the project on it) is gone.
  await expect(map.getByTestId('topo-network-bridge')).toHaveCount(0);
  await expect(map.getByText(frontend, { exact: true })).toBeVisible();
  await expect(map.getByText(backend, { exact: true })).toBeVisible();
  // Lab 2: the backend network is internal; the web app bridges both networks.
  await expect(map.getByTestId(`topo-network-${backend}`)).toHaveAttribute('data-internal', 'true');
  const webApp = names.get('web-app') as string;
  await expect(map.getByTestId(`topo-container-${webApp}`)).toHaveAttribute('data-networks', [backend, frontend].sort().join(','));
  await screenshot(page, 'classroom-topology');
});

test('Containers lists the demo containers by their label', async ({ page }) => {
  const names = await projectContainers();
  await signIn(page);
  await page
    .getByRole('navigation', { name: 'Main navigation' })
    .getByRole('link', { name: /^Containers/ })
    .click();
  await page.getByRole('textbox', { name: 'Label filter' }).fill('porthole.demo=classroom');
  const table = page.getByRole('table', { name: 'Containers' });
  for (const s of DEMO_SERVICES) await expect(table.getByRole('link', { name: names.get(s), exact: true })).toBeVisible();
  await expect(table.getByRole('link', { name: names.get('porthole'), exact: true })).toHaveCount(0);
  await screenshot(page, 'classroom-containers');
});

test('Logs of the log generator stream live', async ({ page }) => {
  const id = await docker(['inspect', '-f', '{{.Id}}', await containerOf('log-generator')]);
  await signIn(page);
  await page.goto(`/containers/${id}/logs`);
  const log = page.getByRole('log', { name: 'Log lines' });
  await expect(log).toContainText(/INFO {2}GET \/api\/items\/\d+ 200/);
  const lines = async () => Number(await log.getAttribute('data-lines'));
  const before = await lines();
  // One line a second: new lines arrive without a reload.
  await expect.poll(lines, { timeout: 20_000 }).toBeGreaterThanOrEqual(before + 3);
  // The newest request number the engine has: `docker logs` on stdout only gives stdout lines (the
  // generator's warnings and errors go to stderr), so the last line alone may be missing; of the
  // last five lines at least three are on stdout.
  const numbers = [...(await docker(['logs', '--tail', '5', id])).matchAll(/\(request (\d+)\)/g)].map((m) => Number(m[1]));
  expect(numbers.length).toBeGreaterThan(0);
  const last = Math.max(...numbers);
  await expect(log).toContainText(`(request ${last + 1})`, { timeout: 15_000 });
  await screenshot(page, 'classroom-logs');
});

test('Stats of the CPU burner move', async ({ page }) => {
  const id = await docker(['inspect', '-f', '{{.Id}}', await containerOf('cpu-burner')]);
  await signIn(page);
  await page.goto(`/containers/${id}/stats`);
  const cpu = page.getByLabel('CPU', { exact: true });
  const seen = new Set<string>();
  // Samples keep coming (the value changes) and show the busy loop at work.
  await expect
    .poll(
      async () => {
        const text = (await cpu.textContent()) ?? '';
        if (/^\d/.test(text)) seen.add(text);
        return seen.size >= 2 && [...seen].some((t) => Number.parseFloat(t) >= 2);
      },
      { timeout: 30_000, intervals: [1000] },
    )
    .toBe(true);
  await expect(page.getByLabel('Memory', { exact: true })).toHaveText(/\d/);
  await screenshot(page, 'classroom-stats');
});

test('Health shows the web app unhealthy on demand, and healthy again', async ({ page }) => {
  test.setTimeout(120_000);
  const webApp = await containerOf('web-app');
  await signIn(page);
  await page
    .getByRole('navigation', { name: 'Main navigation' })
    .getByRole('link', { name: /^Health/ })
    .click();
  await expect(page.getByRole('heading', { name: 'Health', exact: true })).toBeVisible();
  const card = page.getByRole('region', { name: `Health of ${webApp}` });
  await expect(card).toContainText('healthy');
  try {
    await compose(['exec', '-T', 'web-app', 'rm', '/tmp/healthy']);
    await page.getByRole('checkbox', { name: /^Only unhealthy/ }).check();
    await expect(card).toBeVisible({ timeout: 60_000 });
    await expect(card).toContainText('unhealthy');
    await expect(card.getByRole('table', { name: `Health log of ${webApp}` })).toBeVisible();
    await screenshot(page, 'classroom-health');
  } finally {
    await compose(['exec', '-T', 'web-app', 'touch', '/tmp/healthy']);
  }
  // Healthy again: it leaves the "only unhealthy" list.
  await expect(card).toHaveCount(0, { timeout: 60_000 });
});

test('docker-compose restart porthole keeps users and API tokens (data volume)', async ({ page }) => {
  test.setTimeout(300_000); // a restart waits for the healthcheck, slow on a busy machine
  await signIn(page);
  // As the page would: a signed-in change carries Porthole's own Origin.
  const created = await page.request.post('/api/tokens', {
    data: { name: `classroom-restart-${Date.now()}` },
    headers: { origin: new URL(E2E.baseURL).origin },
  });
  expect(created.status()).toBe(201);
  const { token } = (await created.json()) as { token: string };
  const porthole = await containerOf('porthole');
  const startedBefore = await docker(['inspect', '-f', '{{.State.StartedAt}}', porthole]);

  const t0 = Date.now();
  await compose(['restart', 'porthole']);
  const t1 = Date.now();
  expect(await docker(['inspect', '-f', '{{.State.StartedAt}}', porthole])).not.toBe(startedBefore);
  await expect.poll(() => healthOf(porthole), { timeout: 240_000, intervals: [1000] }).toBe('running/healthy');
  // For the CI log: where a slow restart spends its time.
  const checks = await docker(['inspect', '-f', '{{range .State.Health.Log}}{{.Start}} exit {{.ExitCode}}; {{end}}', porthole]);
  console.log(
    `restart: docker-compose restart ${((t1 - t0) / 1000).toFixed(1)} s, healthy ${((Date.now() - t1) / 1000).toFixed(1)} s later; checks: ${checks}`,
  );

  const me = await fetch(`${E2E.baseURL}/api/auth/me`, { headers: { authorization: `Bearer ${token}` } });
  expect(me.status).toBe(200);
  expect(((await me.json()) as { username: string }).username).toBe('admin');
  // The admin user (and its password) survived too.
  await page.context().clearCookies();
  await signIn(page);
});

test('docker-compose down -v leaves no container, network or volume of the project', async () => {
  test.setTimeout(180_000);
  test.skip(process.env.PORTHOLE_CLASSROOM_KEEP === '1', 'PORTHOLE_CLASSROOM_KEEP=1 keeps the stack running');
  await compose(['down', '-v', '--remove-orphans']);
  const filter = `label=com.docker.compose.project=${project}`;
  expect(await docker(['ps', '-aq', '--filter', filter])).toBe('');
  expect(await docker(['network', 'ls', '-q', '--filter', filter])).toBe('');
  expect(await docker(['volume', 'ls', '-q', '--filter', filter])).toBe('');
});
