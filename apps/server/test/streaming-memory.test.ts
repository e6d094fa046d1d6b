import { createInterface } from 'node:readline';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DockerTarget, FIXTURE_IMAGE, directDocker, dockerOk, proxyDocker, spawnDocker, testRun } from './docker-cli.ts';
import { type ServerProcess, startServerProcess } from './server-process.ts';

const MB = 1024 * 1024;
const MAX_GROWTH = 50 * MB;

/**
 * Acceptance 6 of issue 2: the proxy streams. A 50 MB build context and 200,000 log lines pass
 * through a server process whose RSS high-water mark grows by less than 50 MB.
 */
describe('the Engine API proxy streams', () => {
  const run = testRun();
  let server: ServerProcess;
  let proxy: DockerTarget;
  const context = fs.mkdtempSync(path.join(os.tmpdir(), 'porthole-bigctx-'));

  beforeAll(async () => {
    server = await startServerProcess({ LOG_LEVEL: 'warn' });
    proxy = proxyDocker(server.url, await server.createToken(await server.login(), 'streaming'));
    // Warm up: the proxy path, the CLI's negotiation, a streamed response.
    await dockerOk(proxy, ['version']);
    await dockerOk(proxy, ['ps', '-a']);
  });
  afterAll(async () => {
    await server?.stop();
    await run.cleanup();
    fs.rmSync(context, { recursive: true, force: true });
  });

  it('a 50 MB docker build context', async () => {
    const fd = fs.openSync(path.join(context, 'random.bin'), 'w');
    for (let i = 0; i < 50; i++) fs.writeSync(fd, crypto.randomBytes(MB));
    fs.closeSync(fd);
    fs.writeFileSync(path.join(context, 'Dockerfile'), `FROM ${FIXTURE_IMAGE}\nLABEL porthole.test=1 ${run.runLabel}\nCMD ["true"]\n`);

    const before = server.memory();
    const out = await dockerOk(proxy, ['build', '-t', `porthole-test/big-context:${run.runId}`, context], { timeoutMs: 180_000 });
    const after = server.memory();
    expect(out).toMatch(/Sending build context to Docker daemon\s+52\.\d+MB/);
    expect(out).toMatch(/Successfully built/);
    const growth = after.hwm - before.hwm;
    console.info(`[rss] 50 MB build context: VmHWM ${mb(before.hwm)} → ${mb(after.hwm)} MB (+${mb(growth)} MB), VmRSS ${mb(after.rss)} MB`);
    expect(growth).toBeLessThan(MAX_GROWTH);
  });

  it('docker logs of 200,000 lines', async () => {
    const id = await run.startFixture([
      'awk',
      'BEGIN { for (i = 1; i <= 200000; i++) printf "line %06d the quick brown fox jumps over the lazy dog 0123456789 abcdefghij\\n", i }',
    ]);
    await dockerOk(directDocker(), ['wait', id], { timeoutMs: 120_000 });

    const before = server.memory();
    const cli = spawnDocker(proxy, ['logs', id]);
    let lines = 0;
    let last = '';
    const rl = createInterface({ input: cli.stdout as NodeJS.ReadableStream });
    rl.on('line', (line) => {
      lines++;
      last = line;
    });
    const code = await new Promise<number | null>((resolve) => cli.on('close', resolve));
    const after = server.memory();
    expect(code).toBe(0);
    expect(lines).toBe(200_000);
    expect(last).toMatch(/^line 200000 /);
    const growth = after.hwm - before.hwm;
    console.info(`[rss] 200,000 log lines: VmHWM ${mb(before.hwm)} → ${mb(after.hwm)} MB (+${mb(growth)} MB), VmRSS ${mb(after.rss)} MB`);
    expect(growth).toBeLessThan(MAX_GROWTH);
  });
});

const mb = (bytes: number) => (bytes / MB).toFixed(1);
