import { type Page, test as base } from '@playwright/test';

export * from '@playwright/test';

/**
 * Chromium aborts a navigation in flight with net::ERR_NETWORK_CHANGED when a network interface
 * comes or goes on the host — and every `docker run` adds a veth to docker0. A spec that starts a
 * container and then navigates can hit that window; the navigation is simply made again, once per
 * such abort, up to three times. Every other navigation error is thrown as is.
 */
// The abort shows as the error itself or, when it lands between the request and the response, as
// the navigation being replaced by Chromium's error page.
const NETWORK_CHANGED = /net::ERR_NETWORK_CHANGED|is interrupted by another navigation to "chrome-error:/;
/** A navigation replaced by one to the same URL (Chromium retrying it, or the page settling its URL): it arrived. */
const SAME_URL_AGAIN = /is interrupted by another navigation to "([^"]+)"/;

function retryOnNetworkChange<A extends unknown[], R>(page: Page, call: (...args: A) => Promise<R>): (...args: A) => Promise<R | null> {
  return async (...args: A) => {
    for (let attempt = 1; ; attempt++) {
      try {
        return await call(...args);
      } catch (err) {
        const again = SAME_URL_AGAIN.exec(String(err))?.[1];
        if (again && again === page.url()) {
          await page.waitForLoadState('load');
          return null;
        }
        if (attempt >= 3 || !NETWORK_CHANGED.test(String(err))) throw err;
      }
    }
  };
}

const steadied = new WeakSet<Page>();

function steady(page: Page): Page {
  if (steadied.has(page)) return page;
  steadied.add(page);
  page.goto = retryOnNetworkChange(page, page.goto.bind(page));
  page.reload = retryOnNetworkChange(page, page.reload.bind(page));
  return page;
}

export const test = base.extend({
  page: async ({ page }, use) => use(steady(page)),
  context: async ({ context }, use) => {
    context.on('page', steady);
    await use(context);
  },
});
