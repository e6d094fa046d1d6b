/**
 * `pnpm bench`, first load: what a browser fetches, and how long it waits, before a view shows —
 * in headless Chromium (the system's /usr/bin/chromium), against the built SPA (apps/web/dist, or
 * $BENCH_WEB_DIST) served by the server as a child process, with a real engine.
 *  • /containers with 50 running containers of this run (`sleep 3600`, filtered by their label so
 *    other containers on the engine do not count): until the table shows the 50 rows;
 *  • / (Overview): until the engine's counts show.
 * Per view: the scripts and styles loaded before the view showed, as a gzip-only browser receives
 * them (the budgeted figure) and as Chromium does by default (brotli); the time from navigation to
 * the view (median of cold loads, each in a fresh browser context) and the page's main-thread CPU
 * meanwhile; and a repeat visit (same context: hashed files come from the cache without a request).
 * Everything the bench creates is labelled and removed at the end; every wait has a deadline.
 * Alone: `pnpm --filter @porthole/server bench:first-load`.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { type Browser, type BrowserContext, chromium } from 'playwright-core';
import { startServerProcess } from '../test/server-process.ts';
import { runAlone } from './run-alone.ts';

const exec = promisify(execFile);
const IMAGE = 'porthole-test/busybox:latest';
const RUN = `bench-first-load-${process.pid}`;
const CONTAINERS = 50;
const RUNS = Number(process.env.BENCH_FIRST_LOAD_RUNS ?? 5);
const WEB_DIST = path.resolve(process.env.BENCH_WEB_DIST ?? path.join(import.meta.dirname, '../../web/dist'));
const TARGET = { js: 150_000, css: 20_000 };
const TIMEOUT_MS = 60_000;

interface View {
  url: string;
  what: string;
  /** In the page: whether the view shows what it is measured on. */
  ready: string;
}

const VIEWS: View[] = [
  {
    url: `/containers?label=${encodeURIComponent(`porthole.test.run=${RUN}`)}`,
    what: `the Containers table with its ${CONTAINERS} rows`,
    ready: `document.querySelectorAll('table[aria-label="Containers"] [data-testid^="container-row-"]').length >= ${CONTAINERS}`,
  },
  {
    url: '/',
    what: "the Overview's engine counts",
    ready: `/^\\d+$/.test(document.querySelector('[data-testid="count-running"]')?.textContent ?? '')`,
  },
];

interface Load {
  /** Navigation start → the view shows, ms. */
  ms: number;
  /** Main-thread task time of the page meanwhile, ms. */
  cpuMs: number;
  /** Encoded body bytes of the scripts and stylesheets loaded before the view showed. */
  js: number;
  css: number;
  /** Bytes on the wire for them (0 for a file the cache answered). */
  transferred: number;
  requests: number;
}

/** Records, in the page, when the view first shows (performance.now(): ms since navigation). */
const readyProbe = (ready: string) => `
  window.__portholeReady = null;
  const probe = new MutationObserver(() => {
    if (window.__portholeReady === null && (${ready})) {
      window.__portholeReady = performance.now();
      probe.disconnect();
    }
  });
  probe.observe(document, { childList: true, subtree: true, characterData: true });
`;

/**
 * In the page, once the view showed: the scripts and stylesheets that had arrived by then (a
 * string: functions handed to the page must not carry tsx's helpers).
 */
const MEASURE = `(() => {
  const readyAt = window.__portholeReady;
  const files = performance.getEntriesByType('resource')
    .filter((e) => e.responseEnd <= readyAt && /\\.(js|css)$/.test(new URL(e.name).pathname));
  const sum = (ext, key) => files.filter((e) => new URL(e.name).pathname.endsWith(ext)).reduce((n, e) => n + e[key], 0);
  return {
    ms: readyAt,
    js: sum('.js', 'encodedBodySize'),
    css: sum('.css', 'encodedBodySize'),
    transferred: sum('.js', 'transferSize') + sum('.css', 'transferSize'),
    requests: files.length,
  };
})()`;

/** In the page: whether the probe saw the view. */
const READY = () => (window as unknown as { __portholeReady: number | null }).__portholeReady !== null;

class NetworkChanged extends Error {
  constructor(url: string) {
    super(`the host's network changed while ${url} loaded`);
  }
}

/** Loads that were retried because the network changed under them. */
let retried = 0;

async function retrying<T>(attempt: () => Promise<T>): Promise<T> {
  for (let i = 0; ; i++) {
    try {
      return await attempt();
    } catch (err) {
      if (!(err instanceof NetworkChanged) || i >= 9) throw err;
      retried++;
    }
  }
}

async function load(context: BrowserContext, base: string, view: View): Promise<Load> {
  const page = await context.newPage();
  try {
    const cdp = await context.newCDPSession(page);
    await cdp.send('Performance.enable');
    // The engine is shared: containers others start or remove change the host's interfaces, and
    // Chromium aborts what is in flight then (net::ERR_NETWORK_CHANGED). Such a load is retried.
    let networkChanged: (err: Error) => void = () => undefined;
    const changed = new Promise<never>((_, reject) => {
      networkChanged = reject;
    });
    changed.catch(() => undefined);
    page.on('requestfailed', (r) => {
      if (r.failure()?.errorText === 'net::ERR_NETWORK_CHANGED') networkChanged(new NetworkChanged(r.url()));
    });
    await page.addInitScript(readyProbe(view.ready));
    await Promise.race([page.goto(base + view.url), changed]);
    await Promise.race([page.waitForFunction(READY, null, { timeout: TIMEOUT_MS }), changed]);
    const { metrics } = await cdp.send('Performance.getMetrics');
    const task = metrics.find((m) => m.name === 'TaskDuration')?.value ?? Number.NaN;
    const measured = (await page.evaluate(MEASURE)) as Omit<Load, 'cpuMs'>;
    return { ...measured, cpuMs: task * 1000 };
  } finally {
    await page.close();
  }
}

async function signedInContext(browser: Browser, base: string, cookie: string, encoding?: string): Promise<BrowserContext> {
  const context = await browser.newContext({
    viewport: { width: 1280, height: 800 },
    ...(encoding ? { extraHTTPHeaders: { 'accept-encoding': encoding } } : {}),
  });
  const [name, value] = cookie.split('=', 2) as [string, string];
  await context.addCookies([{ name, value, url: base, httpOnly: true, sameSite: 'Strict' }]);
  return context;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;
const kB = (n: number) => `${(n / 1000).toFixed(1)} kB`;
const mark = (value: number, target: number) => (value <= target ? '✓' : '✗ over');

async function docker(...args: string[]): Promise<string> {
  const { stdout } = await exec('docker', args, { maxBuffer: 1 << 24 });
  return stdout.trim();
}

async function startContainers(): Promise<void> {
  for (let i = 0; i < CONTAINERS; i += 10) {
    const batch = Array.from({ length: Math.min(10, CONTAINERS - i) }, () =>
      docker('run', '-d', '--label', 'porthole.test=1', '--label', `porthole.test.run=${RUN}`, IMAGE, 'sleep', '3600'),
    );
    await Promise.all(batch);
  }
}

async function removeContainers(): Promise<void> {
  const ids = (await docker('ps', '-aq', '--filter', `label=porthole.test.run=${RUN}`)).split('\n').filter(Boolean);
  if (ids.length) await docker('rm', '-f', ...ids);
}

/** Runs the first-load bench; returns its report lines. */
export async function firstLoadBench(): Promise<string[]> {
  if (!fs.existsSync(path.join(WEB_DIST, 'index.html'))) {
    throw new Error(`bench: no built SPA in ${WEB_DIST} (pnpm --filter @porthole/web build)`);
  }
  const server = await startServerProcess({ PORTHOLE_WEB_DIST: WEB_DIST, LOG_LEVEL: 'warn' });
  let browser: Browser | undefined;
  const lines: string[] = [];
  try {
    browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    });
    const open = browser;
    await startContainers();
    const cookie = await server.login();
    for (const view of VIEWS) {
      const inContext = <T>(encoding: string | undefined, use: (c: BrowserContext) => Promise<T>) =>
        retrying(async () => {
          const context = await signedInContext(open, server.url, cookie, encoding);
          try {
            return await use(context);
          } finally {
            await context.close();
          }
        });
      const asGzip = await inContext('gzip', (c) => load(c, server.url, view));
      const cold: Load[] = [];
      const warm: Load[] = [];
      for (let i = 0; i < RUNS; i++) {
        const [c, w] = await inContext(undefined, async (context) => [
          await load(context, server.url, view),
          await load(context, server.url, view),
        ]);
        cold.push(c as Load);
        warm.push(w as Load);
      }
      const first = cold[0] as Load;
      const route = view.url.split('?')[0];
      lines.push(
        `first load of ${route} (${view.what}), headless Chromium, ${RUNS} cold loads: ` +
          `scripts ${kB(asGzip.js)} gzip (target ≤ ${kB(TARGET.js)} ${mark(asGzip.js, TARGET.js)}), ${kB(first.js)} brotli; ` +
          `styles ${kB(asGzip.css)} gzip (target ≤ ${kB(TARGET.css)} ${mark(asGzip.css, TARGET.css)}), ${kB(first.css)} brotli; ` +
          `${first.requests} files`,
      );
      lines.push(
        `${route}: navigation → view shown in ${median(cold.map((l) => l.ms)).toFixed(0)} ms median (main-thread CPU ${median(cold.map((l) => l.cpuMs)).toFixed(0)} ms); ` +
          `repeat visit ${median(warm.map((l) => l.ms)).toFixed(0)} ms, ${kB(median(warm.map((l) => l.transferred)))} of scripts and styles transferred`,
      );
    }
    if (retried) {
      lines.push(
        `(${retried} ${retried === 1 ? 'load' : 'loads'} retried: containers started or removed meanwhile changed the host's network under it)`,
      );
    }
  } finally {
    await browser?.close();
    await removeContainers();
    await server.stop();
  }
  return lines;
}

void runAlone(import.meta.url, 'Porthole bench: first load', firstLoadBench);
