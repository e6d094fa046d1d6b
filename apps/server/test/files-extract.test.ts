import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { directDocker, dockerOk, testRun } from './docker-cli.ts';
import { cutUpload, rawRequest, tarOf } from './files-http.ts';
import { waitFor } from './harness.ts';
import { useServerProcess } from './support/server-fixture.ts';

/**
 * Security issue item 4: "upload an archive and extract it here" (`docker cp - C:DIR`). The tar is
 * checked whole while it is spooled to a 0600 temp file, which is gone afterwards whatever happened.
 */
describe('upload an archive and extract it here', () => {
  const run = testRun();
  let id: string;
  // The server's temp directory, to watch its spool files.
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'porthole-spool-'));
  const src = fs.mkdtempSync(path.join(os.tmpdir(), 'porthole-tarsrc-'));
  const extract = (dir: string) => `/api/engines/local/containers/${id}/files?path=${encodeURIComponent(dir)}&extract=1`;
  const exec = (...cmd: string[]) => dockerOk(directDocker(), ['exec', id, ...cmd]);
  const spooled = () => fs.readdirSync(tmp).filter((f) => f.startsWith('porthole-upload-'));

  const t = useServerProcess({ env: { LOG_LEVEL: 'warn', PORTHOLE_STATS_SAMPLE_SECONDS: '0', TMPDIR: tmp }, token: 'files-extract', run });

  beforeAll(async () => {
    id = await run.startFixture(['sh', '-c', 'mkdir -p /data /srv && chmod 755 /srv; sleep 600']);
  });
  afterAll(async () => {
    fs.rmSync(tmp, { recursive: true, force: true });
    fs.rmSync(src, { recursive: true, force: true });
  });

  it('extracts a folder and two files', async () => {
    const big = crypto.randomBytes(1 << 20);
    const body = await tarOf([
      { name: 'docs/', type: 'directory' },
      { name: 'docs/readme.txt', content: 'read me\n' },
      { name: 'random.bin', content: big },
    ]);
    for (const ct of ['application/x-tar', 'application/octet-stream', 'text/plain', undefined]) {
      const res = await rawRequest(t.server.url, 'PUT', extract('/data'), { ...t.auth, ...(ct ? { 'content-type': ct } : {}) }, body);
      expect(res.status, res.text).toBe(201);
      expect(JSON.parse(res.text)).toEqual({ path: '/data', entries: 3 });
      expect(await exec('cat', '/data/docs/readme.txt')).toBe('read me\n');
      expect((await exec('md5sum', '/data/random.bin')).split(' ')[0]).toBe(crypto.createHash('md5').update(big).digest('hex'));
      await exec('rm', '-rf', '/data/docs', '/data/random.bin');
    }
    expect(spooled()).toEqual([]);
  });

  it('extracts what GNU tar makes of a folder, leaving the target folder’s own mode alone', async () => {
    fs.mkdirSync(path.join(src, 'site/css'), { recursive: true });
    fs.writeFileSync(path.join(src, 'site/index.html'), '<h1>hi</h1>\n');
    fs.writeFileSync(path.join(src, 'site/css/app.css'), 'h1 { color: teal }\n');
    fs.symlinkSync('site/index.html', path.join(src, 'home.html'));
    fs.chmodSync(src, 0o700);
    // Entries ./, ./site/, ./site/index.html, ./home.html -> site/index.html, …
    const body = execFileSync('tar', ['-cf', '-', '-C', src, '.']);
    const res = await rawRequest(t.server.url, 'PUT', extract('/srv'), { ...t.auth, 'content-type': 'application/x-tar' }, body);
    expect(res.status, res.text).toBe(201);
    expect(await exec('cat', '/srv/site/css/app.css')).toBe('h1 { color: teal }\n');
    expect(await exec('cat', '/srv/home.html')).toBe('<h1>hi</h1>\n');
    expect((await exec('stat', '-c', '%a', '/srv')).trim()).toBe('755');
  });

  it('spools to a 0600 temp file while the archive arrives, and deletes it afterwards', async () => {
    const body = await tarOf([{ name: 'slow.bin', content: crypto.randomBytes(4 << 20) }]);
    const half = body.length / 2;
    const { hostname, port } = new URL(t.server.url);
    const socket = net.connect(Number(port), hostname);
    let answer = '';
    socket.setEncoding('latin1').on('data', (s: string) => {
      answer += s;
    });
    await new Promise((resolve) => socket.once('connect', resolve));
    const head = Object.entries({ ...t.auth, 'content-length': String(body.length), connection: 'close' })
      .map(([k, v]) => `${k}: ${v}\r\n`)
      .join('');
    socket.write(`PUT ${extract('/data')} HTTP/1.1\r\nhost: ${hostname}\r\n${head}\r\n`);
    socket.write(body.subarray(0, half));
    const [file] = await waitFor('the spool file', () => spooled().length === 1 && spooled());
    expect(fs.statSync(path.join(tmp, file as string)).mode & 0o777).toBe(0o600);
    // Nothing reached the container before the whole archive was checked.
    expect(await exec('sh', '-c', 'ls /data/slow.bin 2>/dev/null || echo none')).toBe('none\n');
    // Not end(): a half-closed connection is a client that left (Node answers it no more).
    socket.write(body.subarray(half));
    await waitFor('the answer', () => answer.includes('\r\n\r\n{') && answer.endsWith('}'));
    expect(answer).toMatch(/^HTTP\/1.1 201 /);
    socket.destroy();
    expect((await exec('stat', '-c', '%s', '/data/slow.bin')).trim()).toBe(String(4 << 20));
    expect(spooled()).toEqual([]);
  });

  it('deletes the spool file of a refused, a cut-short and a too large archive', async () => {
    const bad = await tarOf([
      { name: 'ok.txt', content: 'x'.repeat(100_000) },
      { name: '../escape', content: 'x' },
    ]);
    const refused = await rawRequest(t.server.url, 'PUT', extract('/data'), t.auth, bad);
    expect(refused.status).toBe(400);
    expect(refused.message).toMatch(/climbs out of the folder/);
    expect(spooled()).toEqual([]);

    const good = await tarOf([{ name: 'cut.bin', content: crypto.randomBytes(1 << 20) }]);
    const { hostname, port } = new URL(t.server.url);
    const socket = net.connect(Number(port), hostname);
    await new Promise((resolve) => socket.once('connect', resolve));
    const head = Object.entries({ ...t.auth, 'content-length': String(good.length) })
      .map(([k, v]) => `${k}: ${v}\r\n`)
      .join('');
    socket.write(`PUT ${extract('/data')} HTTP/1.1\r\nhost: ${hostname}\r\n${head}\r\n`);
    socket.write(good.subarray(0, good.length / 2));
    await waitFor('the spool file', () => spooled().length === 1);
    socket.destroy();
    await waitFor('the spool file to be deleted', () => spooled().length === 0, 5_000);
    expect(await exec('sh', '-c', 'ls /data/cut.bin 2>/dev/null || echo none')).toBe('none\n');

    const tooLarge = await cutUpload(t.server.url, extract('/data'), t.auth, 2 ** 30 + 1, 1000, (received) =>
      waitFor('the 413 answer', () => received().includes('\r\n\r\n{')),
    );
    expect(tooLarge).toMatch(/^HTTP\/1.1 413 /);
    expect(spooled()).toEqual([]);
    expect((await rawRequest(t.server.url, 'GET', '/api/health', {})).status).toBe(200);
  });

  it('answers the engine’s status and message for a missing folder', async () => {
    const body = await tarOf([{ name: 'x.txt', content: 'x' }]);
    const res = await rawRequest(t.server.url, 'PUT', extract('/no/such/folder'), t.auth, body);
    expect(res.status).toBe(404);
    expect(res.message).toMatch(/no\/such\/folder/);
    expect(spooled()).toEqual([]);
  });
});
