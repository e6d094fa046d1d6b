import { expect, test } from '../support/test.ts';
import { cleanupRun, docker, runFixture } from '../support/docker-cli.ts';
import { screenshot, setTheme, signIn } from '../support/session.ts';

test.afterAll(async () => {
  await cleanupRun();
});

/** Runs `fn` in the page and waits two frames after it: the time until the screen shows the change. */
async function timed(page: import('@playwright/test').Page, what: 'type' | 'end'): Promise<number> {
  return page.evaluate(async (w) => {
    const frame = () => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
    const t0 = performance.now();
    if (w === 'type') {
      const input = document.querySelector<HTMLInputElement>('input[data-shortcut="filter"]') as HTMLInputElement;
      const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')?.set;
      setter?.call(input, `${input.value}9`);
      input.dispatchEvent(new Event('input', { bubbles: true }));
      for (let i = 0; i < 50 && !document.querySelector('.log-row mark'); i++) await frame();
    } else {
      const scroller = document.querySelector('.log-scroller') as HTMLElement;
      scroller.scrollTop = scroller.scrollHeight;
      for (let i = 0; i < 50 && ![...document.querySelectorAll('.log-text')].some((e) => e.textContent === '1000000'); i++) await frame();
    }
    await frame();
    return performance.now() - t0;
  }, what);
}

test('a million-line log stays responsive: search and scroll-to-end within 200 ms, heap < 300 MB', async ({ page }) => {
  test.setTimeout(240_000);
  const id = await runFixture(`pt-e2e-logs-million-${Date.now()}`, [], ['sh', '-c', 'seq 1 1000000; sleep 3600']);
  await expect.poll(async () => docker(['logs', '--tail', '1', id]), { timeout: 120_000, intervals: [500] }).toBe('1000000');

  await signIn(page);
  await page.goto(`/containers/${id}/logs?tail=all`);
  await expect(page.getByRole('log', { name: 'Log lines' })).toHaveAttribute('data-lines', '1000000', { timeout: 120_000 });
  await expect(page.getByRole('status', { name: /following/ })).toBeVisible();

  // Scroll to the top first, then measure the jump back to the end.
  await page.evaluate(() => {
    (document.querySelector('.log-scroller') as HTMLElement).scrollTop = 0;
  });
  const toEnd = await timed(page, 'end');
  const typing = await timed(page, 'type');
  console.log(`scroll to end: ${toEnd.toFixed(1)} ms, search keystroke: ${typing.toFixed(1)} ms`);
  expect(toEnd).toBeLessThan(200);
  expect(typing).toBeLessThan(200);
  await expect(page.locator('.log-row mark').first()).toBeVisible();

  // The retained heap: collect garbage first (Chromium runs with --expose-gc), then read it.
  const heap = await page.evaluate(() => {
    (window as unknown as { gc?: () => void }).gc?.();
    return (performance as unknown as { memory: { usedJSHeapSize: number } }).memory.usedJSHeapSize;
  });
  console.log(`JS heap: ${(heap / 2 ** 20).toFixed(0)} MiB`);
  expect(heap).toBeLessThan(300 * 2 ** 20);
});

test('logs view: stderr marked, ANSI colours, JSON lines, live lines, only-matching filter on the server', async ({ page }) => {
  const script = [
    'echo plain line',
    'echo an error line >&2',
    'printf "\\033[32mgreen text\\033[0m\\n"',
    'echo \'{"level":"error","msg":"disk full","path":"/data"}\'',
    'echo \'{"level":"info","msg":"ready","port":8080}\'',
    'i=0; while :; do i=$((i+1)); echo "tick $i"; sleep 0.5; done',
  ].join('; ');
  const id = await runFixture(`pt-e2e-logs-view-${Date.now()}`, [], ['sh', '-c', script]);
  await signIn(page);
  await page.goto(`/containers/${id}/logs?ts=1`);
  const log = page.getByRole('log', { name: 'Log lines' });
  await expect(log).toContainText('plain line');
  await expect(log.locator('[data-stream="stderr"]')).toContainText('an error line');
  await expect(log.getByText('green text')).toHaveCSS('color', 'rgb(87, 171, 90)');
  await expect(log).toContainText('disk full');
  // Live lines keep arriving.
  await expect(log).toContainText('tick 3');
  await setTheme(page, 'dark');
  await expect(log).toContainText('tick 5');
  await screenshot(page, 'logs-dark');

  await page.getByText('Only matching', { exact: true }).click();
  await expect(page.getByRole('radio', { name: 'Only matching' })).toBeChecked();
  await page.getByRole('textbox', { name: 'Search' }).fill('tick [0-9]*5$');
  await page.getByRole('button', { name: 'Regular expression' }).click();
  await expect(log).not.toContainText('plain line');
  await expect(log).toContainText('tick 5');
  await expect(log).not.toContainText('tick 6');
  await setTheme(page, 'light');
  await expect(log).toContainText('tick 5');
  await screenshot(page, 'logs-light-filtered');
});

test('regex search: RE2 highlighting, a catastrophic pattern stays instant, an unsupported one says why', async ({ page }) => {
  const a25 = 'a'.repeat(25);
  const script = [
    'echo "GET /api/items/17 took 12ms"',
    'echo "GET /api/items/42 took 7ms"',
    'echo "WARN slow request /api/items/99 took 1450ms"',
    `echo ${a25}!`,
    `echo ${a25}`,
    'sleep 3600',
  ].join('; ');
  const id = await runFixture(`pt-e2e-logs-regex-${Date.now()}`, [], ['sh', '-c', script]);
  await signIn(page);
  await page.goto(`/containers/${id}/logs`);
  const log = page.getByRole('log', { name: 'Log lines' });
  await expect(log).toContainText('took 1450ms');
  const search = page.getByRole('textbox', { name: 'Search' });
  await page.getByRole('button', { name: 'Regular expression' }).click();
  // `^((a+)+)+$` takes a backtracking engine (JavaScript's RegExp) ~2^25 steps on "aaa…a!".
  const t0 = Date.now();
  await search.fill('took \\d+ms|^((a+)+)+$');
  await expect(log.locator('mark')).toHaveText(['took 12ms', 'took 7ms', 'took 1450ms', a25]);
  expect(Date.now() - t0).toBeLessThan(5000);
  // Off the toggle: its tooltip stays out of the screenshots.
  await page.mouse.move(0, 0);
  await expect(page.getByRole('tooltip')).toHaveCount(0);
  await screenshot(page, 'logs-regex-highlight');

  await search.fill('(took \\d+)ms \\1');
  const error = 'Invalid regular expression: backreferences are not supported (linear-time matching)';
  await expect(page.getByText(error)).toBeVisible();
  await expect(log.locator('mark')).toHaveCount(0);
  await expect(log).toContainText('took 1450ms');
  await screenshot(page, 'logs-regex-error');
});
