import { expect, type Page, test } from '../support/test.ts';
import { E2E } from '../support/env.ts';
import { signIn } from '../support/session.ts';
import {
  dialog,
  expectCommand,
  nav,
  quiet,
  SWARM_ENGINE,
  serviceFormFrom,
  shots,
  swarmLabForSpec,
  swarmView as view,
} from '../support/swarm-lab.ts';
import { pageFetch } from '../support/teams.ts';

/**
 * Issue 15, acceptance 2–5 through the UI, on the lab's two-node Swarm (e2e/support/swarm-lab.ts).
 * The manager is added as engine `swarm` through the REST API; everything else is done in the
 * browser and checked against the nodes' own docker CLI. Only the Swarm nodes A and B are used here.
 */
const tag = Date.now().toString(36);
const ENGINE = SWARM_ENGINE;
const SERVICE = `pt-e2e-svc-${tag}`;
const STACK = `ptst${tag}`;
const NETWORK = `pt-e2e-ovl-${tag}`;
const SECRET = `pt-e2e-secret-${tag}`;
const SECRET_VALUE = `v4lue-${tag}-${Math.random().toString(36).slice(2)}`;
const SITE_CONF = `site ${tag}`;
const DB_PASS = `pass-${tag}`;
const TICKER = `sh -c 'trap "exit 0" TERM; i=0; while :; do echo "tick $i on $(hostname)"; i=$((i+1)); sleep 0.3 & wait $!; done'`;
const { onA, onB, manager } = swarmLabForSpec(async () => {
  const services = (await quiet(onA(['service', 'ls', '-q', '--filter', `name=${SERVICE}`]))) ?? '';
  for (const s of services.split('\n')) if (s.trim()) await quiet(onA(['service', 'rm', s.trim()]));
  await quiet(onA(['stack', 'rm', STACK]));
  for (const run of [onA, onB]) {
    const ids = (await quiet(run(['ps', '-aq', '--filter', 'label=porthole.test=1']))) ?? '';
    if (ids) await quiet(run(['rm', '-f', ...ids.split('\n')]));
  }
  await quiet(onA(['secret', 'rm', SECRET]));
  await quiet(onA(['network', 'rm', NETWORK]));
});

test.beforeAll(async () => {
  // A second tag of the same image on both nodes, for the rolling update (never pulled).
  for (const run of [onA, onB]) await run(['tag', E2E.fixtureImage, 'porthole-test/busybox:v2']);
});

// The engine goes with the lab: later specs see only their own engines.
test.afterEach(async ({ page }) => {
  await pageFetch(page, `/api/engines/${ENGINE}`, 'DELETE').catch(() => undefined);
});

async function openService(page: Page): Promise<void> {
  await nav(page, 'Services');
  await page.locator(`tr[data-service="${SERVICE}"]`).getByRole('link', { name: SERVICE }).click();
  await expect(page.getByRole('table', { name: 'Tasks' })).toBeVisible();
}

/** The current tasks of the service page: node and state of each row. */
async function currentTasks(page: Page): Promise<{ node: string; state: string; image: string }[]> {
  return page
    .getByRole('table', { name: 'Tasks' })
    .locator('tbody tr')
    .evaluateAll((rows) =>
      rows.map((r) => ({
        node: r.getAttribute('data-node') ?? '',
        state: r.getAttribute('data-state') ?? '',
        image: r.getAttribute('data-image') ?? '',
      })),
    );
}
const running = async (page: Page) => (await currentTasks(page)).filter((t) => t.state === 'running');

test('Swarm through the UI: service spread, scale, drain, rolling update, rollback, logs; stack; overlay; secret', async ({ page }) => {
  test.setTimeout(240_000);
  // Every Porthole API response and websocket frame the page receives, to look for the secret's value in.
  const received: string[] = [];
  page.on('response', async (res) => {
    if (!new URL(res.url()).pathname.startsWith('/api/')) return;
    const body = await res.text().catch(() => '');
    received.push(`${res.url()} ${body}`);
  });
  page.on('websocket', (ws) => ws.on('framereceived', (f) => received.push(String(f.payload))));

  await signIn(page);
  const added = await pageFetch(page, '/api/engines', 'POST', { name: ENGINE, host: manager() });
  expect([201, 409], added.text).toContain(added.status);

  await test.step('nodes: the manager and the worker, ready', async () => {
    await page.goto(view('/swarm/nodes'));
    const nodes = page.getByRole('table', { name: 'Nodes' });
    await expect(nodes.locator('tbody tr')).toHaveCount(2);
    await expect(nodes.locator('tr[data-node="phlab-A"]')).toContainText('manager');
    await expect(nodes.locator('tr[data-node="phlab-B"]')).toContainText('worker');
    await expect(nodes.locator('tr[data-node="phlab-A"]')).toContainText('(leader)');
    await shots(page, 'swarm-nodes', nodes);
  });

  await test.step('a service with 4 replicas, pasted as a docker service create command: tasks on both nodes, logs from both', async () => {
    const create = await serviceFormFrom(
      page,
      `docker service create -d --name ${SERVICE} --replicas 4 --stop-grace-period 1s --update-parallelism 2 --update-monitor 1s ${E2E.fixtureImage} ${TICKER}`,
    );
    await expect(create.getByLabel('Name')).toHaveValue(SERVICE);
    await expectCommand(create, `--update-parallelism 2 --update-monitor 1s --rollback-monitor 1s ${E2E.fixtureImage} sh -c`);
    await create.getByRole('button', { name: 'Create', exact: true }).click();
    await expect(create).toBeHidden();
    const row = page.locator(`tr[data-service="${SERVICE}"]`);
    await expect(row.getByTestId('service-replicas')).toHaveText('4/4', { timeout: 30_000 });
    await shots(page, 'swarm-services', row);

    await row.getByRole('link', { name: SERVICE }).click();
    await expect.poll(async () => (await running(page)).length, { timeout: 30_000 }).toBe(4);
    expect(new Set((await running(page)).map((t) => t.node))).toEqual(new Set(['phlab-A', 'phlab-B']));
    const logs = page.getByRole('log', { name: 'Service logs' });
    await expect(logs.locator('[data-node="phlab-A"]').first()).toContainText(/tick \d+ on /, { timeout: 20_000 });
    await expect(logs.locator('[data-node="phlab-B"]').first()).toContainText(/tick \d+ on /, { timeout: 20_000 });
    await shots(page, 'swarm-service', logs);
  });

  await test.step('scale to 2', async () => {
    await page.getByRole('button', { name: `Scale ${SERVICE}` }).click();
    const scale = dialog(page, `Scale ${SERVICE}`);
    await expectCommand(scale, `docker service scale ${SERVICE}=4`);
    await scale.getByLabel('Replicas').fill('2');
    await scale.getByRole('button', { name: 'Scale' }).click();
    await expect(scale).toBeHidden();
    await expect(page.getByTestId('service-replicas')).toHaveText('Replicas 2/2', { timeout: 30_000 });
    await expect.poll(async () => (await currentTasks(page)).length, { timeout: 30_000 }).toBe(2);
  });

  await test.step('drain the node of a task: its tasks move to the other node; activate it again', async () => {
    const from = (await running(page))[0]?.node as string;
    const to = from === 'phlab-A' ? 'phlab-B' : 'phlab-A';
    await nav(page, 'Swarm nodes');
    await page.getByRole('button', { name: `Actions for node ${from}` }).click();
    await page.getByRole('menuitem', { name: 'Drain' }).click();
    const drain = dialog(page, `Drain node ${from}?`);
    await expectCommand(drain, `docker node update --availability drain ${from}`);
    await drain.getByRole('button', { name: 'Drain' }).click();
    await expect(page.locator(`tr[data-node="${from}"]`).getByTestId('node-availability')).toHaveText('drain');
    await openService(page);
    await expect.poll(async () => (await running(page)).map((t) => t.node).join(), { timeout: 30_000 }).toBe(`${to},${to}`);
    await nav(page, 'Swarm nodes');
    await page.getByRole('button', { name: `Actions for node ${from}` }).click();
    await page.getByRole('menuitem', { name: 'Activate' }).click();
    await dialog(page, `Activate node ${from}?`).getByRole('button', { name: 'Activate' }).click();
    await expect(page.locator(`tr[data-node="${from}"]`).getByTestId('node-availability')).toHaveText('active');
    await openService(page);
  });

  await test.step('update the image: the rolling update finishes; roll back', async () => {
    await page.getByRole('button', { name: 'Update image' }).click();
    const update = dialog(page, `Update the image of ${SERVICE}`);
    await update.getByLabel('Image').fill('porthole-test/busybox:v2');
    await expectCommand(update, `docker service update --image porthole-test/busybox:v2 ${SERVICE}`);
    await update.getByRole('button', { name: 'Update' }).click();
    await expect(update).toBeHidden();
    await expect(page.getByTestId('update-status')).toHaveText(/Update\s*completed/, { timeout: 60_000 });
    await expect
      .poll(async () => (await running(page)).map((t) => t.image).join(), { timeout: 20_000 })
      .toBe('porthole-test/busybox:v2,porthole-test/busybox:v2');

    await page.getByRole('button', { name: 'Roll back' }).click();
    const rollback = dialog(page, `Roll back ${SERVICE}?`);
    await expectCommand(rollback, `docker service rollback ${SERVICE}`);
    await rollback.getByRole('button', { name: 'Roll back' }).click();
    await expect(page.getByTestId('update-status')).toHaveText(/Update\s*rollback_completed/, { timeout: 60_000 });
    await expect
      .poll(async () => (await running(page)).map((t) => t.image).join(), { timeout: 20_000 })
      .toBe(`${E2E.fixtureImage},${E2E.fixtureImage}`);
  });

  await test.step('a secret created in the UI, attached to the service, is readable in the task and never shown', async () => {
    await nav(page, 'Secrets');
    await page.getByRole('button', { name: 'Create secret' }).click();
    const create = dialog(page, 'Create secret');
    await create.getByLabel('Name').fill(SECRET);
    await create.getByLabel('Value').fill(SECRET_VALUE);
    await create.getByRole('button', { name: 'Create' }).click();
    await expect(create).toBeHidden();
    await openService(page);
    await page.getByRole('button', { name: 'Attach secret' }).click();
    const attach = dialog(page, `Attach a secret to ${SERVICE}`);
    await attach.getByLabel('Secret').click();
    await page.getByRole('option', { name: SECRET }).click();
    await expectCommand(attach, `docker service update --secret-add ${SECRET} ${SERVICE}`);
    await attach.getByRole('button', { name: 'Attach' }).click();
    await expect(attach).toBeHidden();
    await expect(page.getByTestId('update-status')).toHaveText(/Update\s*completed/, { timeout: 60_000 });
    const [onNode, id] = await firstTaskContainer();
    expect((await onNode(['exec', id, 'cat', `/run/secrets/${SECRET}`])).trim()).toBe(SECRET_VALUE);

    await nav(page, 'Secrets');
    const row = page.locator(`tr[data-secret="${SECRET}"]`);
    await expect(row).toContainText(SERVICE);
    await shots(page, 'swarm-secrets', row);
    await expect(page.locator('body')).not.toContainText(SECRET_VALUE);
    const leaks = received.filter((r) => r.includes(SECRET_VALUE));
    expect(leaks, 'responses that carried the secret value').toEqual([]);
    expect(received.length).toBeGreaterThan(20);
  });

  await test.step('a 3-service stack from a compose file matches docker stack services; removing it leaves nothing', async () => {
    const compose = [
      'version: "3.8"',
      'services:',
      '  web:',
      `    image: ${E2E.fixtureImage}`,
      '    command: ["httpd", "-f", "-p", "80"]',
      '    stop_grace_period: 1s',
      '    networks: [front]',
      '    deploy: { replicas: 2, labels: { porthole.test: "1" } }',
      '  worker:',
      `    image: ${E2E.fixtureImage}`,
      '    command: sleep 3600',
      '    stop_grace_period: 1s',
      '    networks: [front]',
      '    deploy: { labels: { porthole.test: "1" } }',
      '  db:',
      `    image: ${E2E.fixtureImage}`,
      '    command: sleep 3600',
      '    stop_grace_period: 1s',
      '    deploy: { labels: { porthole.test: "1" }, placement: { constraints: ["node.role==worker"] } }',
      '    configs: [{ source: site, target: /etc/site.conf }]',
      '    secrets: [dbpass]',
      'networks:',
      '  front: { driver: overlay }',
      'configs:',
      '  site: { file: ./site.conf }',
      'secrets:',
      '  dbpass: { file: "./db pass.txt" }',
    ].join('\n');
    await nav(page, 'Stacks');
    await page.getByRole('button', { name: 'Deploy stack' }).click();
    const deploy = dialog(page, 'Deploy stack');
    await deploy.getByLabel('Stack name').fill(STACK);
    await deploy.getByLabel('Compose file').fill(compose);
    // The files the compose file names are chosen on this machine, one by one.
    await expect(deploy.getByRole('button', { name: 'Deploy' })).toBeDisabled();
    const files: [string, string][] = [
      ['./site.conf', SITE_CONF],
      ['./db pass.txt', DB_PASS],
    ];
    for (const [ref, content] of files) {
      const chooser = page.waitForEvent('filechooser');
      await deploy.getByRole('button', { name: `Choose the file ${ref}` }).click();
      await (await chooser).setFiles({ name: ref.slice(2), mimeType: 'text/plain', buffer: Buffer.from(content) });
      await expect(deploy.locator(`[data-stack-file="${ref}"]`)).toContainText(`${content.length} B`);
    }
    await expectCommand(deploy, `docker stack deploy --compose-file docker-compose.yml ${STACK}`);
    await shots(page, 'swarm-stack-files', deploy.locator('[data-stack-file="./site.conf"]'));
    await deploy.getByRole('button', { name: 'Deploy' }).click();
    await expect(deploy).toBeHidden({ timeout: 20_000 });
    const row = page.locator(`tr[data-stack="${STACK}"]`);
    const shown = async () =>
      (await row.locator('[data-stack-service]').evaluateAll((els) => els.map((e) => e.getAttribute('data-replicas') ?? '')))
        .sort()
        .join('\n');
    const cli = async () => (await onA(['stack', 'services', STACK, '--format', '{{.Name}} {{.Replicas}}'])).split('\n').sort().join('\n');
    await expect.poll(cli, { timeout: 60_000 }).toBe([`${STACK}_db 1/1`, `${STACK}_web 2/2`, `${STACK}_worker 1/1`].join('\n'));
    await expect.poll(shown, { timeout: 10_000 }).toBe(await cli());
    const db = (await onB(['ps', '-q', '--filter', `label=com.docker.swarm.service.name=${STACK}_db`])).split('\n')[0] ?? '';
    expect(await onB(['exec', db, 'cat', '/etc/site.conf'])).toBe(SITE_CONF);
    expect(await onB(['exec', db, 'cat', '/run/secrets/dbpass'])).toBe(DB_PASS);
    await shots(page, 'swarm-stacks', row);

    await row.getByRole('button', { name: `Remove stack ${STACK}` }).click();
    const remove = dialog(page, `Remove stack ${STACK}?`);
    await expect(remove).toContainText(`${STACK}_web`);
    await remove.getByRole('button', { name: `Remove ${STACK}` }).click();
    await expect(row).toBeHidden({ timeout: 20_000 });
    const ns = `label=com.docker.stack.namespace=${STACK}`;
    const left = async () =>
      [
        await onA(['service', 'ls', '-q', '--filter', ns]),
        await onA(['network', 'ls', '-q', '--filter', ns]),
        await onA(['secret', 'ls', '-q', '--filter', ns]),
        await onA(['config', 'ls', '-q', '--filter', ns]),
        await onA(['ps', '-aq', '--filter', ns]),
        await onB(['ps', '-aq', '--filter', ns]),
        await onB(['network', 'ls', '-q', '--filter', `name=${STACK}_`]),
      ].join('');
    await expect.poll(left, { timeout: 30_000 }).toBe('');
  });

  await test.step('an attachable overlay network created in the UI takes standalone containers on both nodes; the topology shows it across them', async () => {
    await nav(page, 'Networks');
    await page.getByRole('button', { name: 'Create network' }).click();
    const create = dialog(page, 'Create network');
    await create.getByLabel('Name').fill(NETWORK);
    await create.getByLabel('Driver').click();
    await page.getByRole('option', { name: 'overlay' }).click();
    await create.getByLabel('Attachable').check();
    await expectCommand(create, /docker network create[\s\\]+--driver overlay[\s\\]+--attachable/);
    await create.getByRole('button', { name: 'Create' }).click();
    await expect(create).toBeHidden();
    const labels = ['--label', 'porthole.test=1', '--network', NETWORK];
    await onA(['run', '-d', '--name', `${NETWORK}-a`, ...labels, E2E.fixtureImage, 'sleep', '3600']);
    await onB(['run', '-d', '--name', `${NETWORK}-b`, ...labels, E2E.fixtureImage, 'sleep', '3600']);
    // Across the nodes: B's container reaches A's by name over the overlay.
    expect(await onB(['exec', `${NETWORK}-b`, 'ping', '-c', '1', '-W', '5', `${NETWORK}-a`])).toContain('1 packets received');

    await page.goto(view(`/networks/topology?q=${NETWORK}`));
    const spread = page.getByRole('region', { name: `Overlay ${NETWORK} across nodes` });
    await expect(spread.getByTestId('overlay-node-phlab-A')).toContainText(`${NETWORK}-a`, { timeout: 20_000 });
    await expect(spread.getByTestId('overlay-node-phlab-B')).toContainText(`${NETWORK}-b`);
    // The map gains the Swarm's nodes, and the overlay is drawn to both.
    const map = page.getByTestId('topology');
    await expect(map.getByTestId('topo-swarm-node-phlab-A')).toBeVisible();
    await expect(map.getByTestId('topo-swarm-node-phlab-B')).toBeVisible();
    for (const node of ['phlab-A', 'phlab-B']) await expect(map.locator(`[data-testid="rf__edge-o:${NETWORK}:${node}"]`)).toHaveCount(1);
    await shots(page, 'swarm-topology', spread);
  });

  await test.step('remove the service in the UI', async () => {
    await nav(page, 'Services');
    await page.getByRole('button', { name: `Remove service ${SERVICE}` }).click();
    await dialog(page, `Remove service ${SERVICE}?`)
      .getByRole('button', { name: `Remove ${SERVICE}` })
      .click();
    await expect(page.locator(`tr[data-service="${SERVICE}"]`)).toBeHidden();
    expect(await onA(['service', 'ls', '-q', '--filter', `name=${SERVICE}`])).toBe('');
  });
});

/** The container of one of the service's running tasks, on whichever node runs it. */
async function firstTaskContainer(): Promise<[(args: string[]) => Promise<string>, string]> {
  let found: [(args: string[]) => Promise<string>, string] | undefined;
  await expect
    .poll(
      async () => {
        for (const run of [onA, onB]) {
          const id = (await run(['ps', '-q', '--filter', `label=com.docker.swarm.service.name=${SERVICE}`])).split('\n')[0];
          if (id) found = [run, id];
        }
        return found !== undefined;
      },
      { timeout: 20_000 },
    )
    .toBe(true);
  return found as [(args: string[]) => Promise<string>, string];
}
