/**
 * `pnpm bench`: Porthole against the raw Engine API, measured in one run on the real engine.
 *  1. log backfill: lines/s through the websocket vs reading /containers/{id}/logs over the socket
 *     (backfill.ts)
 *  2. live tail latency: the engine's timestamp of a line → its websocket frame (p50, p95)
 *  3. 50 running containers × 10 stats subscribers: server CPU and RSS, upstream count, and the
 *     engine's (dockerd's) CPU meanwhile vs the same 10 subscribers each streaming every
 *     container's stats from the Engine API directly (500 streams)
 *  4. the Engine API proxy: the docker CLI through Porthole vs the socket (proxy.ts)
 *  5. what the audit log costs the proxy: docker ps and docker restart with and without it (audit.ts)
 *  also: the first load of /containers and / (first-load.ts); Chromium's CPU following one chatty
 *  log and 4 merged ones (logs-cpu.ts)
 * The server is the built one (what ships), run as a child process (its CPU and RSS are its own).
 * Everything it creates is labelled and removed at the end; every wait has a deadline.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import WebSocket from 'ws';
import { ensureBuiltServer } from '../test/built-server.ts';
import { startServerProcess } from '../test/server-process.ts';
import { benchAudit } from './audit.ts';
import { benchBackfill } from './backfill.ts';
import { firstLoadBench } from './first-load.ts';
import { logsCpuBench } from './logs-cpu.ts';
import { benchProxy } from './proxy.ts';

const IMAGE = 'porthole-test/busybox:latest';
const RUN = `porthole.test.run=bench-${process.pid}`;
const LINES = Number(process.env.BENCH_LINES ?? 300_000);
const CONTAINERS = Number(process.env.BENCH_CONTAINERS ?? 50);
const SUBSCRIBERS = 10;
const SOCKET = (process.env.DOCKER_HOST ?? 'unix:///var/run/docker.sock').replace('unix://', '');

const docker = (...args: string[]) => execFileSync('docker', args, { encoding: 'utf8', maxBuffer: 1 << 26 }).trim();
const run = (...args: string[]) => docker('run', '-d', '--label', 'porthole.test=1', '--label', RUN, ...args);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
async function until(what: string, check: () => boolean | Promise<boolean>, ms: number) {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`bench: timed out waiting for ${what}`);
    await sleep(50);
  }
}
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))] ?? NaN;

function connect(url: string, cookie: string): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`${url.replace('http:', 'ws:')}/api/ws`, { headers: { cookie, origin: url } });
    ws.once('open', () => resolve(ws));
    ws.once('error', reject);
  });
}

/** dockerd's pid, when the bench runs against the local engine (for its CPU). */
function dockerdPid(): number | undefined {
  try {
    return SOCKET === '/var/run/docker.sock' ? Number(fs.readFileSync('/var/run/docker.pid', 'utf8').trim()) : undefined;
  } catch {
    return undefined;
  }
}

/** CPU % of one core a process used over `ms`. */
async function cpuOver(pid: number | undefined, ms: number): Promise<number> {
  if (!pid) return NaN;
  const c0 = cpuTicks(pid);
  const t0 = performance.now();
  await sleep(ms);
  return ((cpuTicks(pid) - c0) / 100 / ((performance.now() - t0) / 1000)) * 100;
}

/** Opens a raw `GET /containers/{id}/stats` stream over the socket; returns its request. */
function rawStats(id: string, onFrame: () => void): http.ClientRequest {
  const req = http.get({ socketPath: SOCKET, path: `/containers/${id}/stats?stream=1`, headers: { host: 'docker' } }, (res) => {
    res.on('data', (c: Buffer) => {
      for (let i = c.indexOf(10); i >= 0; i = c.indexOf(10, i + 1)) onFrame();
    });
  });
  req.on('error', () => {});
  return req;
}

function cpuTicks(pid: number): number {
  const f = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
  return Number(f[11]) + Number(f[12]);
}

async function main() {
  ensureBuiltServer();
  const server = await startServerProcess({ LOG_LEVEL: 'warn' });
  const cookie = await server.login();
  const results: string[] = [];
  try {
    results.push(...(await firstLoadBench()));
    results.push(...(await logsCpuBench()));
    // 1. Backfill throughput.
    const logId = run(IMAGE, 'sh', '-c', `seq 1 ${LINES}; sleep 3600`);
    await until('the log to be written', () => docker('logs', '--tail', '1', logId) === String(LINES), 120_000);
    results.push(await benchBackfill(server, cookie, SOCKET, logId, LINES));

    // 2. Live tail latency: engine timestamp of each line → its frame on the websocket.
    const tailId = run(
      IMAGE,
      'sh',
      '-c',
      'sleep 2; i=0; while [ $i -lt 400 ]; do i=$((i+1)); echo "line $i"; usleep 20000 2>/dev/null || sleep 0.02; done; sleep 3600',
    );
    const tws = await connect(server.url, cookie);
    const latencies: number[] = [];
    tws.on('message', (raw: Buffer) => {
      const now = Date.now();
      const m = JSON.parse(raw.toString()) as { type: string; items?: Array<[string, number, string]> };
      if (m.type !== 'data') return;
      for (const [ts] of m.items ?? []) {
        const ms = Date.parse(`${ts.slice(0, 23)}Z`);
        latencies.push(now - ms);
      }
    });
    tws.send(JSON.stringify({ type: 'subscribe', id: 'tail', engine: 'local', topic: 'logs', params: { container: tailId } }));
    await until('400 live lines', () => latencies.length >= 400, 60_000);
    tws.close();
    results.push(
      `live tail latency (engine write → websocket frame, ${latencies.length} lines): p50 ${pct(latencies, 50)} ms, p95 ${pct(latencies, 95)} ms (target p95 ≤ 150 ms)`,
    );

    // 3. Stats fan-out.
    const ids: string[] = [];
    for (let i = 0; i < CONTAINERS; i++) ids.push(run(IMAGE, 'sleep', '3600'));
    const clients = await Promise.all(Array.from({ length: SUBSCRIBERS }, () => connect(server.url, cookie)));
    let samples = 0;
    for (const c of clients) {
      c.on('message', (raw: Buffer) => {
        const m = JSON.parse(raw.toString()) as { type: string; items?: unknown[] };
        if (m.type === 'data') samples += m.items?.length ?? 0;
      });
      for (const [i, id] of ids.entries()) {
        c.send(JSON.stringify({ type: 'subscribe', id: `s${i}`, engine: 'local', topic: 'stats', params: { container: id } }));
      }
    }
    await until('samples from every container', () => samples >= CONTAINERS * SUBSCRIBERS, 60_000);
    await sleep(3000);
    const hz = 100;
    const engineCpu = cpuOver(dockerdPid(), 10_000);
    const c0 = cpuTicks(server.pid);
    const w0 = performance.now();
    let peakRss = 0;
    const rss: number[] = [];
    for (let i = 0; i < 20; i++) {
      await sleep(500);
      const m = server.memory();
      rss.push(m.rss);
      peakRss = Math.max(peakRss, m.rss);
    }
    const cpu = ((cpuTicks(server.pid) - c0) / hz / ((performance.now() - w0) / 1000)) * 100;
    const enginePorthole = await engineCpu;
    const metrics = await (await fetch(`${server.url}/api/metrics`, { headers: { cookie } })).text();
    const upstreams = Number(/^porthole_upstream_streams\{topic="stats",engine="local"\} (\d+)$/m.exec(metrics)?.[1] ?? NaN);
    for (const c of clients) c.close();
    results.push(
      `stats: ${CONTAINERS} running containers × ${SUBSCRIBERS} subscribers: server CPU ${cpu.toFixed(1)} % of one core, RSS ${(pct(rss, 50) / 2 ** 20).toFixed(0)} MiB (peak ${(peakRss / 2 ** 20).toFixed(0)} MiB), ${upstreams} upstream stats streams for ${CONTAINERS * SUBSCRIBERS} subscriptions (target: one per container)`,
    );
    await until(
      'the stats upstreams to close',
      async () => {
        const text = await (await fetch(`${server.url}/api/metrics`, { headers: { cookie } })).text();
        return /^porthole_upstream_streams\{topic="stats",engine="local"\} 0$/m.test(text);
      },
      5000,
    );
    results.push('after the subscribers left: 0 upstream stats streams');

    // 4. The same 10 subscribers each streaming every container's stats from the engine directly.
    let rawFrames = 0;
    const streams = clients.flatMap(() => ids.map((id) => rawStats(id, () => rawFrames++)));
    await until('raw frames from every stream', () => rawFrames >= CONTAINERS * SUBSCRIBERS, 60_000);
    await sleep(3000);
    const engineRaw = await cpuOver(dockerdPid(), 10_000);
    for (const r of streams) r.destroy();
    results.push(
      `engine (dockerd) CPU meanwhile: ${enginePorthole.toFixed(1)} % through Porthole (${CONTAINERS} streams) vs ${engineRaw.toFixed(1)} % with ${CONTAINERS * SUBSCRIBERS} direct Engine API streams, ratio ${(enginePorthole / engineRaw).toFixed(2)}×`,
    );
    docker('rm', '-f', ...ids);

    // The Engine API proxy (proxy.ts).
    results.push(...(await benchProxy(server, cookie)));
  } finally {
    const ids = docker('ps', '-aq', '--filter', `label=${RUN}`).split('\n').filter(Boolean);
    if (ids.length) docker('rm', '-f', ...ids);
    await server.stop();
  }
  // Its own two servers (auditing and not), once the first has stopped.
  results.push(...(await benchAudit()));
  console.log('\nPorthole bench (vs the raw Engine API, one run)');
  for (const r of results) console.log(`  • ${r}`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
