import { Readable } from 'node:stream';
import tar from 'tar-stream';
import { beforeAll, describe, expect, it } from 'vitest';
import { FIXTURE_IMAGE, directDocker, dockerOk, testRun } from './docker-cli.ts';
import { useTestServer } from './support/server-fixture.ts';
import { addMember } from './team.ts';

/** The names and contents of a tar's files. */
async function tarFiles(bytes: Buffer): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  const extract = tar.extract();
  await new Promise<void>((resolve, reject) => {
    extract.on('entry', (h, stream, next) => {
      const parts: Buffer[] = [];
      stream.on('data', (c: unknown) => parts.push(c as Buffer));
      stream.on('end', () => {
        if (h.type === 'file') out[h.name] = Buffer.concat(parts).toString();
        next();
      });
    });
    extract.on('finish', resolve);
    extract.on('error', reject);
    Readable.from([bytes]).pipe(extract);
  });
  return out;
}

describe("a volume's files download as `docker cp` would copy them out", () => {
  const run = testRun();
  const t = useTestServer({ run });
  const volume = run.name('vol');
  const url = (p: string) => `/api/engines/local/volumes/${volume}/files/download?path=${encodeURIComponent(p)}`;

  beforeAll(async () => {
    await dockerOk(directDocker(), ['volume', 'create', ...run.labelArgs, volume]);
    // A stopped container that wrote the files is the one they are read through.
    await dockerOk(directDocker(), [
      'run',
      ...run.labelArgs,
      '-v',
      `${volume}:/data`,
      FIXTURE_IMAGE,
      'sh',
      '-c',
      'printf "hello volume\\n" > /data/a.txt && mkdir /data/sub && printf x > /data/sub/b.bin && printf "odd" > "/data/sp ace.txt"',
    ]);
  });

  it('a file as its bytes, named after it, with its length', async () => {
    for (const [p, body, file] of [
      ['/a.txt', 'hello volume\n', 'a.txt'],
      ['a.txt', 'hello volume\n', 'a.txt'],
      ['/sub/b.bin', 'x', 'b.bin'],
      ['/sub/../a.txt', 'hello volume\n', 'a.txt'],
      ['/sp ace.txt', 'odd', 'sp_ace.txt'],
    ] as const) {
      const res = await t.server.fetch(url(p), { headers: { cookie: t.cookie } });
      expect(res.status, p).toBe(200);
      expect(res.headers.get('content-disposition')).toBe(`attachment; filename="${file}"`);
      expect(res.headers.get('content-length')).toBe(String(Buffer.byteLength(body)));
      expect(await res.text()).toBe(body);
    }
  });

  it('a folder as a tar; the whole volume as <volume>.tar', async () => {
    const sub = await t.server.fetch(url('/sub'), { headers: { cookie: t.cookie } });
    expect(sub.status).toBe(200);
    expect(sub.headers.get('content-disposition')).toBe('attachment; filename="sub.tar"');
    expect(await tarFiles(Buffer.from(await sub.arrayBuffer()))).toEqual({ 'sub/b.bin': 'x' });
    const root = await t.server.fetch(url('/'), { headers: { cookie: t.cookie } });
    expect(root.headers.get('content-disposition')).toBe(`attachment; filename="${volume}.tar"`);
    expect(await tarFiles(Buffer.from(await root.arrayBuffer()))).toEqual({
      'data/a.txt': 'hello volume\n',
      'data/sub/b.bin': 'x',
      'data/sp ace.txt': 'odd',
    });
  });

  it('refuses what it cannot copy, in plain words: a missing path (a path that climbs stays inside the volume), a volume nobody mounts, a viewer', async () => {
    const missing = await t.server.fetch(url('/nope.txt'), { headers: { cookie: t.cookie } });
    expect(missing.status).toBe(404);
    expect(((await missing.json()) as { message: string }).message).toBe('/nope.txt: no such file or folder');
    // A path that climbs stays inside the volume: never the container's own /etc/passwd.
    for (const p of ['/../etc/passwd', '../../etc/passwd', '/sub/../../../etc/passwd']) {
      const out = await t.server.fetch(url(p), { headers: { cookie: t.cookie } });
      expect(out.status, p).toBe(404);
      expect(((await out.json()) as { message: string }).message).toBe('/etc/passwd: no such file or folder');
    }
    const climbed = await t.server.fetch(url('/../../a.txt'), { headers: { cookie: t.cookie } });
    expect(await climbed.text()).toBe('hello volume\n');
    const lonely = run.name('lonely');
    await dockerOk(directDocker(), ['volume', 'create', ...run.labelArgs, lonely]);
    const none = await t.server.fetch(`/api/engines/local/volumes/${lonely}/files/download?path=/`, { headers: { cookie: t.cookie } });
    expect(none.status).toBe(409);
    expect(((await none.json()) as { message: string }).message).toMatch(/No container mounts the volume/);
    const viewer = await addMember(t.server.url, t.cookie, 'volume-files-viewer', 'viewer');
    const refused = await t.server.fetch(url('/a.txt'), { headers: { authorization: `Bearer ${viewer.token}` } });
    expect(refused.status).toBe(403);
    expect(((await refused.json()) as { message: string }).message).toMatch(/viewer may not copy files out of volumes/);
  });
});
