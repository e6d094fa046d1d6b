import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { assertBuiltServer, BUILT_SERVER_ARGS, BUILT_SERVER_ENV } from './built-server.ts';
import { ADMIN_PASSWORD, createToken, login, tempDataDir, waitFor } from './harness.ts';

const SERVER_DIR = path.resolve(import.meta.dirname, '..');

export interface ServerProcess {
  child: ChildProcess;
  pid: number;
  url: string;
  dataDir: string;
  /** Everything the process wrote to stdout and stderr so far. */
  output(): string;
  login(): Promise<string>;
  createToken(cookie: string, name?: string): Promise<string>;
  /** VmRSS and VmHWM (high-water mark) of the server process, in bytes. */
  memory(): { rss: number; hwm: number };
  stop(): Promise<void>;
}

/** A port that was free a moment ago (the server needs a fixed PORT to be found at any log level). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

/** Reads VmRSS/VmHWM of a process from /proc. */
export function processMemory(pid: number): { rss: number; hwm: number } {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string) => {
    const m = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status);
    if (!m) throw new Error(`no ${field} in /proc/${pid}/status`);
    return Number(m[1]) * 1024;
  };
  return { rss: kb('VmRSS'), hwm: kb('VmHWM') };
}

/**
 * Runs the built server — what ships: `node --enable-source-maps dist/bundle/server.mjs`, built by
 * vitest's globalSetup (test/global-setup.ts) or `pnpm --filter @porthole/server build` — as a
 * child process on 127.0.0.1 and a free port, for measurements that must not include the test
 * runner (RSS) and for reading its log output.
 */
export async function startServerProcess(env: Record<string, string> = {}): Promise<ServerProcess> {
  assertBuiltServer();
  const dataDir = tempDataDir();
  const port = await freePort();
  let output = '';
  const child = spawn(process.execPath, BUILT_SERVER_ARGS, {
    cwd: SERVER_DIR,
    env: {
      ...BUILT_SERVER_ENV,
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '/root',
      PORT: String(port),
      HOST: '127.0.0.1',
      PORTHOLE_DATA_DIR: dataDir,
      PORTHOLE_ADMIN_PASSWORD: ADMIN_PASSWORD,
      PORTHOLE_WEB_DIST: path.join(dataDir, 'no-web'),
      LOG_LEVEL: 'info',
      ...(process.env.DOCKER_HOST ? { DOCKER_HOST: process.env.DOCKER_HOST } : {}),
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout.setEncoding('utf8').on('data', (s: string) => {
    output += s;
  });
  child.stderr.setEncoding('utf8').on('data', (s: string) => {
    output += s;
  });
  let exited = false;
  const exit = new Promise<void>((resolve) =>
    child.once('exit', () => {
      exited = true;
      resolve();
    }),
  );

  const url = `http://127.0.0.1:${port}`;
  await waitFor(
    'the server to answer /api/health',
    async () => {
      if (exited) throw new Error(`server exited:\n${output}`);
      return (await fetch(`${url}/api/health`)).ok;
    },
    // Allow for a loaded CI machine.
    60_000,
  ).catch((err) => {
    child.kill('SIGKILL');
    throw err;
  });

  return {
    child,
    pid: child.pid as number,
    url,
    dataDir,
    output: () => output,
    login: () => login(url),
    createToken: (cookie, name = 'test') => createToken(url, cookie, name),
    memory: () => processMemory(child.pid as number),
    stop: async () => {
      if (!exited) {
        child.kill('SIGTERM');
        const killer = setTimeout(() => child.kill('SIGKILL'), 10_000);
        await exit;
        clearTimeout(killer);
      }
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
