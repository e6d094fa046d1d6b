import { expect, test } from '../support/test.ts';
import { cleanupRun, docker, runFixture } from '../support/docker-cli.ts';
import { E2E } from '../support/env.ts';
import { screenshot, setTheme, signIn } from '../support/session.ts';

const tag = `${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}`;

test.afterAll(async () => {
  await cleanupRun();
});

test('the skip link is the first Tab stop, shows on focus and lands in the view', async ({ page }) => {
  await signIn(page);
  await page.goto('/containers');
  await expect(page.getByRole('table', { name: 'Containers' })).toBeVisible();
  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: 'Skip to content' });
  await expect(skip).toBeFocused();
  const box = await skip.boundingBox();
  expect(box && box.y >= 0 && box.height > 10).toBe(true);
  await screenshot(page, 'skip-link-light');
  await page.keyboard.press('Enter');
  await expect(page.locator('main')).toBeFocused();
  // The next Tab stop is inside the view, not in the header or the navigation.
  await page.keyboard.press('Tab');
  expect(await page.evaluate(() => !!document.activeElement?.closest('main'))).toBe(true);
});

test('command palette: Ctrl-K anywhere, lazy, fuzzy search of views, containers, images; arrows, Enter, Esc returns focus', async ({
  page,
}) => {
  test.setTimeout(90_000);
  const name = `pt-e2e-palette-${tag}`;
  const id = await runFixture(name);
  const chunks: string[] = [];
  page.on('request', (r) => {
    if (/\/assets\/CommandPalette-[^/]+\.js$/.test(r.url())) chunks.push(r.url());
  });
  await signIn(page);
  await page.goto('/containers');
  await expect(page.getByRole('table', { name: 'Containers' })).toBeVisible();
  expect(chunks).toHaveLength(0);

  // From the filter box (typing there): Ctrl-K still opens it, and Esc gives focus back.
  const filter = page.getByRole('textbox', { name: 'Filter containers' });
  await filter.focus();
  await page.keyboard.press('Control+k');
  const dialog = page.getByRole('dialog', { name: 'Go to…' });
  await expect(dialog).toBeVisible();
  expect(chunks).toHaveLength(1);
  const box = dialog.getByRole('combobox');
  await expect(box).toBeFocused();
  const list = dialog.getByRole('listbox', { name: 'Results' });
  await expect(box).toHaveAttribute('aria-controls', (await list.getAttribute('id')) ?? 'x');
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(filter).toBeFocused();

  // A container's logs by fuzzy name: "<tag> logs".
  await page.keyboard.press('Control+k');
  await box.fill(`palette ${tag} logs`);
  await expect(list.getByRole('option').first()).toHaveAttribute('aria-selected', 'true');
  await expect(list.getByRole('option').first()).toContainText(`${name} · Logs`);
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(new RegExp(`/containers/${id}/logs$`));
  await expect(dialog).toBeHidden();

  // Arrow keys move the active option (aria-activedescendant follows); Enter opens it.
  await page.keyboard.press('ControlOrMeta+k');
  await box.fill(`${tag}`);
  const options = list.getByRole('option');
  await expect(options).toHaveCount(4); // the container, its logs, stats and terminal
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await expect(options.nth(2)).toHaveAttribute('aria-selected', 'true');
  await expect(box).toHaveAttribute('aria-activedescendant', (await options.nth(2).getAttribute('id')) ?? 'x');
  await page.keyboard.press('ArrowUp');
  await expect(options.nth(1)).toHaveAttribute('aria-selected', 'true');
  const target = (await options.nth(1).textContent()) ?? '';
  await page.keyboard.press('Enter');
  const view = target.includes('Logs') ? 'logs' : target.includes('Stats') ? 'stats' : 'terminal';
  await expect(page).toHaveURL(new RegExp(`/containers/${id}/${view}$`));

  // A view, then an image of this engine.
  await page.keyboard.press('Control+k');
  await box.fill('imag');
  await expect(options.first()).toContainText('Images');
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/images$/);
  await page.keyboard.press('Control+k');
  await box.fill('porthole-test/busybox');
  await expect(options.first()).toContainText('porthole-test/busybox:latest');
  await expect(options.first()).toContainText('Image');
  for (const scheme of ['light', 'dark'] as const) {
    await setTheme(page, scheme);
    await page.keyboard.press('Control+k');
    await box.fill(tag);
    await screenshot(page, `palette-${scheme}`);
    await page.keyboard.press('Escape');
  }
  await setTheme(page, 'light');
  await page.setViewportSize({ width: 390, height: 844 });
  await page.keyboard.press('Control+k');
  await box.fill('vol');
  await screenshot(page, 'palette-phone');
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/volumes$/);
  // Actions: a new container.
  await page.keyboard.press('Control+k');
  await box.fill('new cont');
  await expect(options.first()).toContainText('New container');
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/containers\/new$/);
});

test('↑/↓ move focus between the rows of a list, Enter opens the focused row', async ({ page }) => {
  test.setTimeout(90_000);
  const a = `pt-e2e-rows-a-${tag}`;
  const b = `pt-e2e-rows-b-${tag}`;
  await runFixture(a);
  const idB = await runFixture(b);
  await signIn(page);
  await page.goto(`/containers?q=rows-&sort=name&dir=asc`);
  const rows = page.getByRole('table', { name: 'Containers' }).locator('tbody tr');
  await expect(rows).toHaveCount(2);
  await rows.first().getByRole('link', { name: a, exact: true }).focus();
  await page.keyboard.press('ArrowDown');
  await expect(rows.nth(1).getByRole('link', { name: b, exact: true })).toBeFocused();
  await page.keyboard.press('ArrowDown'); // the last row: stays
  await expect(rows.nth(1).getByRole('link', { name: b, exact: true })).toBeFocused();
  await page.keyboard.press('ArrowUp');
  await expect(rows.first().getByRole('link', { name: a, exact: true })).toBeFocused();
  await page.keyboard.press('End');
  await screenshot(page, 'rows-focus-light');
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(new RegExp(`/containers/${idB}`));

  // The same in another list (one implementation for every DataTable): volumes.
  const vol = `pt-e2e-rows-vol-${tag}`;
  await docker(['volume', 'create', '--label', 'porthole.test=1', '--label', E2E.runLabel, vol]);
  await page.goto(`/volumes?q=${tag}`);
  const vrows = page.getByRole('table', { name: 'Volumes' }).locator('tbody tr');
  await expect(vrows).toHaveCount(1);
  await vrows.first().locator('a[href]').first().focus();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(new RegExp(`/volumes/${vol}$`));
});
