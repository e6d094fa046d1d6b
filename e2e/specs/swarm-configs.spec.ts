import { E2E } from '../support/env.ts';
import { screenshot, signIn } from '../support/session.ts';
import { dialog, expectCommand, nav, quiet, SWARM_ENGINE, serviceFormFrom, shots, swarmLabForSpec } from '../support/swarm-lab.ts';
import { pageAsNewUser, pageFetch } from '../support/teams.ts';
import { expect, type Page, test } from '../support/test.ts';

/**
 * Issue 15, what the first Swarm views left out, on the lab's two-node Swarm (e2e/support/swarm-lab.ts):
 * configs (create from text and from a file, view, attach to a service in the create form, removal
 * refused while in use), a node's tasks (`docker node ps`) and encrypted overlays (`--opt encrypted`).
 * Checked against the nodes' own docker CLI.
 */
const tag = Date.now().toString(36);
const CONFIG = `pt-e2e-conf-${tag}`;
const CONFIG_FILE = `pt-e2e-file-${tag}`;
const CONTENT = `server {\n  listen 80; # ${tag}\n}\n`;
const FILE_CONTENT = `[app]\nname = ${tag}\n`;
const SERVICE = `pt-e2e-cfgsvc-${tag}`;
const NETWORK = `pt-e2e-enc-${tag}`;
const { onA, onB, manager } = swarmLabForSpec(async () => {
  await quiet(onA(['service', 'rm', SERVICE]));
  await quiet(onA(['network', 'rm', NETWORK]));
  // A config is free once the service's tasks are gone.
  const configsLeft = async () => {
    let left = '';
    for (const name of [CONFIG, CONFIG_FILE]) {
      await quiet(onA(['config', 'rm', name]));
      left += await onA(['config', 'ls', '-q', '--filter', `name=${name}`]);
    }
    return left;
  };
  await expect.poll(configsLeft, { timeout: 30_000 }).toBe('');
});

test.afterEach(async ({ page }) => {
  await pageFetch(page, `/api/engines/${SWARM_ENGINE}`, 'DELETE').catch(() => undefined);
});

const configSpec = async (name: string) =>
  JSON.parse(await onA(['config', 'inspect', '--format', '{{json .Spec}}', name])) as { Data: string; Labels: Record<string, string> };
const decoded = (data: string) => Buffer.from(data, 'base64').toString('utf8');

/** The task names (`service.slot`) the node page shows, sorted. */
const shownTasks = (page: Page) =>
  page
    .getByRole('table', { name: 'Tasks' })
    .locator('tbody tr')
    .evaluateAll((rows) =>
      rows.map((r) => `${r.getAttribute('data-service')}.${r.getAttribute('data-slot')} ${r.getAttribute('data-state')}`).sort(),
    );

test('Swarm configs, a node’s tasks, encrypted overlays', async ({ page, browser }) => {
  test.setTimeout(150_000);
  await signIn(page);
  const added = await pageFetch(page, '/api/engines', 'POST', { name: SWARM_ENGINE, host: manager() });
  expect([201, 409], added.text).toContain(added.status);
  await page.goto(`/engines/${SWARM_ENGINE}/swarm/nodes`);

  await test.step('configs: one typed with a label, one from a file; both as the engine has them; the content can be read back', async () => {
    await nav(page, 'Configs');
    const empty = page.getByTestId('configs-empty');
    if (await empty.isVisible()) await shots(page, 'swarm-configs-empty', empty);
    await page.getByRole('button', { name: 'Create config' }).click();
    let create = dialog(page, 'Create config');
    await create.getByLabel('Name').fill(CONFIG);
    await create.getByLabel('Content').fill(CONTENT);
    await create.getByRole('button', { name: 'Add label' }).click();
    await create.getByLabel('Label 1 key').fill('porthole.test');
    await create.getByLabel('Label 1 value').fill('1');
    await expectCommand(create, `printf '…' | docker config create --label porthole.test=1 ${CONFIG} -`);
    await screenshot(page, 'swarm-configs-create-light');
    await create.getByRole('button', { name: 'Create', exact: true }).click();
    await expect(create).toBeHidden();
    expect(await configSpec(CONFIG)).toMatchObject({ Labels: { 'porthole.test': '1' } });
    expect(decoded((await configSpec(CONFIG)).Data)).toBe(CONTENT);

    await page.getByRole('button', { name: 'Create config' }).click();
    create = dialog(page, 'Create config');
    await create.getByLabel('Name').fill(CONFIG_FILE);
    await create.locator('input[type=file]').setInputFiles({ name: 'app.ini', mimeType: 'text/plain', buffer: Buffer.from(FILE_CONTENT) });
    await expect(create.getByLabel('Content')).toHaveValue(FILE_CONTENT);
    await expectCommand(create, `docker config create ${CONFIG_FILE} ./app.ini`);
    await create.getByRole('button', { name: 'Create', exact: true }).click();
    await expect(create).toBeHidden();
    expect(decoded((await configSpec(CONFIG_FILE)).Data)).toBe(FILE_CONTENT);

    const row = page.locator(`tr[data-config="${CONFIG}"]`);
    await expect(row).toContainText('porthole.test=1');
    await row.getByRole('button', { name: `View config ${CONFIG}` }).click();
    const view = dialog(page, `Config ${CONFIG}`);
    await expect(view.getByTestId('config-content')).toHaveText(CONTENT.trimEnd());
    await expectCommand(view, `docker config inspect --pretty ${CONFIG}`);
    await shots(page, 'swarm-configs-view', view);
    await view.getByRole('button', { name: 'Close' }).click();
  });

  await test.step('a service created with both configs (one pasted, one picked) reads them at their targets', async () => {
    const create = await serviceFormFrom(
      page,
      `docker service create --name ${SERVICE} --replicas 2 --stop-grace-period 1s --endpoint-mode dnsrr --config source=${CONFIG},target=/etc/app.conf ${E2E.fixtureImage} sleep 3600`,
    );
    await expect(create.getByLabel('Config 1 target path')).toHaveValue('/etc/app.conf');
    await create.getByRole('button', { name: 'Add config' }).click();
    await create.getByLabel('Config 2', { exact: true }).click();
    await page.getByRole('option', { name: CONFIG_FILE }).click();
    await expectCommand(create, `--config source=${CONFIG},target=/etc/app.conf --config ${CONFIG_FILE} --stop-grace-period 1s`);
    await shots(page, 'swarm-service-configs', create.getByLabel('Config 2 target path'));
    await create.getByRole('button', { name: 'Create', exact: true }).click();
    await expect(create).toBeHidden();
    await expect(page.locator(`tr[data-service="${SERVICE}"]`).getByTestId('service-replicas')).toHaveText('2/2', { timeout: 30_000 });
    const task = (await onA(['ps', '-q', '--filter', `label=com.docker.swarm.service.name=${SERVICE}`])).split('\n')[0] ?? '';
    const [run, id] = task
      ? [onA, task]
      : [onB, (await onB(['ps', '-q', '--filter', `label=com.docker.swarm.service.name=${SERVICE}`])).split('\n')[0] ?? ''];
    expect(await run(['exec', id, 'cat', '/etc/app.conf'])).toBe(CONTENT.trimEnd());
    expect(await run(['exec', id, 'cat', `/${CONFIG_FILE}`])).toBe(FILE_CONTENT.trimEnd());
  });

  await test.step('the configs list names the service; removing a config in use shows the engine’s refusal', async () => {
    await nav(page, 'Configs');
    const row = page.locator(`tr[data-config="${CONFIG}"]`);
    await expect(row.getByTestId('config-users')).toHaveText(SERVICE);
    await shots(page, 'swarm-configs', row);
    await row.getByRole('button', { name: `Remove config ${CONFIG}` }).click();
    const remove = dialog(page, `Remove config ${CONFIG}?`);
    await expectCommand(remove, `docker config rm ${CONFIG}`);
    await remove.getByRole('button', { name: `Remove ${CONFIG}` }).click();
    await expect(remove.getByTestId('engine-error')).toContainText(/in use/);
    await expect(remove.getByTestId('engine-error')).toContainText(SERVICE);
    await screenshot(page, 'swarm-configs-in-use-light');
    await remove.getByRole('button', { name: 'Cancel' }).click();
    expect(await onA(['config', 'ls', '-q', '--filter', `name=${CONFIG}`])).not.toBe('');
  });

  await test.step('a viewer sees every Swarm change disabled with the reason, and config contents hidden', async () => {
    const viewer = await pageAsNewUser(browser, page, 'viewer');
    const v = viewer.page;
    const disabledWith = async (button: import('@playwright/test').Locator, reason: string) => {
      await expect(button).toBeDisabled();
      await expect(button).toHaveAttribute('title', reason);
    };
    try {
      await v.goto(`/engines/${SWARM_ENGINE}/swarm/nodes`);
      await expect(v.getByRole('table', { name: 'Nodes' })).toBeVisible();
      const nodeActions = v.getByRole('button', { name: /^Actions for node / });
      await expect(nodeActions).toHaveCount(2);
      for (const b of await nodeActions.all()) await disabledWith(b, "Viewers can't change swarm nodes");

      await nav(v, 'Services');
      await disabledWith(v.getByRole('button', { name: 'Create service' }), "Viewers can't create, change or remove services");
      const service = v.locator(`tr[data-service="${SERVICE}"]`);
      await disabledWith(service.getByRole('button', { name: `Scale ${SERVICE}` }), "Viewers can't create, change or remove services");
      await disabledWith(
        service.getByRole('button', { name: `Remove service ${SERVICE}` }),
        "Viewers can't create, change or remove services",
      );

      await nav(v, 'Stacks');
      await disabledWith(v.getByRole('button', { name: 'Deploy stack' }), "Viewers can't deploy or remove stacks");
      await nav(v, 'Secrets');
      await disabledWith(v.getByRole('button', { name: 'Create secret' }), "Viewers can't create or remove secrets");

      await nav(v, 'Configs');
      await disabledWith(v.getByRole('button', { name: 'Create config' }), "Viewers can't create or remove configs");
      const row = v.locator(`tr[data-config="${CONFIG}"]`);
      await disabledWith(row.getByRole('button', { name: `Remove config ${CONFIG}` }), "Viewers can't create or remove configs");
      await row.getByRole('button', { name: `View config ${CONFIG}` }).click();
      const view = dialog(v, `Config ${CONFIG}`);
      await expect(view).toContainText("Viewers can't read config contents");
      await expect(view.getByTestId('config-content')).toHaveCount(0);
      await screenshot(v, 'swarm-configs-viewer-light');
    } finally {
      await viewer.remove();
    }
  });

  await test.step('a node’s tasks match docker node ps', async () => {
    const node = (await onA(['service', 'ps', SERVICE, '--format', '{{.Node}}'])).split('\n')[0] ?? '';
    await nav(page, 'Swarm nodes');
    await page.getByRole('link', { name: node }).click();
    await expect(page.getByRole('heading', { level: 2, name: node })).toBeVisible();
    const cli = async () =>
      (await onA(['node', 'ps', node, '--filter', 'desired-state=running', '--format', '{{.Name}} {{.CurrentState}}']))
        .split('\n')
        .filter(Boolean)
        .map((l) => l.replace(/ (\w+).*/, ' $1').toLowerCase())
        .sort();
    await expect.poll(async () => (await shownTasks(page)).join('\n'), { timeout: 20_000 }).toBe((await cli()).join('\n'));
    expect((await shownTasks(page)).some((t) => t.startsWith(`${SERVICE}.`))).toBe(true);
    await expectCommand(page.getByRole('main'), `docker node ps --filter desired-state=running ${node}`);
    await shots(page, 'swarm-node-tasks', page.getByRole('table', { name: 'Tasks' }));
  });

  await test.step('once the service is gone, the config is removed in the UI', async () => {
    await onA(['service', 'rm', SERVICE]);
    await nav(page, 'Configs');
    await page.getByRole('button', { name: `Remove config ${CONFIG_FILE}` }).click();
    const remove = dialog(page, `Remove config ${CONFIG_FILE}?`);
    await expect(remove).toContainText('No service uses it');
    await remove.getByRole('button', { name: `Remove ${CONFIG_FILE}` }).click();
    await expect(remove).toBeHidden({ timeout: 20_000 });
    await expect(page.locator(`tr[data-config="${CONFIG_FILE}"]`)).toBeHidden();
    expect(await onA(['config', 'ls', '-q', '--filter', `name=${CONFIG_FILE}`])).toBe('');
  });

  await test.step('an encrypted overlay: offered with its cost, created with --opt encrypted, shown as encrypted', async () => {
    await nav(page, 'Networks');
    await page.getByRole('button', { name: 'Create network' }).click();
    const create = dialog(page, 'Create network');
    await expect(create.getByLabel('Encrypt traffic (IPsec)')).toBeHidden();
    await create.getByLabel('Name').fill(NETWORK);
    await create.getByLabel('Driver').click();
    await page.getByRole('option', { name: 'overlay' }).click();
    await create.getByLabel('Encrypt traffic (IPsec)').check();
    await expect(create).toContainText('Costs CPU');
    await expectCommand(create, /--driver overlay[\s\\]+--opt encrypted[\s\\]+pt-e2e-enc/);
    await shots(page, 'swarm-network-encrypted-form', create.getByLabel('Encrypt traffic (IPsec)'));
    await create.getByRole('button', { name: 'Create', exact: true }).click();
    await expect(create).toBeHidden();
    expect(JSON.parse(await onA(['network', 'inspect', '--format', '{{json .Options}}', NETWORK]))).toHaveProperty('encrypted');
    await expect(page.getByText('encrypted (IPsec)')).toBeVisible();
    await nav(page, 'Networks');
    const row = page.locator(`tr[data-network="${NETWORK}"]`);
    await expect(row).toContainText('encrypted');
    await shots(page, 'swarm-networks-encrypted', row);
  });
});
