import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { directDocker, docker, dockerOk, testRun } from './docker-cli.ts';
import { rawRequest, type TarEntry, tarOf } from './files-http.ts';
import { useTestServer } from './support/server-fixture.ts';

/**
 * Security issue items 2 and 5: no upload name and no archive entry reaches outside the target
 * folder. `name=..` into /tmp once deleted the container's root filesystem, its volumes and the
 * files of a host bind mount; here every such upload aims at a bind mount (/data) and at /, and
 * the host file, the container and its shell survive.
 */
describe('uploads that would leave their folder are refused', () => {
  const run = testRun();
  const t = useTestServer({ token: 'files-refused', run });
  let id: string;
  const host = fs.mkdtempSync(path.join(os.tmpdir(), 'porthole-bind-'));
  const keep = path.join(host, 'keep.txt');
  const base = () => `/api/engines/local/containers/${id}/files`;
  const put = (query: string, body: Buffer | string, headers: Record<string, string> = {}) =>
    rawRequest(t.server.url, 'PUT', `${base()}?${query}`, { ...t.auth, 'content-type': 'application/octet-stream', ...headers }, body);

  beforeAll(async () => {
    fs.writeFileSync(keep, 'precious\n');
    fs.chmodSync(host, 0o777);
    id = await run.startFixture(['sh', '-c', 'mkdir -p /tmp; sleep 600'], ['-v', `${host}:/data`]);
  });
  afterAll(async () => {
    fs.rmSync(host, { recursive: true, force: true });
  });

  const targets = ['/data', '/', '/tmp', '/data/'];
  const names = ['..', '.', 'a/..', '', 'x\0y', '..\0', '../data', 'a\\..', '/'];

  it.each(names)('refuses the file name %j with 400 and a readable message', async (name) => {
    for (const target of targets) {
      const res = await put(`path=${encodeURIComponent(target)}&name=${encodeURIComponent(name)}`, 'overwritten\n');
      expect(res.status, `${target} ${JSON.stringify(name)}: ${res.text}`).toBe(400);
      expect(res.message).toMatch(/file name/i);
    }
  });

  it('says why an upload without a name is refused', async () => {
    const res = await put('path=/data', 'x');
    expect(res.status).toBe(400);
    expect(res.message).toMatch(/name/);
  });

  const archives: Array<[string, TarEntry[], RegExp]> = [
    ['a ../ entry', [{ name: '../x', content: 'x' }], /climbs/],
    ['an a/../../b entry', [{ name: 'a/../../b', content: 'x' }], /climbs/],
    ['an absolute /etc/x entry', [{ name: '/etc/x', content: 'x' }], /absolute/],
    ['a hard link to ../../x', [{ name: 'h', type: 'link', linkname: '../../x' }], /climbs/],
    ['a hard link to /etc/shadow', [{ name: 'h', type: 'link', linkname: '/etc/shadow' }], /absolute/],
    ['an entry named ..', [{ name: '..', content: 'x' }], /climbs/],
    ['a file entry for the folder itself', [{ name: './', content: 'x' }], /folder itself/],
    [
      'an entry behind a symlink of the archive',
      [
        { name: 'l', type: 'symlink', linkname: '/' },
        { name: 'l/etc/x', content: 'x' },
      ],
      /behind/,
    ],
    ['a fifo', [{ name: 'p', type: 'fifo' }], /only files/],
    ['a device', [{ name: 'null', type: 'character-device' }], /only files/],
  ];

  it.each(archives)('refuses an archive with %s, before anything reaches the engine', async (what, entries, why) => {
    // A good entry first: had the archive been streamed while it was checked, it would be there.
    const body = await tarOf([{ name: `first-${archives.findIndex((a) => a[0] === what)}.txt`, content: 'first\n' }, ...entries]);
    for (const target of ['/data', '/']) {
      const res = await put(`path=${encodeURIComponent(target)}&extract=1`, body, { 'content-type': 'application/x-tar' });
      expect(res.status, res.text).toBe(400);
      expect(res.message).toMatch(/^The archive was refused: /);
      expect(res.message).toMatch(why);
    }
    expect(fs.readdirSync(host)).toEqual(['keep.txt']);
    const first = await docker(directDocker(), ['exec', id, 'sh', '-c', 'ls /first-* 2>/dev/null || echo none']);
    expect(first.stdout.trim()).toBe('none');
  });

  it('refuses what is not a tar, and an empty archive, with a readable message', async () => {
    const notTar = await put('path=/data&extract=1', 'just some text, not a tar archive at all'.repeat(20));
    expect(notTar.status).toBe(400);
    expect(notTar.message).toMatch(/not a valid tar archive/);
    const empty = await put('path=/data&extract=1', Buffer.alloc(1024));
    expect(empty.status).toBe(400);
    expect(empty.message).toMatch(/no entries/);
  });

  it('after all of that, the host file, the container and its shell are still there', async () => {
    expect(fs.readFileSync(keep, 'utf8')).toBe('precious\n');
    expect(fs.readdirSync(host)).toEqual(['keep.txt']);
    const state = JSON.parse(await dockerOk(directDocker(), ['inspect', '--format', '{{json .State}}', id])) as { Running: boolean };
    expect(state.Running).toBe(true);
    expect((await dockerOk(directDocker(), ['exec', id, 'ls', '/bin/sh'])).trim()).toBe('/bin/sh');
    expect((await dockerOk(directDocker(), ['exec', id, 'cat', '/data/keep.txt'])).trim()).toBe('precious');
    // And a good upload into the bind mount still works.
    const ok = await put('path=/data&name=fine.txt', 'fine\n');
    expect(ok.status, ok.text).toBe(201);
    expect(fs.readFileSync(path.join(host, 'fine.txt'), 'utf8')).toBe('fine\n');
  });

  it('the engine refuses to replace a folder with a file (noOverwriteDirNonDir)', async () => {
    // `data` is a legal name, but in / it is the bind mount: as a file it would replace it.
    const res = await put('path=/&name=data', 'not a folder\n');
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.message).toMatch(/cannot overwrite directory/);
    expect(fs.readFileSync(keep, 'utf8')).toBe('precious\n');
  });
});
