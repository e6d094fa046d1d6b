import fs from 'node:fs';
import { type Browser, expect, type Page, test } from '../support/test.ts';
import { cleanupRun, runFixture } from '../support/docker-cli.ts';
import { E2E } from '../support/env.ts';
import { expectNoSidewaysScroll, screenshot, setTheme, signIn } from '../support/session.ts';
import { dockerWithToken, pageFetch, recordSocketCloses, socketCloses } from '../support/teams.ts';

/**
 * Issue 14, acceptance 3–5 in Chromium: an admin creates an operator and a viewer in the UI; each
 * sees only what its role may do, the server refuses what the UI does not offer, disabling closes
 * their live connections within a second, and the audit page shows UI and CLI actions and denials
 * without a secret (table, exports, server log).
 */
const suffix = E2E.port;
const container = `pt-teams-${suffix}`;
const PLANT = 's3cret-plant';
const operator = { username: `op-${suffix}`, password: 'operator-pass-1234' };
const viewer = { username: `viewer-${suffix}`, password: '' };
const secrets: string[] = [E2E.password, operator.password, PLANT];

let admin: Page;
let containerId = '';

async function signedInPage(browser: Browser, as: { username: string; password: string }): Promise<Page> {
  const context = await browser.newContext({ baseURL: E2E.baseURL });
  const page = await context.newPage();
  await recordSocketCloses(page);
  await signIn(page, E2E.baseURL, as);
  // A password an admin set must be changed first: the server holds everything else back until
  // then (403), and every view sends the user to the password form in Settings.
  await expect(page).toHaveURL(/\/settings#password$/);
  expect((await pageFetch(page, '/api/engines/local/docker/containers/json')).status).toBe(403);
  await page.goto('/containers');
  await expect(page).toHaveURL(/\/settings#password$/);
  const form = page.getByRole('form', { name: 'Change password' });
  await expect(page.getByRole('status').filter({ hasText: 'a password you did not choose' })).toBeVisible();
  // The tokens part says why there is nothing yet, instead of the 403 it would get.
  await expect(page.getByTestId('tokens-locked')).toBeVisible();
  await expect(page.getByText(/Could not load|403/)).toHaveCount(0);
  const chosen = `${as.password}-own`;
  await form.getByLabel('Current password').fill(as.password);
  await form.getByLabel(/^New password/).fill(chosen);
  await form.getByLabel('Repeat the new password').fill(chosen);
  await form.getByRole('button', { name: 'Change password' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'a password you did not choose' })).toHaveCount(0);
  await expect(page.getByLabel('Token name')).toBeVisible();
  as.password = chosen;
  secrets.push(chosen);
  await page.goto('/');
  return page;
}

async function createUser(role: 'operator' | 'viewer', username: string, password?: string): Promise<string> {
  await admin.getByRole('button', { name: 'Create user' }).click();
  const dialog = admin.getByRole('dialog', { name: 'Create user' });
  await dialog.getByLabel('Username').fill(username);
  await dialog.getByLabel('Role').selectOption(role);
  if (password) {
    await dialog.getByLabel('Password').fill('short');
    await expect(dialog.getByText('At least 12 characters (5 now)')).toBeVisible();
    await dialog.getByLabel('Password').fill(password);
  } else {
    await dialog.getByRole('button', { name: 'Generate a password' }).click();
  }
  await dialog.getByRole('button', { name: `Create ${username}` }).click();
  const done = admin.getByRole('dialog', { name: `User ${username} created` });
  const shown = password ?? ((await done.getByTestId('new-password').textContent()) || '');
  await done.getByRole('button', { name: 'Done' }).click();
  await expect(admin.locator(`tr[data-user="${username}"]`)).toContainText('active');
  return shown;
}

test.describe
  .serial('teams: roles in the UI, refusals, disabling and the audit log', () => {
    let viewerPage: Page;
    let operatorPage: Page;
    let viewerToken = '';
    let operatorToken = '';

    test.beforeAll(async ({ browser }) => {
      containerId = await runFixture(container, ['-e', `DB_PASSWORD=${PLANT}`]);
      admin = await (await browser.newContext({ baseURL: E2E.baseURL })).newPage();
      await signIn(admin);
    });

    test.afterAll(async () => {
      await cleanupRun();
    });

    test('an admin creates an operator and a viewer on the Users page', async () => {
      await admin.goto('/users');
      await expect(admin.getByRole('table', { name: 'Users' })).toContainText('admin');
      await createUser('operator', operator.username, operator.password);
      viewer.password = await createUser('viewer', viewer.username);
      expect(viewer.password).toHaveLength(20);
      secrets.push(viewer.password);
      // The last active admin cannot be demoted, disabled or deleted: the page offers none of it, and says why
      // (the server refuses it too: users.test.ts).
      const why = 'The last active admin cannot be disabled, demoted or deleted';
      for (const control of [admin.getByLabel('Role of admin'), admin.getByLabel('Disable admin'), admin.getByLabel('Delete user admin')]) {
        await expect(control).toBeDisabled();
        await expect(control).toHaveAttribute('title', why);
      }
      await expect(admin.getByLabel('Role of admin')).toHaveValue('admin');
      // The operator's controls stay: only the last admin is kept.
      await expect(admin.getByLabel(`Disable ${operator.username}`)).toBeEnabled();
      await screenshot(admin, 'users-light');
      await setTheme(admin, 'dark');
      await screenshot(admin, 'users-dark');
      await admin.setViewportSize({ width: 390, height: 844 });
      await screenshot(admin, 'users-mobile');
      await expectNoSidewaysScroll(admin);
      await admin.setViewportSize({ width: 1280, height: 800 });
      await setTheme(admin, 'light');
    });

    test('a viewer sees no change controls, and the server refuses the URL bar and a crafted fetch', async ({ browser }) => {
      viewerPage = await signedInPage(browser, viewer);
      const nav = viewerPage.getByRole('navigation', { name: 'Main navigation' });
      await expect(nav.getByRole('link', { name: 'Containers' })).toBeVisible();
      await expect(nav.getByRole('link', { name: 'Users' })).toHaveCount(0);
      await expect(nav.getByRole('link', { name: 'Audit log' })).toHaveCount(0);

      await viewerPage.goto(`/containers/${containerId}`);
      const stop = viewerPage.getByRole('button', { name: 'Stop', exact: true });
      await expect(stop).toBeDisabled();
      await expect(stop).toHaveAttribute('title', "Viewers can't start, stop or restart containers");
      await expect(viewerPage.getByRole('tab', { name: 'Logs' })).toBeVisible();
      await expect(viewerPage.getByRole('tab', { name: 'Terminal' })).toHaveCount(0);
      await expect(viewerPage.getByRole('tab', { name: 'Files' })).toHaveCount(0);
      await screenshot(viewerPage, 'viewer-container-light');
      await setTheme(viewerPage, 'dark');
      await screenshot(viewerPage, 'viewer-container-dark');
      await viewerPage.setViewportSize({ width: 390, height: 844 });
      await screenshot(viewerPage, 'viewer-container-mobile');
      await viewerPage.setViewportSize({ width: 1280, height: 800 });
      await setTheme(viewerPage, 'light');

      // The list: the row's Stop and the ⋮ menu's Restart disabled with the reason, no Shell; New container disabled.
      await viewerPage.goto(`/containers?q=${container}`);
      const row = viewerPage.getByTestId(`container-row-${container}`);
      const rowStop = row.getByRole('button', { name: `Stop ${container}` });
      await expect(rowStop).toBeDisabled();
      await expect(rowStop).toHaveAttribute('title', "Viewers can't start, stop or restart containers");
      // A disabled button takes no pointer: the reason is on the box around it too, and that box takes focus.
      await expect(row.locator(`span[title="Viewers can't start, stop or restart containers"][tabindex="0"]`)).toHaveCount(1);
      await expect(row.getByRole('link', { name: `Terminal of ${container}` })).toHaveCount(0);
      await expect(row.getByRole('link', { name: `Logs of ${container}` })).toBeVisible();
      const create = viewerPage.getByRole('button', { name: 'New container' });
      await expect(create).toBeDisabled();
      await expect(viewerPage.locator(`span[title="Viewers can't create containers"][tabindex="0"]`)).toHaveCount(1);
      await row.getByRole('button', { name: `More actions for ${container}` }).click();
      const restart = viewerPage.getByRole('menuitem', { name: /^Restart/ });
      await expect(restart).toBeDisabled();
      await expect(restart).toHaveAttribute('title', "Viewers can't start, stop or restart containers");
      await expect(viewerPage.getByRole('menu')).toContainText("Viewers can't");
      await viewerPage.keyboard.press('Escape');
      await screenshot(viewerPage, 'viewer-containers-light');
      await setTheme(viewerPage, 'dark');
      await screenshot(viewerPage, 'viewer-containers-dark');
      await viewerPage.setViewportSize({ width: 390, height: 844 });
      await screenshot(viewerPage, 'viewer-containers-mobile');
      await viewerPage.setViewportSize({ width: 1280, height: 800 });
      await setTheme(viewerPage, 'light');

      await viewerPage.goto(`/containers/${containerId}/terminal`);
      await expect(viewerPage.getByRole('alert')).toContainText("Viewers can't open terminals in containers");
      const stopCall = await pageFetch(viewerPage, `/api/engines/local/docker/containers/${containerId}/stop`, 'POST');
      expect(stopCall.status).toBe(403);
      expect(JSON.parse(stopCall.text).message).toMatch(/viewer may not/);
      const users = await pageFetch(viewerPage, '/api/users');
      expect(users.status).toBe(403);

      const token = await pageFetch(viewerPage, '/api/tokens', 'POST', { name: `viewer-cli-${suffix}` });
      viewerToken = JSON.parse(token.text).token;
      secrets.push(viewerToken);
      expect((await dockerWithToken(viewerToken, ['ps', '-q'])).code).toBe(0);
    });

    test('an operator may stop containers but not remove images; CLI restart works, --privileged is refused', async ({ browser }) => {
      operatorPage = await signedInPage(browser, operator);
      await operatorPage.goto(`/containers/${containerId}`);
      await expect(operatorPage.getByRole('button', { name: 'Stop', exact: true })).toBeEnabled();
      await expect(operatorPage.getByRole('tab', { name: 'Terminal' })).toBeVisible();
      await operatorPage.goto(`/images/${encodeURIComponent(E2E.fixtureImage)}/overview`);
      const remove = operatorPage.getByRole('button', { name: 'Remove…' });
      await expect(remove).toBeDisabled();
      await expect(remove).toHaveAttribute('title', "Operators can't remove images");

      const token = await pageFetch(operatorPage, '/api/tokens', 'POST', { name: `op-cli-${suffix}` });
      operatorToken = JSON.parse(token.text).token;
      secrets.push(operatorToken);
      expect((await dockerWithToken(operatorToken, ['restart', '-t', '0', container])).code).toBe(0);
      const privileged = await dockerWithToken(operatorToken, [
        'run',
        '--rm',
        '--privileged',
        '-e',
        `DB_PASSWORD=${PLANT}`,
        '--label',
        'porthole.test=1',
        '--label',
        E2E.runLabel,
        E2E.fixtureImage,
        'true',
      ]);
      expect(privileged.code).not.toBe(0);
      expect(privileged.err).toMatch(/operator may not/);
    });

    test('the audit page shows the UI restart, the CLI restart with its token, and the denial; no secret anywhere', async () => {
      await admin.goto(`/containers/${containerId}`);
      await admin.getByRole('button', { name: 'Restart', exact: true }).click();
      await admin
        .getByRole('dialog')
        .getByRole('button', { name: /^Restart/ })
        .last()
        .click();
      await admin.goto('/audit');
      const table = admin.getByRole('table', { name: 'Audit log' });
      const restarts = table.locator('tr[data-audit-action="container.restart"]');
      await expect(restarts.filter({ hasText: 'admin' }).first()).toBeVisible({ timeout: 15_000 });
      await expect(restarts.filter({ hasText: `op-cli-${suffix}` }).first()).toContainText(operator.username);
      const denied = table.locator('tr[data-audit-action="container.create"]').filter({ hasText: 'denied' });
      await expect(denied.first()).toContainText(operator.username);

      await admin.goto(`/audit?user=${operator.username}`);
      await expect(restarts.first()).toBeVisible();
      await expect(table.getByText('admin', { exact: true })).toHaveCount(0);
      await screenshot(admin, 'audit-light');
      await setTheme(admin, 'dark');
      await screenshot(admin, 'audit-dark');
      await admin.setViewportSize({ width: 390, height: 844 });
      await screenshot(admin, 'audit-mobile');
      await admin.setViewportSize({ width: 1280, height: 800 });
      await setTheme(admin, 'light');

      await admin.goto('/audit');
      const shown = (await table.textContent()) ?? '';
      const csvHref = await admin.getByRole('link', { name: 'Export CSV' }).getAttribute('href');
      const jsonHref = await admin.getByRole('link', { name: 'Export JSON' }).getAttribute('href');
      const csv = await (await admin.request.get(csvHref ?? '')).text();
      const json = await (await admin.request.get(jsonHref ?? '')).text();
      expect(csv).toContain('container.restart');
      expect(json).toContain(`op-cli-${suffix}`);
      const log = fs.readFileSync(E2E.serverLog, 'utf8');
      for (const [where, text] of Object.entries({ table: shown, csv, json, log }))
        for (const secret of secrets) expect(text.includes(secret), `${where} contains a secret`).toBe(false);
    });

    test('disabling users closes their logs and terminal within 1 s, and their tokens fail', async () => {
      await viewerPage.goto(`/containers/${containerId}/logs`);
      await expect(viewerPage.getByRole('status', { name: /following/ })).toBeVisible();
      await operatorPage.goto(`/containers/${containerId}/terminal`);
      await expect(operatorPage.getByRole('status', { name: 'Terminal open' })).toBeVisible();

      await admin.goto('/users');
      // The viewer's live socket (its logs stream) and the operator's terminal socket.
      for (const [user, page, socket] of [
        [viewer.username, viewerPage, '/api/ws'],
        [operator.username, operatorPage, '/terminal'],
      ] as const) {
        const closedOf = async () => (await socketCloses(page)).filter((c) => c.url.includes(socket));
        const before = (await closedOf()).length;
        const request = admin.waitForRequest((r) => r.method() === 'PATCH' && r.url().includes('/api/users/'));
        const clicked = Date.now();
        await admin.getByRole('button', { name: `Disable ${user}` }).click();
        // The request's own start; Chromium sometimes gives no timing (-1): then the click's time,
        // which is earlier, so the measured delay is only ever longer.
        const started = (await request).timing().startTime;
        const sent = started > 0 ? started : clicked;
        await expect.poll(async () => (await closedOf()).length, { timeout: 5_000 }).toBeGreaterThan(before);
        const closed = (await closedOf())[before]!;
        expect(closed.at - sent, `${user}'s ${socket} socket closed ${closed.at - sent} ms after the disable`).toBeLessThan(1_000);
        await expect(admin.locator(`tr[data-user="${user}"]`)).toContainText('disabled');
        // The page finds its session gone and signs out.
        await expect(page).toHaveURL(/\/login/);
      }
      expect((await dockerWithToken(viewerToken, ['ps', '-q'])).code).not.toBe(0);
      expect((await dockerWithToken(operatorToken, ['ps', '-q'])).code).not.toBe(0);
    });
  });
