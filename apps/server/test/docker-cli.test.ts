import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DockerTarget, FIXTURE_IMAGE, directDocker, docker, dockerOk, proxyDocker, spawnDocker, testRun } from './docker-cli.ts';
import { waitFor } from './harness.ts';
import { useTestServer } from './support/server-fixture.ts';

/** Acceptance 2 of issue 2: the real docker CLI through Porthole's proxy, with a token created through the API. */
describe('docker CLI through the proxy', () => {
  const run = testRun();
  const t = useTestServer({ run, token: 'docker-cli' });
  let proxy: DockerTarget;
  let noToken: DockerTarget;
  const direct = directDocker();
  let ticker: string;
  let buildContext: string;

  beforeAll(async () => {
    proxy = proxyDocker(t.server.url, t.token);
    noToken = proxyDocker(t.server.url);
    buildContext = fs.mkdtempSync(path.join(os.tmpdir(), 'porthole-build-'));
    fs.writeFileSync(path.join(buildContext, 'hello.txt'), `hello from ${run.runId}\n`);
    fs.writeFileSync(
      path.join(buildContext, 'Dockerfile'),
      `FROM ${FIXTURE_IMAGE}\nLABEL porthole.test=1 ${run.runLabel}\nCOPY hello.txt /hello.txt\nRUN echo built-${run.runId} > /built.txt\n`,
    );
  });
  afterAll(async () => {
    fs.rmSync(buildContext, { recursive: true, force: true });
  });

  it('docker version: the same server as the socket', async () => {
    const format = ['version', '--format', '{{json .Server}}'];
    const viaProxy = JSON.parse(await dockerOk(proxy, format));
    expect(viaProxy).toEqual(JSON.parse(await dockerOk(direct, format)));
    expect(viaProxy.ApiVersion).toMatch(/^1\.\d+$/);
  });

  it('docker run -d of a fixture image, then ps -a, inspect and stats agree with the socket', async () => {
    ticker = (
      await dockerOk(proxy, [
        'run',
        '-d',
        ...run.labelArgs,
        '--name',
        run.name('ticker'),
        FIXTURE_IMAGE,
        'sh',
        '-c',
        'i=0; while true; do echo "tick $i"; i=$((i+1)); sleep 0.1; done',
      ])
    ).trim();
    expect(ticker).toMatch(/^[0-9a-f]{64}$/);
    expect((await dockerOk(direct, ['inspect', '-f', '{{.State.Running}}', ticker])).trim()).toBe('true');

    const ps = [
      'ps',
      '-a',
      '--no-trunc',
      '--filter',
      `label=${run.runLabel}`,
      '--format',
      '{{.ID}}|{{.Image}}|{{.Command}}|{{.Names}}|{{.Labels}}',
    ];
    const psProxy = await dockerOk(proxy, ps);
    expect(psProxy).toContain(ticker);
    expect(psProxy).toBe(await dockerOk(direct, ps));
    expect((await dockerOk(proxy, ['ps', '-a', '--format', '{{.ID}}'])).length).toBeGreaterThan(0);

    expect(JSON.parse(await dockerOk(proxy, ['inspect', ticker]))).toEqual(JSON.parse(await dockerOk(direct, ['inspect', ticker])));

    const stats = ['stats', '--no-stream', '--format', '{{.ID}} {{.Name}}', ticker];
    const statsProxy = await dockerOk(proxy, stats);
    expect(statsProxy).toBe(`${ticker.slice(0, 12)} ${run.name('ticker')}\n`);
    expect(statsProxy).toBe(await dockerOk(direct, stats));
    expect(await dockerOk(proxy, ['stats', '--no-stream', ticker])).toMatch(/^CONTAINER ID\s+NAME\s+CPU %\s+MEM USAGE/);
  });

  it('docker logs -f: lines keep arriving while the container writes', async () => {
    const cli = spawnDocker(proxy, ['logs', '-f', '--tail', '0', ticker]);
    const ticks: number[] = [];
    let buffered = '';
    cli.stdout?.setEncoding('utf8').on('data', (s: string) => {
      buffered += s;
      for (const m of buffered.matchAll(/tick (\d+)\n/g)) ticks.push(Number(m[1]));
      buffered = buffered.slice(buffered.lastIndexOf('\n') + 1);
    });
    try {
      await waitFor('five lines through logs -f', () => ticks.length >= 5, 15_000);
      const seen = ticks.length;
      await waitFor('more lines after that', () => ticks.length >= seen + 3, 15_000);
      expect(ticks).toEqual(Array.from({ length: ticks.length }, (_, i) => (ticks[0] as number) + i));
      expect(cli.exitCode).toBeNull();
    } finally {
      cli.kill('SIGKILL');
    }
  });

  it('docker logs of a finished container: the same stdout and stderr as the socket', async () => {
    const id = await run.startFixture(['sh', '-c', 'for i in $(seq 1 300); do echo "out $i"; echo "err $i" >&2; done']);
    await dockerOk(direct, ['wait', id]);
    const viaProxy = await docker(proxy, ['logs', id]);
    const viaSocket = await docker(direct, ['logs', id]);
    expect(viaProxy.code).toBe(0);
    expect(viaProxy.stdout.split('\n')).toHaveLength(301);
    expect(viaProxy.stderr.split('\n')).toHaveLength(301);
    expect(viaProxy).toEqual(viaSocket);
    // logs -f of a stopped container ends by itself.
    expect((await dockerOk(proxy, ['logs', '-f', id])).split('\n')).toHaveLength(301);
  });

  it('docker exec and docker exec -i with stdin piped', async () => {
    expect(await dockerOk(proxy, ['exec', ticker, 'echo', 'hello from exec'])).toBe('hello from exec\n');
    const piped = await docker(proxy, ['exec', '-i', ticker, 'sh', '-c', 'cat; echo done'], { input: 'line one\nline two\n' });
    expect(piped).toMatchObject({ code: 0, stdout: 'line one\nline two\ndone\n' });
    const direct_ = await docker(direct, ['exec', '-i', ticker, 'sh', '-c', 'cat; echo done'], { input: 'line one\nline two\n' });
    expect(piped).toEqual(direct_);
    const failing = await docker(proxy, ['exec', ticker, 'sh', '-c', 'echo oops >&2; exit 3']);
    expect(failing).toMatchObject({ code: 3, stderr: 'oops\n' });
  });

  it('docker network create, ls, inspect and rm', async () => {
    const name = run.name('net');
    const id = (await dockerOk(proxy, ['network', 'create', ...run.labelArgs, name])).trim();
    expect(id).toMatch(/^[0-9a-f]{64}$/);
    const ls = ['network', 'ls', '--no-trunc', '--filter', `label=${run.runLabel}`, '--format', '{{.ID}} {{.Name}} {{.Driver}} {{.Scope}}'];
    expect(await dockerOk(proxy, ls)).toBe(`${id} ${name} bridge local\n`);
    expect(await dockerOk(proxy, ls)).toBe(await dockerOk(direct, ls));
    expect(JSON.parse(await dockerOk(proxy, ['network', 'inspect', name]))).toEqual(
      JSON.parse(await dockerOk(direct, ['network', 'inspect', name])),
    );
    expect(await dockerOk(proxy, ['network', 'rm', name])).toBe(`${name}\n`);
    expect(await dockerOk(direct, ls)).toBe('');
  });

  it('docker build of a small context gives the same image as building it against the socket', async () => {
    const tag = `porthole-test/cli-build:${run.runId}`;
    const viaProxy = (await dockerOk(proxy, ['build', '-q', '-t', tag, buildContext], { timeoutMs: 120_000 })).trim();
    expect(viaProxy).toMatch(/^sha256:[0-9a-f]{64}$/);
    // The legacy builder's cache makes the same context the same image.
    const viaSocket = (await dockerOk(direct, ['build', '-q', buildContext], { timeoutMs: 120_000 })).trim();
    expect(viaSocket).toBe(viaProxy);
    const out = await dockerOk(proxy, ['run', '--rm', ...run.labelArgs, tag, 'cat', '/hello.txt', '/built.txt']);
    expect(out).toBe(`hello from ${run.runId}\nbuilt-${run.runId}\n`);
  });

  it('engine errors pass through unchanged', async () => {
    const missing = `porthole-test-missing-${run.runId}`;
    const viaProxy = await docker(proxy, ['inspect', missing]);
    expect(viaProxy.code).not.toBe(0);
    expect(viaProxy).toEqual(await docker(direct, ['inspect', missing]));
    const name = run.name('dup');
    await dockerOk(direct, ['create', ...run.labelArgs, '--name', name, FIXTURE_IMAGE]);
    const conflict = await docker(proxy, ['create', ...run.labelArgs, '--name', name, FIXTURE_IMAGE]);
    expect(conflict.code).not.toBe(0);
    expect(conflict.stderr).toMatch(/Conflict\. The container name "\/porthole-test-dup-[0-9a-f]+" is already in use/);
  });

  it('docker rm -f', async () => {
    expect(await dockerOk(proxy, ['rm', '-f', ticker])).toBe(`${ticker}\n`);
    const gone = await docker(direct, ['inspect', ticker]);
    expect(gone.code).not.toBe(0);
    expect(gone.stderr).toMatch(/No such object/);
  });

  it('without the token every command fails with 401', async () => {
    const target = (await dockerOk(direct, ['create', ...run.labelArgs, FIXTURE_IMAGE, 'sleep', '60'])).trim();
    const commands = [
      ['version'],
      ['ps', '-a'],
      ['run', '-d', ...run.labelArgs, FIXTURE_IMAGE, 'true'],
      ['logs', target],
      ['logs', '-f', target],
      ['stats', '--no-stream', target],
      ['inspect', target],
      ['network', 'create', ...run.labelArgs, run.name('unauth')],
      ['network', 'ls'],
      ['network', 'rm', 'bridge'],
      ['build', '-q', buildContext],
      ['exec', target, 'true'],
      ['rm', '-f', target],
    ];
    for (const args of commands) {
      const res = await docker(noToken, args);
      expect(res.code, `docker ${args.join(' ')}`).not.toBe(0);
      expect(res.stderr, `docker ${args.join(' ')}`).toMatch(/401 Unauthorized/);
    }
    // Nothing happened: the container is still there, nothing new was created.
    expect((await dockerOk(direct, ['inspect', '-f', '{{.State.Status}}', target])).trim()).toBe('created');
    expect(await dockerOk(direct, ['network', 'ls', '-q', '--filter', `name=${run.name('unauth')}`])).toBe('');
  });
});
