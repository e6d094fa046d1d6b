import { expect, type Page, test } from '../support/test.ts';
import { cleanupRun, runFixture } from '../support/docker-cli.ts';
import { screenshot, signIn } from '../support/session.ts';

const tag = `${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}`;

test.afterAll(async () => {
  await cleanupRun();
});

/** The page's own width: a table that scrolls inside its own box does not count. */
const pageWidth = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth);

/** Waits until the view has drawn: its heading is there, nothing loads, the layout has settled. */
async function settled(page: Page): Promise<void> {
  await expect(page.getByRole('main').getByRole('heading').first()).toBeVisible({ timeout: 20_000 });
  await page.waitForLoadState('networkidle');
  await expect(page.getByRole('main').getByLabel(/^Loading/)).toHaveCount(0, { timeout: 20_000 });
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
}

test('390×844: every view of the navigation (and a container with its live views) has no sideways page scroll', async ({ page }) => {
  test.setTimeout(240_000);
  // Signed in first: a `docker run` adds a veth, and Chromium aborts the requests in flight then.
  await page.setViewportSize({ width: 390, height: 844 });
  await signIn(page);
  const name = `pt-e2e-phone-with-a-rather-long-name-${tag}`;
  const id = await runFixture(
    name,
    [
      '-p',
      '127.0.0.1::80',
      '--label',
      'com.example.a-long-label-key=with-a-long-value',
      // A long check command on the Health view (one once made it 523 px wide on a phone).
      '--health-cmd',
      "test -n 'a-long-health-check-argument-with-no-space-to-break-at-http://127.0.0.1:8080/api/health' || exit 1",
      '--health-interval',
      '5s',
    ],
    [
      'sh',
      '-c',
      'i=0; while :; do i=$((i+1)); echo "level=info msg=\\"a fairly long log line number $i that should wrap or scroll inside the log\\""; sleep 1; done',
    ],
  );
  await page.goto('/');
  const nav = page.getByRole('navigation', { name: 'Main navigation' });
  const burger = page.getByRole('button', { name: 'Toggle navigation' });
  await burger.click();
  const labels = (await nav.getByRole('link').allTextContents()).map((t) => t.replace(/\d+(\/\d+)?$/, '').trim());
  expect(labels).toContain('Containers');
  await burger.click();
  const wide: string[] = [];
  for (const label of labels) {
    await burger.click();
    await nav.getByRole('link', { name: new RegExp(`^${label}`) }).click();
    await expect(nav).not.toBeInViewport();
    await settled(page);
    const width = await pageWidth(page);
    const slug = label.toLowerCase().replace(/\W+/g, '-');
    await screenshot(page, `phone-${slug}`);
    if (width > 390) wide.push(`${label}: ${width}px`);
  }
  // The list keeps a row's name, state and menu on the phone (the other columns are on the detail page).
  await page.goto(`/containers?q=${tag}`);
  const row = page.getByTestId(`container-row-${name}`);
  await expect(row.getByText('running', { exact: true })).toBeInViewport({ ratio: 1 });
  await expect(row.getByRole('button', { name: `More actions for ${name}` })).toBeInViewport({ ratio: 1 });
  for (const view of ['', '/inspect', '/logs', '/stats', '/terminal', '/files']) {
    await page.goto(`/containers/${id}${view}`);
    await settled(page);
    const width = await pageWidth(page);
    await screenshot(page, `phone-container${view.replace('/', '-') || '-overview'}`);
    if (width > 390) wide.push(`container${view || ' overview'}: ${width}px`);
  }
  expect(wide, 'views wider than the phone').toEqual([]);
});
