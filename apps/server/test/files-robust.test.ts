import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { directDocker, dockerOk, testRun } from './docker-cli.ts';
import { cutUpload, rawRequest, socketCounts } from './files-http.ts';
import { waitFor } from './harness.ts';
import { type ServerProcess, startServerProcess } from './server-process.ts';

/**
 * Security issue items 2 and 3, against a real server process (a crash is its exit, not a test
 * runner's caught error): uploads of any content type arrive intact, truncated and cancelled
 * uploads neither crash the process nor keep the container locked in the engine nor leak sockets.
 */
describe('uploads of any content type, cut short or cancelled', () => {
  const run = testRun();
  let server: ServerProcess;
  let auth: Record<string, string>;
  let id: string;
  let exited = false;
  const upload = (name: string) => `/api/engines/local/containers/${id}/files?path=/tmp&name=${name}`;

  const contentTypes: Array<string | undefined> = [
    'text/plain',
    'application/json',
    'application/x-www-form-urlencoded',
    'multipart/form-data; boundary=----porthole1234',
    'application/xml',
    'image/png',
    undefined,
    'garbage',
    'application/json; charset=utf-8',
    'text/html',
    'application/octet-stream',
    'application/x-tar',
  ];
  const withType = (ct: string | undefined): Record<string, string> => ({ ...auth, ...(ct === undefined ? {} : { 'content-type': ct }) });

  /** The server answers /api/health (on its own connection) and has not exited. */
  const healthy = async () => {
    expect(exited, `the server exited:\n${server.output().slice(-3000)}`).toBe(false);
    const res = await rawRequest(server.url, 'GET', '/api/health', {});
    expect(res.status).toBe(200);
  };

  beforeAll(async () => {
    // No background sampling: the socket count is the uploads' alone.
    server = await startServerProcess({ LOG_LEVEL: 'info', PORTHOLE_STATS_SAMPLE_SECONDS: '0' });
    server.child.once('exit', () => {
      exited = true;
    });
    auth = { authorization: `Bearer ${await server.createToken(await server.login(), 'files-robust')}` };
    id = await run.startFixture(['sh', '-c', 'mkdir -p /tmp; sleep 600']);
  });
  afterAll(async () => {
    await server?.stop();
    await run.cleanup();
  });

  it.each(contentTypes.map((ct, i) => [ct ?? '(none)', ct, i] as const))('a file sent as %s arrives intact', async (_label, ct, i) => {
    const bytes = crypto.randomBytes(200_000 + i);
    // A JSON-looking start: a parser that read the body would have had something to chew on.
    bytes.write('{"a": 1}\n', 0);
    const res = await rawRequest(server.url, 'PUT', upload(`ct-${i}.bin`), withType(ct), bytes);
    expect(res.status, res.text).toBe(201);
    const md5 = (await dockerOk(directDocker(), ['exec', id, 'md5sum', `/tmp/ct-${i}.bin`])).split(' ')[0];
    expect(md5).toBe(crypto.createHash('md5').update(bytes).digest('hex'));
    await healthy();
  });

  it.each(contentTypes.map((ct) => [ct ?? '(none)', ct] as const))('a truncated upload sent as %s crashes nothing', async (_label, ct) => {
    await cutUpload(server.url, upload('truncated.bin'), withType(ct), 100_000, 10_000);
    await healthy();
    // A body claiming more than it has, closed at once after its head.
    await cutUpload(server.url, upload('truncated.bin'), withType(ct), 5_000, 0);
    await healthy();
  });

  it('a body without a length, or one too large, is refused in words', async () => {
    const chunked = await rawRequest(server.url, 'PUT', upload('chunked.bin'), { ...auth, 'transfer-encoding': 'chunked' }, 'abc');
    expect(chunked.status).toBe(411);
    expect(chunked.message).toMatch(/Content-Length/);
    const tooLarge = await cutUpload(server.url, upload('big.bin'), auth, 2 ** 31, 1000, (received) =>
      waitFor('the 413 answer', () => received().includes('\r\n\r\n{')),
    );
    expect(tooLarge).toMatch(/^HTTP\/1.1 413 /);
    expect(tooLarge).toMatch(/larger than 1 GiB/);
    await healthy();
  });

  it('20 cancelled uploads leave the container free and no engine socket behind', async () => {
    const POOL_SLACK = 2;
    // An engine connection in the pool, as after any upload.
    const warm = await rawRequest(server.url, 'PUT', upload('warm.txt'), withType('text/plain'), 'warm\n');
    expect(warm.status, warm.text).toBe(201);
    const port = Number(new URL(server.url).port);
    const sockets = () => socketCounts(server.pid, port);
    const own = (n: { total: number; inbound: number }) => n.total - n.inbound;
    // Steady: the warm-up's connection closed.
    const before = await waitFor('a steady socket count', () => {
      const a = sockets();
      const b = sockets();
      return a.total === b.total && a.inbound === b.inbound && a;
    });
    const started = () => (server.output().match(/"method":"PUT","url":"[^"]*files\?path=\/tmp&name=cancelled/g) ?? []).length;
    for (let i = 0; i < 20; i++) {
      const seen = started();
      // 1 MB of a declared 50 MB, then the client is gone (once the server has begun the upload).
      await cutUpload(server.url, upload(`cancelled-${i}.bin`), withType('application/octet-stream'), 50 << 20, 1 << 20, () =>
        waitFor('the server to start the upload', () => started() > seen, 10_000),
      );
      // The server lets go of both ends: the client's connection and the engine call it started.
      // The engine pool keeps an idle connection for every call that ran beside another (the
      // host-access check's inspects beside the stats sampler's): it may grow by a couple, never
      // by one per upload — a leaked call would pass that slack within three uploads.
      await waitFor(`the sockets of cancelled upload ${i} to close`, () => {
        const now = sockets();
        return now.inbound <= before.inbound && own(now) <= own(before) + POOL_SLACK;
      });
    }
    const t0 = Date.now();
    const inspect = await new Promise<number | null>((resolve) => {
      const child = spawn('docker', ['inspect', '--format', '{{.State.Running}}', id], { stdio: 'ignore' });
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      child.on('close', (code) => {
        clearTimeout(timer);
        resolve(code);
      });
    });
    expect(inspect).toBe(0);
    expect(Date.now() - t0).toBeLessThan(2_000);
    // The engine lets go of the container: a new upload to it goes through.
    const again = await rawRequest(server.url, 'PUT', upload('after.txt'), withType('text/plain'), 'after\n');
    expect(again.status, again.text).toBe(201);
    await healthy();
    // Every socket: the server's own (engine, listener, stdio) and its clients' connections.
    const after = await waitFor(
      `the server's sockets back to ${before.total}`,
      () => {
        const now = sockets();
        return now.total <= before.total && own(now) <= own(before) && now;
      },
      5_000,
    );
    expect(after.total).toBeLessThanOrEqual(before.total);
  });
});
