import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

/**
 * The built server: what `pnpm start`, `scripts/start.sh`, the integration tests that start a
 * server process, e2e and the bench all run — the esbuild bundle the image ships
 * (`pnpm --filter @porthole/server build` → dist/bundle/server.mjs), on node with source maps.
 */
const SERVER_DIR = path.resolve(import.meta.dirname, '..');
const REPO = path.resolve(SERVER_DIR, '../..');
export const BUILT_SERVER = path.join(SERVER_DIR, 'dist/bundle/server.mjs');
/** node's arguments to run the built server. */
export const BUILT_SERVER_ARGS = ['--enable-source-maps', BUILT_SERVER];
/**
 * The environment every start of the server sets (the image, scripts/start.sh, `pnpm start`): two
 * glibc malloc arenas. With one per thread the libuv pool's zlib and fs work fragments native
 * memory: the fuzz test's RSS grew 42 MB over 5,000 requests with the default, 17 MB with two.
 */
export const BUILT_SERVER_ENV = { MALLOC_ARENA_MAX: '2' };
/** The SPA the repository's runs serve (the bundle's own web/ copy is for the image). */
export const WEB_DIST = path.join(REPO, 'apps/web/dist');

/** What the bundle is built from: a newer file here means the build is stale. */
const INPUTS = [
  'apps/server/src',
  'apps/server/scripts/bundle.mjs',
  'apps/server/package.json',
  'packages/shared/src',
  'packages/shared/package.json',
  'pnpm-lock.yaml',
];

function newestInput(): { file: string; mtimeMs: number } {
  let newest = { file: '', mtimeMs: 0 };
  const visit = (file: string) => {
    const stat = fs.statSync(file, { throwIfNoEntry: false });
    if (!stat) return;
    if (stat.isDirectory()) {
      for (const name of fs.readdirSync(file)) visit(path.join(file, name));
    } else if (!file.endsWith('.test.ts') && stat.mtimeMs > newest.mtimeMs) {
      newest = { file, mtimeMs: stat.mtimeMs };
    }
  };
  for (const input of INPUTS) visit(path.join(REPO, input));
  return newest;
}

/** Why the built server cannot be used as it is (missing, or older than a source), or undefined. */
export function buildStaleness(): string | undefined {
  const built = fs.statSync(BUILT_SERVER, { throwIfNoEntry: false });
  if (!built) return `${path.relative(REPO, BUILT_SERVER)} is missing`;
  const newest = newestInput();
  if (newest.mtimeMs > built.mtimeMs) return `${path.relative(REPO, BUILT_SERVER)} is older than ${path.relative(REPO, newest.file)}`;
  return undefined;
}

/** Fails with what to do when the built server is missing or stale. */
export function assertBuiltServer(): void {
  const why = buildStaleness();
  if (why) throw new Error(`${why}: build the server first (pnpm --filter @porthole/server build)`);
}

/** Builds the server when it is missing or stale (esbuild: about a second). */
export function ensureBuiltServer(): void {
  const why = buildStaleness();
  if (!why) return;
  console.log(`[built-server] ${why}: building it (pnpm --filter @porthole/server build)`);
  execFileSync(process.execPath, [path.join(SERVER_DIR, 'scripts/bundle.mjs')], { stdio: ['ignore', 'ignore', 'inherit'] });
  assertBuiltServer();
}

/** The command line of a process (its argv), read from /proc. */
export function processArgv(pid: number): string[] {
  return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean);
}

/** The pid of the process listening on 127.0.0.1:port (TCP), found through /proc; undefined when none is. */
export function listenerPid(port: number): number | undefined {
  const hexPort = port.toString(16).toUpperCase().padStart(4, '0');
  const inodes = new Set<string>();
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    const lines = fs.readFileSync(table, 'utf8').split('\n').slice(1);
    for (const line of lines) {
      const f = line.trim().split(/\s+/);
      // local_address is HEX_IP:HEX_PORT, st 0A is LISTEN, the inode is the 10th field.
      if (f[1]?.endsWith(`:${hexPort}`) && f[3] === '0A' && f[9]) inodes.add(f[9]);
    }
  }
  if (!inodes.size) return undefined;
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let fds: string[];
    try {
      fds = fs.readdirSync(`/proc/${entry}/fd`);
    } catch {
      continue;
    }
    for (const fd of fds) {
      try {
        const link = fs.readlinkSync(`/proc/${entry}/fd/${fd}`);
        const m = /^socket:\[(\d+)\]$/.exec(link);
        if (m && inodes.has(m[1] as string)) return Number(entry);
      } catch {
        // the fd closed meanwhile
      }
    }
  }
  return undefined;
}
