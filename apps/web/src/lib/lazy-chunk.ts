import { lazy } from 'react';
import { stylesheetsSettled } from './stylesheets.ts';

/** Waits before each new attempt at fetching a chunk. */
const RETRY_DELAYS_MS = [250, 1000, 3000];

/**
 * A dynamic import, tried again when the chunk could not be fetched: a request cut by the network
 * (a Wi-Fi hop, a VPN reconnecting, new interfaces on a Docker host) should not cost a view, and
 * browsers fetch a failed module again when asked again. A chunk that is really gone (Porthole was
 * updated while the tab stayed open) still fails, after the retries, into the view's error boundary.
 */
export async function importChunk<T>(load: () => Promise<T>): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      const module = await load();
      // A style sheet of the chunk the network failed is being fetched again (stylesheets.ts).
      if (attempt > 0) await stylesheetsSettled();
      return module;
    } catch (err) {
      const delay = RETRY_DELAYS_MS[attempt];
      if (delay === undefined) throw err;
      await new Promise((resolve) => setTimeout(resolve, delay));
    }
  }
}

/** `React.lazy`, with `importChunk`'s retries. */
export const lazyChunk: typeof lazy = (load) => lazy(() => importChunk(load));
