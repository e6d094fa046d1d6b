/** Waits before each new attempt at a style sheet the network failed. */
const RETRY_DELAYS_MS = [250, 1000, 3000, 6000];

const attempts = new WeakMap<HTMLLinkElement, number>();
const pending = new Set<Promise<void>>();

/** A link element `link` that failed, put back after a pause (a new element: a failed one is not fetched again). */
function retry(link: HTMLLinkElement): void {
  const attempt = attempts.get(link) ?? 0;
  const delay = RETRY_DELAYS_MS[attempt];
  if (delay === undefined || !link.isConnected) return;
  const done = new Promise<void>((resolve) => {
    setTimeout(() => {
      const again = document.createElement('link');
      again.rel = 'stylesheet';
      again.href = link.href;
      if (link.crossOrigin !== null) again.crossOrigin = link.crossOrigin;
      if (link.nonce) again.nonce = link.nonce;
      attempts.set(again, attempt + 1);
      const settle = () => resolve();
      again.addEventListener('load', settle, { once: true });
      again.addEventListener('error', settle, { once: true });
      link.replaceWith(again);
    }, delay);
  });
  pending.add(done);
  void done.then(() => pending.delete(done));
}

/**
 * Keeps every style sheet of the page: one whose request the network cut (a Wi-Fi hop, a VPN
 * reconnecting, or a Docker host adding a veth, which makes Chromium abort what is in flight with
 * ERR_NETWORK_CHANGED) is fetched again, for the first load's and every lazily loaded view's sheets
 * alike. Without this a view came up unstyled and stayed so: Vite's module preloader adds a view's
 * sheet only once, and a retried import (importChunk) finds the dead link and goes on without it.
 */
export function keepStylesheets(): void {
  document.addEventListener(
    'error',
    (event) => {
      const target = event.target;
      if (target instanceof HTMLLinkElement && target.rel === 'stylesheet') retry(target);
    },
    true,
  );
  // The first load's sheets were settled before this ran (a module script waits for them).
  for (const link of document.querySelectorAll<HTMLLinkElement>('link[rel="stylesheet"]')) if (failed(link)) retry(link);
}

/** A sheet that failed to load is missing, or (in Chromium) an empty sheet whose rules cannot be read. */
function failed(link: HTMLLinkElement): boolean {
  try {
    return !link.sheet || link.sheet.cssRules.length === 0;
  } catch {
    return true;
  }
}

/** Resolves when no style sheet is being fetched again (a view waits for its styles before it shows). */
export async function stylesheetsSettled(): Promise<void> {
  while (pending.size > 0) await Promise.all(pending);
}
