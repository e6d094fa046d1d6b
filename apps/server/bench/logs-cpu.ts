/**
 * `pnpm bench`, the browser's cost of following logs (issue 13): the CPU that headless Chromium —
 * every process of it: browser, renderer, GPU and utility — uses while a page follows
 *  • one chatty container's log (10 lines/s) on /containers/:id/logs, target ≤ 10 % of a core;
 *  • the merged log of 4 such containers on /logs?containers=…, target ≤ 15 % of a core;
 * and, for comparison in the same run, the same Chromium on an idle page (about:blank). Measured
 * from /proc (utime + stime of the process tree) over a window after the stream is running, with
 * the renderer's main-thread task time from the DevTools protocol beside it.
 * Alone: `pnpm --filter @porthole/server bench:logs-cpu`.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import { ensureBuiltServer } from '../test/built-server.ts';
import { startServerProcess } from '../test/server-process.ts';
import { runAlone } from './run-alone.ts';

const exec = promisify(execFile);
const IMAGE = 'porthole-test/busybox:latest';
const RUN = `bench-logs-cpu-${process.pid}`;
const WEB_DIST = path.resolve(process.env.BENCH_WEB_DIST ?? path.join(import.meta.dirname, '../../web/dist'));
const WINDOW_MS = Number(process.env.BENCH_LOGS_CPU_SECONDS ?? 20) * 1000;
/** 10 lines a second, each a typical ~80-character request line with a counter. */
const CHATTY = 'i=0; while :; do i=$((i+1)); echo "$(date +%T) INFO [worker] request id=$i path=/api/items/$i took 12ms"; sleep 0.1; done';
const HZ = 100;

async function docker(...args: string[]): Promise<string> {
  const { stdout } = await exec('docker', args, { maxBuffer: 1 << 24 });
  return stdout.trim();
}

const chatty = (n: number) =>
  docker(
    'run',
    '-d',
    '--name',
    `${RUN}-${n}`,
    '--label',
    'porthole.test=1',
    '--label',
    `porthole.test.run=${RUN}`,
    IMAGE,
    'sh',
    '-c',
    CHATTY,
  );

/** utime + stime (clock ticks) of `pid` and all its descendants. */
function treeTicks(root: number): number {
  const children = new Map<number, number[]>();
  const ticks = new Map<number, number>();
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const f = fs.readFileSync(`/proc/${entry}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
      const ppid = Number(f[1]);
      ticks.set(Number(entry), Number(f[11]) + Number(f[12]));
      children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)]);
    } catch {
      // the process ended meanwhile
    }
  }
  let sum = 0;
  const queue = [root];
  while (queue.length) {
    const pid = queue.pop() as number;
    sum += ticks.get(pid) ?? 0;
    queue.push(...(children.get(pid) ?? []));
  }
  return sum;
}

/** The browser process: the one whose command line names this run's profile directory. */
function browserPid(profile: string): number {
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const cmd = fs.readFileSync(`/proc/${entry}/cmdline`, 'utf8');
      if (cmd.includes(profile) && !cmd.includes('--type=')) return Number(entry);
    } catch {
      // ended
    }
  }
  throw new Error('bench: the Chromium browser process was not found');
}

interface Cost {
  /** % of one core, the whole Chromium process tree. */
  chromium: number;
  /** % of one core, the page's main thread (DevTools TaskDuration). */
  mainThread: number;
  /** Log lines the page showed at the end of the window (it kept up). */
  lines: number;
}

async function measure(page: Page, pid: number, lines: () => Promise<number>): Promise<Cost> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  const task = async () =>
    ((await cdp.send('Performance.getMetrics')).metrics.find((m) => m.name === 'TaskDuration')?.value ?? Number.NaN) * 1000;
  const t0 = performance.now();
  const c0 = treeTicks(pid);
  const m0 = await task();
  await new Promise((r) => setTimeout(r, WINDOW_MS));
  const c1 = treeTicks(pid);
  const m1 = await task();
  const s = (performance.now() - t0) / 1000;
  return { chromium: ((c1 - c0) / HZ / s) * 100, mainThread: ((m1 - m0) / 1000 / s) * 100, lines: await lines() };
}

const logLines = (page: Page) => async () =>
  Number((await page.getByRole('log', { name: 'Log lines' }).getAttribute('data-lines')) ?? Number.NaN);

/** Runs the bench; returns its report lines. */
export async function logsCpuBench(): Promise<string[]> {
  if (!fs.existsSync(path.join(WEB_DIST, 'index.html')))
    throw new Error(`bench: no built SPA in ${WEB_DIST} (pnpm --filter @porthole/web build)`);
  ensureBuiltServer();
  const server = await startServerProcess({ PORTHOLE_WEB_DIST: WEB_DIST, LOG_LEVEL: 'warn' });
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'porthole-bench-chromium-'));
  let context: BrowserContext | undefined;
  const lines: string[] = [];
  try {
    const ids = await Promise.all([1, 2, 3, 4].map(chatty));
    context = await chromium.launchPersistentContext(profile, {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
      viewport: { width: 1280, height: 800 },
    });
    const pid = browserPid(profile);
    const cookie = await server.login();
    const [name, value] = cookie.split('=', 2) as [string, string];
    await context.addCookies([{ name, value, url: server.url, httpOnly: true, sameSite: 'Strict' }]);
    const page = context.pages()[0] ?? (await context.newPage());

    await page.goto('about:blank');
    const idle = await measure(page, pid, async () => 0);

    const views = [
      { what: 'one chatty log (10 lines/s)', url: `/containers/${ids[0]}/logs`, target: 10 },
      {
        what: 'merged logs of 4 chatty containers (40 lines/s)',
        url: `/logs?containers=${ids.map((id) => id.slice(0, 12)).join(',')}`,
        target: 15,
      },
    ];
    for (const view of views) {
      await page.goto(server.url + view.url);
      const log = page.getByRole('log', { name: 'Log lines' });
      await log.waitFor({ timeout: 30_000 });
      await page.getByRole('status', { name: 'Stream following' }).waitFor({ timeout: 30_000 });
      // The backfill has arrived and been drawn: the window measures following only.
      await new Promise((r) => setTimeout(r, 3000));
      const before = await logLines(page)();
      const cost = await measure(page, pid, logLines(page));
      const mark = cost.chromium <= view.target ? '✓' : '✗ over';
      lines.push(
        `logs in Chromium, ${view.what}: ${cost.chromium.toFixed(1)} % of one core for all of Chromium (target ≤ ${view.target} % ${mark}; idle page ${idle.chromium.toFixed(1)} %), page main thread ${cost.mainThread.toFixed(1)} %; ${cost.lines - before} lines shown in ${(WINDOW_MS / 1000).toFixed(0)} s`,
      );
    }
  } finally {
    await context?.close();
    fs.rmSync(profile, { recursive: true, force: true });
    const ids = (await docker('ps', '-aq', '--filter', `label=porthole.test.run=${RUN}`)).split('\n').filter(Boolean);
    if (ids.length) await docker('rm', '-f', ...ids);
    await server.stop();
  }
  return lines;
}

void runAlone(import.meta.url, 'Porthole bench: following logs in Chromium', logsCpuBench);
