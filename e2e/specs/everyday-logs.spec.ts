import { expect, test } from '../support/test.ts';
import { cleanupRun, docker, runFixture } from '../support/docker-cli.ts';
import { screenshot, setTheme, signIn } from '../support/session.ts';

const tag = `${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}`;

test.afterAll(async () => {
  await cleanupRun();
});

test('reloading a log with a changed filter announces no new lines for a container that prints nothing', async ({ page }) => {
  test.setTimeout(90_000);
  const id = await runFixture(`pt-e2e-quiet-${tag}`, [], ['sh', '-c', 'seq 1 20000 | sed "s/^/line /"; sleep 3600']);
  await expect.poll(async () => docker(['logs', '--tail', '1', id]), { timeout: 30_000 }).toBe('line 20000');
  await signIn(page);
  await page.goto(`/containers/${id}/logs?tail=all`);
  const log = page.getByRole('log', { name: 'Log lines' });
  await expect(log).toHaveAttribute('data-lines', '20000', { timeout: 30_000 });
  await page.goto(`/containers/${id}/logs?tail=all&q=line+1&mode=filter`);
  await page.reload();
  await expect(log).not.toHaveAttribute('data-lines', '0', { timeout: 30_000 });
  await expect(page.getByRole('status', { name: 'Stream following' })).toBeVisible();
  // Scrolled up, nothing new arrives: no "N new lines" (it counted backfilled lines before).
  await log.evaluate((el) => {
    el.scrollTop = 0;
  });
  await expect(page.getByRole('status', { name: 'Stream live · paused' })).toBeVisible();
  await expect(page.getByRole('button', { name: /new lines?$/ })).toHaveCount(0);
});

test('Pause/Resume and the following badge tell the truth; new lines count only lines that arrived', async ({ page }) => {
  test.setTimeout(90_000);
  const id = await runFixture(`pt-e2e-chatty-${tag}`, [], ['sh', '-c', 'i=0; while :; do i=$((i+1)); echo "tick $i"; sleep 0.2; done']);
  await signIn(page);
  await page.goto(`/containers/${id}/logs`);
  const log = page.getByRole('log', { name: 'Log lines' });
  await expect(log).not.toHaveAttribute('data-lines', '0', { timeout: 20_000 });
  await expect(page.getByRole('status', { name: 'Stream following' })).toBeVisible();
  // The toolbar is one row (options in a menu); measure the log's height in rows.
  const toolbar = await page.getByTestId('log-toolbar').boundingBox();
  expect(toolbar?.height).toBeLessThan(40);
  // Rows of 15 px (12 px text): 35 and more at 1280×800 (everyday-log-levels.spec counts them one by one).
  const rows = await log.evaluate((el) => Math.floor(el.clientHeight / 15));
  console.log(`log rows visible at 1280×800: ${rows}`);
  expect(rows).toBeGreaterThanOrEqual(35);
  await page.getByRole('button', { name: /^Options:/ }).click();
  await expect(page.getByRole('switch', { name: 'Timestamps' })).toBeVisible();
  await page.keyboard.press('Escape');
  await page.getByRole('button', { name: 'Pause following the log' }).click();
  await expect(page.getByRole('status', { name: 'Stream live · paused' })).toBeVisible();
  const pill = page.getByRole('button', { name: /new lines?$/ });
  await expect(pill).toBeVisible({ timeout: 10_000 });
  const announced = Number((await pill.textContent())?.replace(/\D/g, ''));
  // At 5 lines/s the count is a handful, never the whole backfill.
  expect(announced).toBeGreaterThan(0);
  expect(announced).toBeLessThan(100);
  await page.getByRole('button', { name: 'Resume following the log' }).click();
  await expect(page.getByRole('status', { name: 'Stream following' })).toBeVisible();
  await expect(pill).toHaveCount(0);
  // Scrolling up (the wheel, as a user does) is a pause too, and the badge says so.
  await log.hover();
  await page.mouse.wheel(0, -3000);
  await expect(page.getByRole('status', { name: 'Stream live · paused' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Resume following the log' })).toBeVisible();
  for (const scheme of ['light', 'dark'] as const) {
    await setTheme(page, scheme);
    await screenshot(page, `logs-paused-${scheme}`);
  }
  await page.setViewportSize({ width: 390, height: 844 });
  await screenshot(page, 'logs-paused-phone');
});
