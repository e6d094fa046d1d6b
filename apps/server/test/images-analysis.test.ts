import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { ImageAnalysis } from '@porthole/shared/images';
import { afterAll, describe, expect, it } from 'vitest';
import { type ServerProcess, startServerProcess } from './server-process.ts';

const run = promisify(execFile);
const RUN = process.env.PORTHOLE_TEST_RUN ?? 'server-images';
const TAG = `porthole-test/one-gig-${RUN.toLowerCase().replace(/[^a-z0-9-]/g, '-')}:1`;

async function dockerCli(args: string[]): Promise<string> {
  const env = { ...process.env, DOCKER_BUILDKIT: '0' };
  const { stdout } = await run('docker', args, { env, maxBuffer: 16 << 20 });
  return stdout.trim();
}

describe('layer analysis of a 1 GB image', () => {
  let server: ServerProcess | undefined;

  afterAll(async () => {
    await server?.stop();
    await dockerCli(['image', 'rm', TAG]).catch(() => undefined);
  });

  it('streams the export: server RSS grows by less than 100 MB', { timeout: 600_000 }, async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pt-onegig-'));
    fs.writeFileSync(
      path.join(dir, 'Dockerfile'),
      'FROM porthole-test/busybox:latest\nRUN dd if=/dev/urandom of=/one-gig.bin bs=1048576 count=1024\n',
    );
    try {
      await dockerCli(['build', '-q', '--label', 'porthole.test=1', '--label', `porthole.test.run=${RUN}`, '-t', TAG, dir]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }

    server = await startServerProcess({ LOG_LEVEL: 'warn' });
    const cookie = await server.login();
    // Warm up: one small analysis loads every module the big one uses.
    const warm = await fetch(`${server.url}/api/engines/local/images/porthole-test%2Fbusybox:latest/analysis`, { headers: { cookie } });
    expect(warm.status).toBe(200);
    const before = server.memory().rss;
    let peak = before;
    const sampler = setInterval(() => {
      if (server) peak = Math.max(peak, server.memory().rss);
    }, 50);
    const started = Date.now();
    const res = await fetch(`${server.url}/api/engines/local/images/${encodeURIComponent(TAG)}/analysis`, { headers: { cookie } });
    clearInterval(sampler);
    peak = Math.max(peak, server.memory().rss);
    const body = (await res.json()) as ImageAnalysis;
    expect(res.status).toBe(200);
    const growth = peak - before;
    console.log(
      `1 GB analysis: ${((Date.now() - started) / 1000).toFixed(1)} s, RSS before ${(before / 2 ** 20).toFixed(1)} MiB, peak ${(peak / 2 ** 20).toFixed(1)} MiB, growth ${(growth / 2 ** 20).toFixed(1)} MiB`,
    );
    expect(body.layers[body.layers.length - 1]?.size).toBe(1024 * 1048576);
    expect(body.finalBytes).toBeGreaterThan(1024 * 1048576);
    expect(growth).toBeLessThan(100 * 1024 * 1024);
  });
});
