import type { Page } from '@playwright/test';
import { expect, test } from '../support/test.ts';
import { cleanupRun, runFixture } from '../support/docker-cli.ts';
import { E2E } from '../support/env.ts';
import { screenshot, signIn } from '../support/session.ts';

/**
 * Mantine's components carry generated class names (`m_…`), each styled by the sheet that comes
 * with the component's code. A class on the page that no loaded rule names is a component drawn
 * without its styles (a native checkbox with a giant tick, buttons without padding).
 */
async function unstyledClasses(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const used = new Set<string>();
    for (const el of document.querySelectorAll('[class]')) for (const c of el.classList) if (/^m_[0-9a-f]+$/.test(c)) used.add(c);
    const selectors: string[] = [];
    const walk = (rules: CSSRuleList) => {
      for (const rule of rules) {
        if (rule instanceof CSSStyleRule) selectors.push(rule.selectorText);
        if ('cssRules' in rule && rule.cssRules) walk(rule.cssRules as CSSRuleList);
      }
    };
    for (const sheet of document.styleSheets) {
      try {
        walk(sheet.cssRules);
      } catch {
        // A sheet whose request failed has no rules to read.
      }
    }
    const text = selectors.join('\n');
    return [...used].filter((c) => !text.includes(`.${c}`));
  });
}

const VIEWS = (container: string): Array<[path: string, ready: (page: Page) => Promise<void>]> => [
  ['/containers', (p) => expect(p.getByRole('table', { name: 'Containers' })).toBeVisible()],
  ['/images', (p) => expect(p.getByRole('heading', { name: 'Images' })).toBeVisible()],
  ['/networks', (p) => expect(p.getByRole('heading', { name: 'Networks' })).toBeVisible()],
  ['/volumes', (p) => expect(p.getByRole('heading', { name: 'Volumes' })).toBeVisible()],
  ['/events', (p) => expect(p.getByRole('heading', { name: 'Events' })).toBeVisible()],
  ['/settings', (p) => expect(p.getByRole('heading', { name: 'Settings' })).toBeVisible()],
  ['/containers/new', (p) => expect(p.getByRole('heading', { name: /New container/ })).toBeVisible()],
  // A container's detail page and its tabs: chunks loaded inside a lazily loaded page.
  [`/containers/${container}/logs`, (p) => expect(p.getByRole('log', { name: 'Log lines' })).toBeVisible()],
  [`/containers/${container}/stats`, (p) => expect(p.getByRole('img', { name: 'CPU chart' })).toBeVisible()],
];

test.afterAll(async () => {
  await cleanupRun();
});

test('every style sheet the network cuts once is fetched again: no view stays unstyled', async ({ page }) => {
  test.setTimeout(120_000);
  const views = VIEWS(await runFixture(`pt-e2e-sheets-${Date.now()}`, [], ['sh', '-c', 'echo hello; sleep 600']));
  // Control: on an ordinary load every Mantine class on these views has its rules.
  await signIn(page);
  for (const [path, ready] of views) {
    await page.goto(`${E2E.baseURL}${path}`);
    await ready(page);
    expect(await unstyledClasses(page), `${path} on an ordinary load`).toEqual([]);
  }

  // Now the first request for every style sheet fails, as Chromium fails requests in flight when a
  // `docker run` adds a network interface (ERR_NETWORK_CHANGED).
  const failed = new Set<string>();
  await page.context().route(/\.css(\?|$)/, (route) => {
    const url = route.request().url();
    if (failed.has(url)) return route.continue();
    failed.add(url);
    return route.abort('internetdisconnected');
  });
  await page.context().clearCookies();
  const fresh = await page.context().newPage();
  await page.close();
  await signIn(fresh);
  for (const [path, ready] of views) {
    // Client-side navigation (the route's chunk and sheets load lazily), as a user clicking through.
    await fresh.evaluate((to) => {
      history.pushState(null, '', to);
      dispatchEvent(new PopStateEvent('popstate'));
    }, path);
    await ready(fresh);
    await expect.poll(() => unstyledClasses(fresh), { message: `${path} after its sheets failed once`, timeout: 15_000 }).toEqual([]);
  }
  expect(failed.size).toBeGreaterThan(3);
  await screenshot(fresh, 'stylesheets-retried-containers');
});

test('a view whose script the network cuts still comes up: the page reloads itself once (Chromium keeps a failed module for the page)', async ({
  page,
}) => {
  test.setTimeout(90_000);
  await signIn(page);
  await page.goto(`${E2E.baseURL}/containers`);
  await expect(page.getByRole('table', { name: 'Containers' })).toBeVisible();
  // A view's own chunk, and a chunk only views import (not the first load's): each fails once.
  const cut: string[] = [];
  const views: Array<[path: string, chunk: RegExp, ready: (p: Page) => Promise<void>]> = [
    ['/health', /\/container-details-[^/]*\.js$/, (p) => expect(p.getByRole('heading', { name: 'Health', exact: true })).toBeVisible()],
    ['/volumes', /\/VolumesPage-[^/]*\.js$/, (p) => expect(p.getByRole('heading', { name: 'Volumes', exact: true })).toBeVisible()],
    ['/events', /\/EventsPage-[^/]*\.js$/, (p) => expect(p.getByRole('heading', { name: 'Events', exact: true })).toBeVisible()],
  ];
  for (const [path, chunk, ready] of views) {
    let failed = false;
    await page.context().route(chunk, (route) => {
      if (failed) return route.continue();
      failed = true;
      cut.push(route.request().url());
      return route.abort('internetdisconnected');
    });
    // A marker that only this document has: gone after a reload.
    await page.evaluate(() => {
      (window as unknown as { __sameDocument?: boolean }).__sameDocument = true;
    });
    // Client-side navigation, as a user clicking through.
    await page.evaluate((to) => {
      history.pushState(null, '', to);
      dispatchEvent(new PopStateEvent('popstate'));
    }, `/engines/local${path}`);
    await ready(page);
    await expect(page.getByRole('alert').filter({ hasText: 'could not be loaded' })).toHaveCount(0);
    expect(failed, `${path}: the chunk was cut`).toBe(true);
    expect(await page.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument)).toBeUndefined();
    await page.context().unrouteAll();
  }
  expect(cut).toHaveLength(3);
});

test('a request the network drops is sent again when that is harmless: sign-in and lists; a change says it may have been made', async ({
  page,
}) => {
  const name = `pt-e2e-dropped-${Date.now()}`;
  await runFixture(name, [], ['sleep', '600']);
  // The first request of each kind fails as Chromium fails requests in flight on ERR_NETWORK_CHANGED.
  const dropOnce = new Set<string>();
  const dropFirst = (key: string) => (route: import('@playwright/test').Route) => {
    if (dropOnce.has(key)) return route.continue();
    dropOnce.add(key);
    return route.abort('internetdisconnected');
  };
  await page.route('**/api/auth/login', dropFirst('login'));
  await page.route('**/docker/containers/json?*', dropFirst('list'));
  await signIn(page);
  await page.goto(`${E2E.baseURL}/containers?q=${name}`);
  await expect(page.getByRole('row').filter({ hasText: name })).toBeVisible();
  expect([...dropOnce].sort()).toEqual(['list', 'login']);

  // A stop that may have reached the engine is not sent twice: the user is told to check.
  let stops = 0;
  await page.route(/\/containers\/[^/]+\/stop/, (route) => {
    stops++;
    return route.abort('internetdisconnected');
  });
  await page.goto(`${E2E.baseURL}/containers/${name}`);
  await page.getByRole('button', { name: 'Stop', exact: true }).click();
  await page
    .getByRole('dialog')
    .getByRole('button', { name: `Stop ${name}` })
    .click();
  await expect(page.getByRole('alert', { name: 'The connection was lost' })).toContainText('check whether the change was made');
  expect(stops).toBe(1);
  await screenshot(page, 'dropped-request-change');
});
