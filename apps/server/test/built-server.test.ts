import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUILT_SERVER, BUILT_SERVER_ARGS, listenerPid, processArgv } from './built-server.ts';
import { type ServerProcess, startServerProcess } from './server-process.ts';

/**
 * Test what ships: the server process the integration tests (and the bench, e2e, `pnpm start`,
 * scripts/start.sh) start is node on the esbuild bundle the image ships, with source maps — not
 * the TypeScript sources through a loader.
 */
describe('the server the tests start', () => {
  let server: ServerProcess;

  beforeAll(async () => {
    server = await startServerProcess({ LOG_LEVEL: 'warn' });
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('is node on dist/bundle/server.mjs with source maps', () => {
    const argv = processArgv(server.pid);
    expect(path.basename(argv[0] as string)).toMatch(/^node/);
    expect(argv.slice(1)).toEqual(BUILT_SERVER_ARGS);
    expect(argv.at(-1)).toMatch(/\/apps\/server\/dist\/bundle\/server\.mjs$/);
    expect(argv.join(' ')).not.toMatch(/tsx|\.ts\b/);
    // The process answering on the server's port is that one (how the e2e spec finds its server).
    expect(listenerPid(Number(new URL(server.url).port))).toBe(server.pid);
  });

  it("names the TypeScript sources in its stack traces, and keeps its source map out of the image's context", () => {
    // A bad PORT fails at start: the uncaught error's stack points into src/config.ts.
    const res = spawnSync(process.execPath, BUILT_SERVER_ARGS, {
      env: { PATH: process.env.PATH ?? '', PORT: 'not-a-port' },
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(res.status).not.toBe(0);
    expect(res.stderr).toContain('PORT must be a port number');
    expect(res.stderr).toMatch(/src\/config\.ts:\d+:\d+/);
    const bundleDir = path.dirname(BUILT_SERVER);
    expect(fs.existsSync(`${BUILT_SERVER}.map`)).toBe(true);
    expect(fs.readFileSync(path.join(bundleDir, '.dockerignore'), 'utf8').split('\n')).toContain('*.map');
  });
});
