import { expect, test } from '../support/test.ts';
import { cleanupRun, docker, dockerInfo, runFixture } from '../support/docker-cli.ts';
import { buildImage, removeImages } from '../support/images.ts';
import { screenshot, setTheme, signIn } from '../support/session.ts';

test.afterAll(async () => {
  await cleanupRun();
});

test('sign-in page rejects a wrong password with a message, then signs in', async ({ page }) => {
  await page.goto('/');
  await expect(page).toHaveURL(/\/login$/);
  // The sign-in page is a chunk of its own: the form shows once it has loaded.
  const form = page.getByRole('form', { name: 'Sign in' });
  await setTheme(page, 'light');
  await expect(form).toBeVisible();
  await screenshot(page, 'sign-in-light');
  await page.getByLabel('Username').fill('admin');
  await page.getByLabel('Password').fill('not-the-password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('alert')).toContainText('Wrong username or password');
  await setTheme(page, 'dark');
  await expect(form).toBeVisible();
  await screenshot(page, 'sign-in-dark');
  await signIn(page);
  await expect(page).toHaveURL(/\/$/);
});

test('overview shows the engine counts docker info reports and follows the CLI live', async ({ page }) => {
  await signIn(page);
  await expect(page.getByTestId('engine-state')).toHaveAttribute('data-state', 'connected');
  const info = await dockerInfo();
  await expect(page.getByTestId('count-running')).toHaveText(String(info.ContainersRunning));
  await expect(page.getByTestId('count-stopped')).toHaveText(String(info.ContainersStopped));
  await expect(page.getByTestId('api-version')).toHaveText(await docker(['version', '--format', '{{.Server.APIVersion}}']));

  // A container started with the CLI shows up without a reload, within 3 s.
  const before = Number(await page.getByTestId('count-running').textContent());
  await runFixture(`pt-e2e-overview-${Date.now()}`);
  await expect(page.getByTestId('count-running')).toHaveText(String(before + 1), { timeout: 3000 });
  await expect(page.getByRole('table', { name: 'Recent engine events' })).toContainText('start');

  await setTheme(page, 'light');
  await screenshot(page, 'overview-light');
  await setTheme(page, 'dark');
  await screenshot(page, 'overview-dark');
});

test('every count of images agrees with `docker images` (the Overview says how many intermediate ones `docker info` adds)', async ({
  page,
}) => {
  // A classic build of two steps leaves an intermediate image: `docker info` counts it, `docker images` does not.
  const id = await buildImage(undefined, 'FROM porthole-test/busybox:latest\nRUN echo one > /one\nRUN echo two > /two\n');
  try {
    const listed = new Set((await docker(['images', '-q', '--no-trunc'])).split('\n').filter(Boolean)).size;
    const all = Number((await dockerInfo()).Images);
    expect(all).toBeGreaterThan(listed);
    await signIn(page);
    await expect(page.getByTestId('count-images')).toHaveText(String(listed));
    await expect(page.getByTestId('count-images-note')).toHaveText(`+ ${all - listed} intermediate (docker images -a)`);
    await expect(page.getByRole('navigation', { name: 'Main navigation' }).getByLabel(`${listed} Images`)).toBeVisible();
    await page.goto('/engines');
    const card = page.getByRole('article', { name: 'Engine local' });
    await expect(card.getByTestId('count-images')).toHaveText(String(listed), { timeout: 20_000 });
  } finally {
    await removeImages([id]);
  }
});

test('settings: create an API token (shown once), list it and revoke it', async ({ page }) => {
  await signIn(page);
  await page.getByRole('link', { name: 'Settings' }).click();
  const name = `e2e-token-${Date.now()}`;
  await page.getByLabel('Token name').fill(name);
  await page.getByRole('button', { name: 'Create token' }).click();
  const token = await page.getByTestId('new-token').textContent();
  expect(token).toMatch(/^pht_/);
  // The token works against the API.
  const res = await page.request.get('/api/auth/me', { headers: { authorization: `Bearer ${token}` } });
  expect(res.status()).toBe(200);
  await expect(page.getByRole('table', { name: 'API tokens' })).toContainText(name);
  await screenshot(page, 'settings-tokens');
  await page.getByRole('button', { name: `Revoke token ${name}` }).click();
  await page.getByRole('button', { name: `Revoke ${name}` }).click();
  await expect(page.getByRole('cell', { name, exact: true })).toHaveCount(0);
  const after = await page.request.get('/api/engines/local/docker/_ping', { headers: { authorization: `Bearer ${token}`, cookie: '' } });
  expect(after.status()).toBe(401);
});
