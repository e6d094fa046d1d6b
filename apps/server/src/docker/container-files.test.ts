import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../http/api-error.ts';
import type { IncomingMessage } from 'node:http';
import tar from 'tar-stream';
import { listArchive, putFile } from './container-files.ts';
import { FakeEngine } from './fake-engine.ts';

describe('putFile', () => {
  it.each(['..', '.', '', 'a/..', '../x', 'x\0y', '..\0', 'a\\..'])('refuses the name %j itself, whoever calls it', async (name) => {
    // The name is refused before any engine call.
    const engine = new FakeEngine();
    const err = await putFile(engine, 'c', '/tmp', name, 1, Readable.from(['x'])).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect(err).toMatchObject({ status: 400 });
    expect((err as Error).message).toMatch(/name/i);
    expect(engine.calls).toEqual([]);
  });
});

describe('listArchive', () => {
  /** A directory's archive as the engine sends it: `data/`, a small file, `size` bytes of one more, a last file. */
  function archiveWith(size: number): { stream: Readable; written: () => number } {
    const pack = tar.pack();
    let written = 0;
    pack.entry({ name: 'data', type: 'directory' });
    pack.entry({ name: 'data/a.txt' }, 'a');
    const big = pack.entry({ name: 'data/big.bin', size }, (err) => {
      if (err || pack.destroyed) return; // the listing stopped reading: as it should
      pack.entry({ name: 'data/z.txt' }, 'after the big one');
      pack.finalize();
    });
    const chunk = Buffer.alloc(1 << 20);
    void (async () => {
      while (written < size && !pack.destroyed) {
        const n = Math.min(chunk.length, size - written);
        written += n;
        if (!big.write(n === chunk.length ? chunk : chunk.subarray(0, n)))
          await new Promise<void>((r) => big.once('drain', () => r()).once('close', () => r()));
      }
      big.end(Buffer.alloc(0));
    })();
    // A Node stream, as the engine's answer is (tar-stream's own streams are streamx ones).
    return { stream: Readable.from(pack), written: () => written };
  }

  it('lists a folder of a 1 GB file without reading the gigabyte: it stops at the read limit and says so', async () => {
    const size = 1 << 30;
    const { stream, written } = archiveWith(size);
    const engine = new FakeEngine().answer('getArchive', async () => stream as IncomingMessage);
    const { entries, truncated } = await listArchive(engine, 'c', '/data');
    expect(truncated).toBe(true);
    expect(entries.map((e) => [e.name, e.type, e.size])).toEqual([
      ['a.txt', 'file', 1],
      ['big.bin', 'file', size],
    ]);
    // 256 MiB read at most (plus what was in flight), not the whole file.
    expect(written()).toBeLessThan(size / 2);
  });

  it('lists every direct child (folders first) when the archive ends before the limit, and keeps out deeper entries', async () => {
    const pack = tar.pack();
    pack.entry({ name: 'data', type: 'directory' });
    pack.entry({ name: 'data/sub', type: 'directory' });
    pack.entry({ name: 'data/sub/deep.txt' }, 'deep');
    pack.entry({ name: 'data/b.txt', mode: 0o640 }, 'bb');
    pack.entry({ name: 'data/link', type: 'symlink', linkname: 'b.txt' });
    pack.finalize();
    const engine = new FakeEngine().answer('getArchive', async () => Readable.from(pack) as IncomingMessage);
    const { entries, truncated } = await listArchive(engine, 'c', '/data');
    expect(truncated).toBe(false);
    expect(entries.map((e) => `${e.type} ${e.name}${e.linkTarget ? ` -> ${e.linkTarget}` : ''}`)).toEqual([
      'directory sub',
      'file b.txt',
      'symlink link -> b.txt',
    ]);
    expect(entries.find((e) => e.name === 'b.txt')?.mode).toBe(0o640);
  });

  /** The engine's answer carrying all of `tarball` and its end in one read, as a socket delivers a small folder. */
  const deliveries: Record<string, (go: () => void) => void> = {
    'at once': (go) => go(),
    'on the next tick': (go) => process.nextTick(go),
    'on a later turn of the loop': (go) => setImmediate(go),
  };

  it.each([2, 5, 30, 400].flatMap((n) => Object.keys(deliveries).map((when) => [n, when] as const)))(
    'lists all %i children of a folder whose archive arrives whole with its end, %s (as /etc of a new container)',
    async (n, when) => {
      const pack = tar.pack();
      pack.entry({ name: 'etc', type: 'directory' });
      const names = Array.from({ length: n }, (_, i) => `f${String(i).padStart(3, '0')}`);
      for (const [i, name] of names.entries()) pack.entry({ name: `etc/${name}` }, 'x'.repeat((i * 37) % 700));
      pack.finalize();
      const chunks: Buffer[] = [];
      for await (const c of pack) chunks.push(c as Buffer);
      // The answer ends and closes (next ticks) while the tar parser (microtasks) is on its first
      // entries: the listing is what the parser read, once it has read it all.
      const answer = new Readable({ read() {} });
      deliveries[when]?.(() => {
        answer.push(Buffer.concat(chunks));
        answer.push(null);
      });
      const engine = new FakeEngine().answer('getArchive', async () => answer as IncomingMessage);
      const { entries, truncated } = await listArchive(engine, 'c', '/etc');
      expect(truncated).toBe(false);
      expect(entries.map((e) => e.name)).toEqual(names);
    },
  );

  it('stops at the entry limit at once (truncated), and a listing the engine breaks off settles (never left pending)', async () => {
    // Five children, then a body that never ends: only the limit can end this listing.
    const pack = tar.pack();
    pack.entry({ name: 'data', type: 'directory' });
    for (const n of ['a', 'b', 'c', 'd', 'e']) pack.entry({ name: `data/${n}` }, n);
    pack.entry({ name: 'data/z', size: 1 << 30 });
    const stream = Readable.from(pack);
    const engine = new FakeEngine().answer('getArchive', async () => stream as IncomingMessage);
    const listed = await listArchive(engine, 'c', '/data', undefined, 3);
    expect(listed).toEqual({ truncated: true, entries: expect.any(Array) });
    expect(listed.entries.map((e) => e.name)).toEqual(['a', 'b', 'c']);
    expect(stream.destroyed).toBe(true);

    // The engine's stream breaks off in the middle of the listing: an error, at once.
    const broken = new Readable({ read() {} });
    const head = tar.pack();
    head.entry({ name: 'data', type: 'directory' });
    head.entry({ name: 'data/a' }, 'a');
    head.on('data', (c: unknown) => broken.push(c));
    setTimeout(() => broken.destroy(), 50);
    const engine2 = new FakeEngine().answer('getArchive', async () => broken as IncomingMessage);
    await expect(listArchive(engine2, 'c', '/data')).rejects.toThrow('The listing was cancelled');
  });
});
