import { lazy } from 'react';
import { stylesheetsSettled } from './stylesheets.ts';

/** Waits before the one new attempt at fetching a chunk. */
const RETRY_DELAY_MS = 250;
/** A chunk that made the page reload within this long does not make it reload again (no reload loop). */
const RELOAD_GUARD_MS = 30_000;

/** What a failed chunk falls back on: a reload of the page, unless that chunk made one just now. */
export interface ChunkReload {
  /** Reloads the page and returns true, or returns false (`chunk` made one within the guard time). */
  reload(chunk: string): boolean;
}

/** The page's own reload, at most once per chunk per `RELOAD_GUARD_MS` (sessionStorage remembers it across the reload). */
export const pageReload: ChunkReload = {
  reload(chunk) {
    const key = `porthole.reloaded:${chunk}`;
    try {
      if (Date.now() - Number(sessionStorage.getItem(key)) < RELOAD_GUARD_MS) return false;
      sessionStorage.setItem(key, String(Date.now()));
    } catch {
      return false; // no storage: no guard against a loop, so no reload
    }
    location.reload();
    return true;
  },
};

/**
 * A dynamic import that survives the network cutting its request: a Wi-Fi hop, a VPN
 * reconnecting, or — every `docker run` on the browser's own machine — a new veth, on which
 * Chromium aborts what is in flight (ERR_NETWORK_CHANGED). It is tried again once (browsers that
 * fetch a failed module again then get it); Chromium keeps a failed module, or a failed module
 * it imports, for the life of the page and fails every new attempt at once, so then the page
 * reloads itself, once per chunk (the URL already names the view). A chunk that is really gone (Porthole
 * was updated while the tab stayed open) comes from the new build after that reload; a failure
 * right after a reload goes to the view's error boundary, with its Reload button.
 */
export async function importChunk<T>(load: () => Promise<T>, fallback: ChunkReload = pageReload): Promise<T> {
  try {
    return await load();
  } catch {
    await new Promise((resolve) => setTimeout(resolve, RETRY_DELAY_MS));
  }
  try {
    const module = await load();
    // A style sheet of the chunk the network failed is being fetched again (stylesheets.ts).
    await stylesheetsSettled();
    return module;
  } catch (err) {
    // The message names the module that failed (Chromium: `Failed to fetch dynamically imported module: <url>`).
    // When the page is going, this view waits for it (its loader stays up) rather than show an error.
    if (fallback.reload(String((err as Error)?.message ?? err))) return new Promise<T>(() => {});
    throw err;
  }
}

/** `React.lazy`, with `importChunk`'s retries. */
export const lazyChunk: typeof lazy = (load) => lazy(() => importChunk(load));
