/**
 * Proxy overhead: the real docker CLI through Porthole's Engine API proxy vs straight at the
 * engine socket, in the same run, interleaved, as ratios of median wall times (target ≤ 1.10×),
 * beside a plain TCP forwarder in front of the socket (bytes only, in its own process: forwarder.mjs)
 * and, where socat is installed, a native one (socat with 1 MiB buffers), for context: what any
 * relay on this machine costs, and what one in Node costs.
 *   docker ps -a (200 created containers) · docker inspect (one; and the 200 in a row, for the
 *   per-call cost) · docker logs (200,000 lines) · docker cp of 100 MB into a container and out of it
 * Called from run.ts; `pnpm --filter @porthole/server bench:proxy` runs it alone. Everything it
 * creates is labelled porthole.test=1 and removed at the end.
 */
import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { ensureBuiltServer } from '../test/built-server.ts';
import { finished } from '../test/docker-cli.ts';
import { freePort, type ServerProcess, startServerProcess } from '../test/server-process.ts';
import { runAlone } from './run-alone.ts';

const IMAGE = 'porthole-test/busybox:latest';
const RUN = `porthole.test.run=bench-proxy-${process.pid}`;
const CONTAINERS = Number(process.env.BENCH_PROXY_CONTAINERS ?? 200);
const LOG_LINES = 200_000;
const CP_MB = 100;
const ROUNDS = Number(process.env.BENCH_PROXY_ROUNDS ?? 9);
const TARGET = 1.1;
const SOCKET = (process.env.DOCKER_HOST ?? 'unix:///var/run/docker.sock').replace('unix://', '');

type Target = 'porthole' | 'direct' | 'forwarder' | 'native';

/** A docker CLI environment (its own config dir; the token, when given, as an Authorization header). */
export function cliEnv(dir: string, name: string, dockerHost: string, token?: string): NodeJS.ProcessEnv {
  const config = path.join(dir, name);
  fs.mkdirSync(config);
  fs.writeFileSync(path.join(config, 'config.json'), JSON.stringify({ HttpHeaders: token ? { Authorization: `Bearer ${token}` } : {} }));
  return { PATH: process.env.PATH, HOME: process.env.HOME, DOCKER_CONFIG: config, DOCKER_HOST: dockerHost, DOCKER_BUILDKIT: '0' };
}

/** Runs the docker CLI to completion (its output discarded unless asked for); wall time in ms. */
export async function docker(env: NodeJS.ProcessEnv, args: string[], keepOutput = false): Promise<{ ms: number; stdout: string }> {
  const t0 = performance.now();
  const child = spawn('docker', args, { env, stdio: ['ignore', keepOutput ? 'pipe' : 'ignore', 'pipe'] });
  const { code, stdout, stderr } = await finished(child, 300_000);
  const ms = performance.now() - t0;
  if (code !== 0) throw new Error(`bench: docker ${args.join(' ').slice(0, 120)} exited ${code}: ${stderr.trim()}`);
  return { ms, stdout: stdout.trim() };
}

/** The plain TCP forwarder (bench/forwarder.mjs), in a process of its own. */
async function startForwarder(): Promise<{ port: number; pid: number; stop(): void }> {
  const child = spawn(process.execPath, [path.join(import.meta.dirname, 'forwarder.mjs'), SOCKET], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const port = await new Promise<number>((resolve, reject) => {
    child.stdout.setEncoding('utf8').once('data', (s: string) => resolve(Number(s.trim())));
    child.once('exit', (code) => reject(new Error(`bench: the TCP forwarder exited (${code})`)));
  });
  return { port, pid: child.pid as number, stop: () => child.kill() };
}

/**
 * socat in front of the socket with 1 MiB buffers (a native relay: read and write, no JavaScript),
 * when it is installed; undefined when not. It cannot leave out Accept-Encoding, so it is not
 * measured on `docker cp` out (the engine would gzip for it alone).
 */
async function startNativeRelay(): Promise<{ port: number; stop(): void } | undefined> {
  const port = await freePort();
  const child = spawn('socat', ['-b', String(1 << 20), `TCP-LISTEN:${port},bind=127.0.0.1,fork,reuseaddr`, `UNIX-CONNECT:${SOCKET}`], {
    stdio: 'ignore',
  });
  const missing = new Promise<undefined>((resolve) => child.once('error', () => resolve(undefined)));
  const listening = (async () => {
    for (let i = 0; i < 100; i++) {
      const ok = await new Promise<boolean>((resolve) =>
        net
          .connect(port, '127.0.0.1')
          .once('connect', function (this: net.Socket) {
            this.destroy();
            resolve(true);
          })
          .once('error', () => resolve(false)),
      );
      if (ok) return { port, stop: () => child.kill() };
      await new Promise((r) => setTimeout(r, 20));
    }
    child.kill();
    return undefined;
  })();
  return Promise.race([missing, listening]);
}

/** CPU time (user + system) a process has used, in ms (10 ms resolution). */
function cpuMs(pid: number): number {
  const f = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
  return (Number(f[11]) + Number(f[12])) * 10;
}

export const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
};

/** The proxy figures, measured against `server` (a running built server). One line per operation. */
export async function benchProxy(server: ServerProcess, cookie: string): Promise<string[]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'porthole-bench-proxy-'));
  const forwarder = await startForwarder();
  const { port } = forwarder;
  const native = await startNativeRelay();
  const token = await server.createToken(cookie, 'bench-proxy');
  const envs: Record<Target, NodeJS.ProcessEnv> = {
    porthole: cliEnv(dir, 'porthole', `${server.url.replace('http:', 'tcp:')}/api/engines/local/docker`, token),
    direct: cliEnv(dir, 'direct', `unix://${SOCKET}`),
    forwarder: cliEnv(dir, 'forwarder', `tcp://127.0.0.1:${port}`),
    native: native ? cliEnv(dir, 'native', `tcp://127.0.0.1:${native.port}`) : {},
  };
  const direct = (args: string[]) => docker(envs.direct, args, true).then((r) => r.stdout);
  const label = ['--label', 'porthole.test=1', '--label', RUN];
  const lines: string[] = [];
  try {
    // Fixtures: 200 created containers, a finished container with 200,000 log lines, a
    // container to copy into and out of, and 100 MB of random bytes (nothing compresses them).
    const ids: string[] = [];
    for (let i = 0; i < CONTAINERS; i += 20) {
      const batch = Array.from({ length: Math.min(20, CONTAINERS - i) }, () => direct(['create', ...label, IMAGE, 'true']));
      ids.push(...(await Promise.all(batch)));
    }
    const logs = await direct(['run', '-d', ...label, IMAGE, 'seq', '1', String(LOG_LINES)]);
    await direct(['wait', logs]);
    const box = await direct(['create', ...label, IMAGE, 'true']);
    const blob = path.join(dir, 'blob.bin');
    const fd = fs.openSync(blob, 'w');
    for (let i = 0; i < CP_MB; i++) fs.writeSync(fd, crypto.randomBytes(1 << 20));
    fs.closeSync(fd);
    await direct(['cp', blob, `${box}:/blob.bin`]);

    const ops: Array<{ name: string; args: string[]; rounds?: number; target?: false; native?: false }> = [
      { name: `docker ps -a (${CONTAINERS} containers)`, args: ['ps', '-a', '--no-trunc', '--filter', `label=${RUN}`], rounds: ROUNDS * 2 },
      { name: 'docker inspect (1 container)', args: ['inspect', box], rounds: ROUNDS * 2 },
      // 200 calls one after the other: what one call costs (a hop, HTTP parsing, sign-in), for context.
      {
        name: `docker inspect of ${CONTAINERS} containers (${CONTAINERS} calls in a row, per-call cost)`,
        args: ['inspect', ...ids],
        target: false,
      },
      { name: `docker logs (${LOG_LINES.toLocaleString('en')} lines)`, args: ['logs', logs] },
      { name: `docker cp ${CP_MB} MB into a container`, args: ['cp', blob, `${box}:/blob-in.bin`] },
      // Over TCP the CLI asks for gzip, which the engine then spends its time on: Porthole (and the
      // forwarder, like it) leave that out for a client on this machine (see routes/proxy.ts).
      { name: `docker cp ${CP_MB} MB out of a container`, args: ['cp', `${box}:/blob.bin`, '-'], native: false },
    ];
    // BENCH_PROXY_ONLY=cp: only the operations whose name holds that text.
    const only = process.env.BENCH_PROXY_ONLY;
    for (const op of ops.filter((o) => !only || o.name.includes(only))) {
      const targets: Target[] = ['porthole', 'direct', 'forwarder', ...(native && op.native !== false ? (['native'] as const) : [])];
      const times: Record<Target, number[]> = { porthole: [], direct: [], forwarder: [], native: [] };
      // CPU time of the relay itself (Porthole's process, the forwarder's process).
      const cpu = { porthole: 0, forwarder: 0, direct: 0, native: 0 };
      const pids: Record<Target, number | undefined> = {
        porthole: server.pid,
        forwarder: forwarder.pid,
        direct: undefined,
        native: undefined,
      };
      for (const t of targets) await docker(envs[t], op.args); // warm-up
      const rounds = op.rounds ?? ROUNDS;
      for (let r = 0; r < rounds; r++) {
        // Interleaved, in a rotating order: a busy moment on the machine hits every target alike.
        for (let k = 0; k < targets.length; k++) {
          const t = targets[(r + k) % targets.length] as Target;
          const pid = pids[t];
          const c0 = pid ? cpuMs(pid) : 0;
          times[t].push((await docker(envs[t], op.args)).ms);
          if (pid) cpu[t] += cpuMs(pid) - c0;
        }
      }
      const [p, d, f] = [median(times.porthole), median(times.direct), median(times.forwarder)];
      const ratio = p / d;
      const nativeRatio = !native
        ? '; native relay: socat not installed'
        : targets.includes('native')
          ? `; native relay (socat, 1 MiB buffers) ${(median(times.native) / d).toFixed(2)}×`
          : '';
      const target = op.target === false ? 'no target' : `target ≤ ${TARGET.toFixed(2)}×${ratio <= TARGET ? '' : ', MISSED'}`;
      lines.push(
        `proxy: ${op.name}: Porthole ${p.toFixed(0)} ms, socket ${d.toFixed(0)} ms, ratio ${ratio.toFixed(2)}× (${target}); TCP forwarder in Node ${(f / d).toFixed(2)}×${nativeRatio} (medians of ${rounds}); relay CPU per call: Porthole ${(cpu.porthole / rounds).toFixed(0)} ms, forwarder ${(cpu.forwarder / rounds).toFixed(0)} ms`,
      );
    }
  } finally {
    const left = (await direct(['ps', '-aq', '--filter', `label=${RUN}`])).split('\n').filter(Boolean);
    for (let i = 0; i < left.length; i += 50) await direct(['rm', '-f', '-v', ...left.slice(i, i + 50)]);
    forwarder.stop();
    native?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
  return lines;
}

// `tsx bench/proxy.ts`: this part alone, against its own built server.
void runAlone(import.meta.url, 'Porthole proxy bench (docker CLI through Porthole vs the socket, one run)', async () => {
  ensureBuiltServer();
  const server = await startServerProcess({ LOG_LEVEL: 'warn' });
  try {
    return await benchProxy(server, await server.login());
  } finally {
    await server.stop();
  }
});
