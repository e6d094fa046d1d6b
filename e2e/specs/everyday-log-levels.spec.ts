import { expect, type Locator, test } from '../support/test.ts';
import { cleanupRun, docker, runFixture } from '../support/docker-cli.ts';
import { expectNoSidewaysScroll, screenshot, setTheme, signIn } from '../support/session.ts';

const tag = `${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}`;

test.afterAll(async () => {
  await cleanupRun();
});

/** A log of every common format: 3 error entries (one with a Python traceback), 2 warn, 3 info, 1 debug, 2 without level (one with a Java trace). */
const SCRIPT = String.raw`
printf '%s\n' \
  'level=info msg="server starting"' \
  '{"level":"debug","msg":"config loaded"}' \
  '[WARN] cache is cold' \
  'ERROR: request failed' \
  'java.lang.IllegalStateException: boom' \
  '	at com.example.Handler.handle(Handler.java:42)' \
  '	at com.example.Server.run(Server.java:7)' \
  'Caused by: java.io.IOException: closed' \
  '	... 2 more' \
  'GET /health 200' \
  'warning: disk 91% full' \
  '{"level":"error","msg":"job failed"}' \
  'Traceback (most recent call last):' \
  '  File "job.py", line 3, in <module>' \
  'ValueError: bad input' \
  '2024-05-01 12:00:01 INFO request done' \
  '[error] upstream timed out' \
  'level=info msg=idle'
sleep 3600`;

/** Rows of the log wholly inside its box and the window. */
const visibleRows = (log: Locator) =>
  log.evaluate((el) => {
    const box = el.getBoundingClientRect();
    const top = Math.max(box.top, 0);
    const bottom = Math.min(box.bottom, window.innerHeight);
    return [...el.querySelectorAll('.log-row')].filter((r) => {
      const b = r.getBoundingClientRect();
      return b.top >= top - 0.5 && b.bottom <= bottom + 0.5;
    }).length;
  });

test('log levels: detected from common formats, counted, filtered by chips; stack traces fold with their first line', async ({ page }) => {
  test.setTimeout(90_000);
  const id = await runFixture(`pt-e2e-levels-${tag}`, [], ['sh', '-c', SCRIPT]);
  await expect.poll(async () => docker(['logs', '--tail', '1', id]), { timeout: 30_000 }).toBe('level=info msg=idle');
  await signIn(page);
  await page.goto(`/containers/${id}/logs`);
  const log = page.getByRole('log', { name: 'Log lines' });
  await expect(log).toHaveAttribute('data-lines', '18', { timeout: 20_000 });
  const levels = page.getByRole('group', { name: 'Show only levels' });
  // A chip is a visually hidden checkbox and its label.
  const chip = (level: string) => levels.locator('label').filter({ hasText: new RegExp(`^${level} `) });
  for (const [level, n] of [
    ['error', 3],
    ['warn', 2],
    ['info', 3],
    ['debug', 1],
  ] as const) {
    await expect(levels.getByRole('checkbox', { name: `${level} (${n})` })).toHaveCount(1);
  }
  // Folded by default: 18 lines, 7 of them continuation lines → 11 rows.
  await expect(log).toHaveAttribute('data-rows', '11');
  await expect(log.getByText('at com.example.Handler.handle')).toHaveCount(0);
  // Errors and warnings carry a coloured mark at the left edge; the other rows none.
  const marks = await log
    .locator('.log-row')
    .evaluateAll((rows) =>
      rows.map((r) => `${r.getAttribute('data-level') ?? '-'} ${getComputedStyle(r).boxShadow === 'none' ? 'plain' : 'marked'}`),
    );
  expect(marks.filter((m) => m.startsWith('error')).length).toBe(3);
  expect(marks.filter((m) => m.startsWith('warn')).length).toBe(2);
  expect(marks.filter((m) => m.endsWith('marked')).length).toBe(5);
  expect(marks.filter((m) => m.startsWith('-')).every((m) => m.endsWith('plain'))).toBe(true);
  await screenshot(page, 'logs-levels-light');

  // Only errors: the entries whose first line is an error (traces stay folded under them).
  await chip('error').click();
  await expect(page).toHaveURL(/lv=error/);
  await expect(log).toHaveAttribute('data-rows', '3');
  await expect(log.getByText('[WARN] cache is cold')).toHaveCount(0);
  await expect(log.getByText('ERROR: request failed')).toBeVisible();
  // "java.lang.IllegalStateException: boom" is not indented: a line of its own, without level.
  await expect(log.getByText('java.lang.IllegalStateException')).toHaveCount(0);
  const pythonTrace = log.getByRole('button', { name: 'Show 3 more lines' });
  await pythonTrace.click();
  await expect(log).toHaveAttribute('data-rows', '6');
  await expect(log.getByText('ValueError: bad input')).toBeVisible();
  await expect(log.getByRole('button', { name: 'Fold 3 lines' })).toBeVisible();

  // Errors and warnings; then no chip: everything again, the Java trace unfolds under its line.
  await chip('warn').click();
  await expect(log).toHaveAttribute('data-rows', '8');
  await chip('error').click();
  await chip('warn').click();
  await expect(log).toHaveAttribute('data-rows', '14');
  await log.getByRole('button', { name: 'Show 4 more lines' }).click();
  await expect(log).toHaveAttribute('data-rows', '18');
  await expect(log.getByText('at com.example.Handler.handle')).toBeVisible();
  for (const scheme of ['light', 'dark'] as const) {
    await setTheme(page, scheme);
    await screenshot(page, `logs-levels-open-${scheme}`);
  }
  await setTheme(page, 'light');
  await page.setViewportSize({ width: 390, height: 844 });
  await screenshot(page, 'logs-levels-phone');
  await expectNoSidewaysScroll(page);
  // ≥ 20 lines on the phone.
  const many = await runFixture(`pt-e2e-density-phone-${tag}`, [], ['sh', '-c', 'seq 1 200 | sed "s/^/line /"; sleep 3600']);
  await page.goto(`/containers/${many}/logs`);
  await expect(log).toHaveAttribute('data-lines', '200', { timeout: 20_000 });
  // Scrolled down past the container's header (as on a phone), 20 lines and more.
  await log.evaluate((el) => el.scrollIntoView({ block: 'end' }));
  expect(await visibleRows(log)).toBeGreaterThanOrEqual(20);
  await expectNoSidewaysScroll(page);
  await screenshot(page, 'logs-density-phone');
});

test('logs density: at least 35 lines visible at 1280×800, text no smaller than 12 px', async ({ page }) => {
  test.setTimeout(60_000);
  const id = await runFixture(`pt-e2e-density-${tag}`, [], ['sh', '-c', 'seq 1 200 | sed "s/^/line /"; sleep 3600']);
  await signIn(page);
  await page.goto(`/containers/${id}/logs`);
  const log = page.getByRole('log', { name: 'Log lines' });
  await expect(log).toHaveAttribute('data-lines', '200', { timeout: 20_000 });
  await expect(page.getByTestId('container-name')).toBeVisible();
  const rows = await visibleRows(log);
  console.log(`log lines visible at 1280×800: ${rows}`);
  expect(rows).toBeGreaterThanOrEqual(35);
  const fontSize = await log
    .locator('.log-row')
    .first()
    .evaluate((el) => Number.parseFloat(getComputedStyle(el).fontSize));
  expect(fontSize).toBeGreaterThanOrEqual(12);
  for (const scheme of ['light', 'dark'] as const) {
    await setTheme(page, scheme);
    await screenshot(page, `logs-density-${scheme}`);
  }
});
