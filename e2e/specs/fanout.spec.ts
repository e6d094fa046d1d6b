import { type APIRequestContext, type BrowserContext, expect, type Page, request, test } from '../support/test.ts';
import { cleanupRun, runFixture } from '../support/docker-cli.ts';
import { E2E } from '../support/env.ts';
import { signIn } from '../support/session.ts';

/** Sums a gauge of /api/metrics, optionally for one topic. */
async function gauge(api: APIRequestContext, name: string, topic?: string): Promise<number> {
  const text = await (await api.get('/api/metrics')).text();
  let sum = 0;
  for (const m of text.matchAll(new RegExp(`^${name}(\\{[^}]*\\})? (\\d+)$`, 'gm'))) {
    if (!topic || m[1]?.includes(`topic="${topic}"`)) sum += Number(m[2]);
  }
  return sum;
}

test.afterAll(async () => {
  await cleanupRun();
});

test('10 browser contexts watching one container share one stats and one logs upstream; all gone within 1 s of closing; churn leaves nothing', async ({
  browser,
}) => {
  test.setTimeout(180_000);
  const id = await runFixture(`pt-e2e-fanout-${Date.now()}`, [], ['sh', '-c', 'i=0; while :; do i=$((i+1)); echo tick-$i; sleep 1; done']);

  // One sign-in; its session cookie is shared by ten separate browser contexts (ten "browsers").
  const first = await browser.newContext();
  await signIn(await first.newPage());
  const storageState = await first.storageState();
  await first.close();
  const api = await request.newContext({ baseURL: E2E.baseURL, storageState });

  // Ten contexts, each with a stats page and a logs page of the same container, opened together.
  const contexts: BrowserContext[] = await Promise.all(
    Array.from({ length: 10 }, async () => {
      const ctx = await browser.newContext({ storageState, viewport: { width: 1280, height: 800 } });
      for (const view of ['stats', 'logs']) await (await ctx.newPage()).goto(`/containers/${id}/${view}`, { waitUntil: 'commit' });
      return ctx;
    }),
  );
  for (const ctx of contexts) {
    const [stats, logs] = ctx.pages() as [Page, Page];
    for (const page of [stats, logs])
      await expect(page.getByRole('status', { name: /^Stream (live|following)/ })).toBeVisible({ timeout: 60_000 });
    // Lines keep arriving in every logs page (the shared upstream fans out to each).
    await expect(logs.getByText(/tick-\d+/).first()).toBeVisible({ timeout: 10_000 });
  }
  expect(await gauge(api, 'porthole_upstream_streams', 'stats')).toBe(1);
  expect(await gauge(api, 'porthole_upstream_streams', 'logs')).toBe(1);
  expect(await gauge(api, 'porthole_ws_clients')).toBeGreaterThanOrEqual(20);

  await Promise.all(contexts.map((c) => c.close()));
  // "When all close": from the moment the server has seen every browser's websocket go
  // (how long Chromium takes to tear ten contexts down is not Porthole's to measure).
  await expect.poll(() => gauge(api, 'porthole_ws_clients'), { timeout: 30_000, intervals: [20] }).toBe(0);
  const closedAt = Date.now();
  await expect
    .poll(
      async () =>
        (await gauge(api, 'porthole_upstream_streams', 'stats')) +
        (await gauge(api, 'porthole_upstream_streams', 'logs')) +
        (await gauge(api, 'porthole_live_subscriptions')),
      { timeout: 1000, intervals: [50] },
    )
    .toBe(0);
  expect(Date.now() - closedAt).toBeLessThan(1000);

  // Churn: 500 subscribe/unsubscribe cycles from a browser over the app's websocket, then
  // navigation back and forth between the Logs and Stats views.
  const ctx = await browser.newContext({ storageState });
  const page = await ctx.newPage();
  await page.goto(`/containers/${id}/logs`);
  await expect(page.getByRole('status', { name: /^Stream (live|following)/ })).toBeVisible();
  const handled = await page.evaluate(async (container) => {
    const ws = new WebSocket(`${location.origin.replace('http', 'ws')}/api/ws`);
    await new Promise((resolve, reject) => {
      ws.onopen = resolve;
      ws.onerror = reject;
    });
    const states = new Set<string>();
    ws.onmessage = (e) => {
      const msg = JSON.parse(e.data as string) as { type: string; id: string };
      if (msg.type === 'state') states.add(msg.id);
    };
    for (let i = 0; i < 500; i++) {
      ws.send(JSON.stringify({ type: 'subscribe', id: `c${i}`, engine: 'local', topic: i % 2 ? 'logs' : 'stats', params: { container } }));
      ws.send(JSON.stringify({ type: 'unsubscribe', id: `c${i}` }));
    }
    ws.send(JSON.stringify({ type: 'subscribe', id: 'last', engine: 'local', topic: 'events', params: {} }));
    const deadline = Date.now() + 10_000;
    while (!states.has('last') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    ws.close();
    return states.has('last');
  }, id);
  expect(handled).toBe(true);
  for (let i = 0; i < 20; i++) {
    await page.getByRole('tab', { name: i % 2 ? 'Logs' : 'Stats' }).click();
    await expect(page).toHaveURL(new RegExp(`/containers/${id}/${i % 2 ? 'logs' : 'stats'}`));
  }
  await expect(page.getByRole('status', { name: /^Stream (live|following)/ })).toBeVisible();
  // The one page left shows Logs: one logs upstream; the stats one it left is gone.
  await expect
    .poll(async () => [await gauge(api, 'porthole_upstream_streams', 'logs'), await gauge(api, 'porthole_upstream_streams', 'stats')], {
      timeout: 2000,
    })
    .toEqual([1, 0]);
  await ctx.close();
  await expect
    .poll(async () => (await gauge(api, 'porthole_upstream_streams')) + (await gauge(api, 'porthole_live_subscriptions')), {
      timeout: 2000,
    })
    .toBe(0);
  await api.dispose();
});
