import net from 'node:net';
import { Readable } from 'node:stream';
import tar from 'tar-stream';
import { beforeAll, describe, expect, it } from 'vitest';
import { directDocker, docker, dockerOk, testRun } from './docker-cli.ts';
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

  const holder = run.name('holder');

  beforeAll(async () => {
    // A stopped container that wrote the files is the one they are read through.
    await run.fillVolume(
      volume,
      holder,
      'printf "hello volume\\n" > /data/a.txt && mkdir /data/sub && printf x > /data/sub/b.bin && printf "odd" > "/data/sp ace.txt" && dd if=/dev/zero of=/data/big bs=1M count=8 2>/dev/null && ln -s ../../etc/passwd /data/pw && printf u > "/data/ünï €.txt"',
    );
  });

  it('a file as its bytes, named after it, with its length', async () => {
    for (const [p, body, file] of [
      ['/a.txt', 'hello volume\n', 'filename="a.txt"'],
      ['a.txt', 'hello volume\n', 'filename="a.txt"'],
      ['/sub/b.bin', 'x', 'filename="b.bin"'],
      ['/sub/../a.txt', 'hello volume\n', 'filename="a.txt"'],
      ['/sp ace.txt', 'odd', `filename="sp_ace.txt"; filename*=UTF-8''sp%20ace.txt`],
      ['/ünï €.txt', 'u', `filename="_n_.txt"; filename*=UTF-8''%C3%BCn%C3%AF%20%E2%82%AC.txt`],
    ] as const) {
      const res = await t.server.fetch(url(p), { headers: { cookie: t.cookie } });
      expect(res.status, p).toBe(200);
      // The safe name for every browser, and the name as it is (UTF-8) for those that read it.
      expect(res.headers.get('content-disposition')).toBe(`attachment; ${file}`);
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
    const all = await tarFiles(Buffer.from(await root.arrayBuffer()));
    expect(Object.keys(all).sort()).toEqual(['data/a.txt', 'data/big', 'data/sp ace.txt', 'data/sub/b.bin', 'data/ünï €.txt']);
    expect(all['data/sub/b.bin']).toBe('x');
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
    // Paths the engine would answer with a bare 500: a NUL byte, a name longer than Linux allows.
    for (const [p, why] of [
      ['a.txt\0.jpg', /NUL byte/],
      [`/${'a'.repeat(300)}`, /longer than 255 bytes/],
    ] as const) {
      const bad = await t.server.fetch(url(p), { headers: { cookie: t.cookie } });
      expect(bad.status, p).toBe(400);
      expect(((await bad.json()) as { message: string }).message).toMatch(why);
    }
    const link = await t.server.fetch(url('/pw'), { headers: { cookie: t.cookie } });
    expect(link.status).toBe(404);
    expect(((await link.json()) as { message: string }).message).toBe('/pw is a symbolic link to /etc/passwd: download what it points to');
    const noVolume = await t.server.fetch(`/api/engines/local/volumes/${run.name('never')}/files/download?path=/`, {
      headers: { cookie: t.cookie },
    });
    expect(noVolume.status).toBe(404);
    expect(((await noVolume.json()) as { message: string }).message).toMatch(/no such volume/i);
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

  it('a download the client leaves — at once or halfway — ends the engine call: the container stays usable', async () => {
    const port = new URL(t.server.url).port;
    /** Sends the request on a raw connection and closes it after `wait` ms (0: at once) or after the first bytes. */
    const leave = (path: string, when: 'at once' | 'after the first bytes') =>
      new Promise<void>((resolve, reject) => {
        const socket = net.connect(Number(port), '127.0.0.1', () => {
          socket.write(`GET ${path} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nCookie: ${t.cookie}\r\n\r\n`);
          if (when === 'at once') setImmediate(() => socket.destroy());
        });
        socket.once('data', () => socket.destroy());
        socket.on('close', () => resolve());
        socket.on('error', reject);
      });
    const paths = [url('/big'), url('/'), `/api/engines/local/containers/${holder}/files/download?path=/data/big`];
    for (const path of paths) {
      for (const when of ['at once', 'after the first bytes'] as const) {
        // Several at once, as impatient clicks or a script would.
        await Promise.all(Array.from({ length: 5 }, () => leave(path, when)));
        // The engine still answers for the container (it waited forever on an unread archive before).
        const inspect = await docker(directDocker(), ['inspect', '--format', '{{.Name}}', holder], { timeoutMs: 10_000 });
        expect(inspect.code, `${path} ${when}: docker inspect ${inspect.stderr}`).toBe(0);
      }
    }
    // And a whole download still works afterwards.
    const res = await t.server.fetch(url('/big'), { headers: { cookie: t.cookie } });
    expect((await res.arrayBuffer()).byteLength).toBe(8 << 20);
  });
});
