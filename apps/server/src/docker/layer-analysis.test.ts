import { Readable } from 'node:stream';
import tar from 'tar-stream';
import { describe, expect, it } from 'vitest';
import { findFileInExport, readImageExport } from './image-export.ts';
import { analyseExport, replayLayers, treeEntries } from './layer-analysis.ts';

type FileSpec = { name: string; size?: number; content?: string; type?: 'directory' | 'symlink'; linkname?: string };

async function tarOf(
  files: Array<{ name: string; data?: Buffer; type?: 'file' | 'directory' | 'symlink'; linkname?: string }>,
): Promise<Buffer> {
  const pack = tar.pack();
  const chunks: Buffer[] = [];
  pack.on('data', (c: unknown) => {
    chunks.push(c as Buffer);
  });
  const done = new Promise<void>((r) => {
    pack.on('end', () => r());
  });
  for (const f of files) {
    if (f.type === 'directory' || f.type === 'symlink') pack.entry({ name: f.name, type: f.type, linkname: f.linkname });
    else pack.entry({ name: f.name }, f.data ?? Buffer.alloc(0));
  }
  pack.finalize();
  await done;
  return Buffer.concat(chunks);
}

const layerTar = (files: FileSpec[]) =>
  tarOf(
    files.map((f) => ({
      name: f.name,
      type: f.type,
      linkname: f.linkname,
      data: f.content !== undefined ? Buffer.from(f.content) : Buffer.alloc(f.size ?? 0, 1),
    })),
  );

/** A `docker save`-shaped export: `<n>/layer.tar`, `<config>.json`, `manifest.json`. */
async function imageExport(layers: FileSpec[][], history: Array<{ created_by: string; empty_layer?: boolean }>, user = '') {
  const files: Array<{ name: string; data: Buffer }> = [];
  for (const [i, l] of layers.entries()) files.push({ name: `l${i}/layer.tar`, data: await layerTar(l) });
  const config = { config: { User: user }, history, rootfs: { type: 'layers', diff_ids: layers.map((_, i) => `sha256:d${i}`) } };
  files.push({ name: 'cfg.json', data: Buffer.from(JSON.stringify(config)) });
  files.push({
    name: 'manifest.json',
    data: Buffer.from(JSON.stringify([{ Config: 'cfg.json', RepoTags: ['t:1'], Layers: layers.map((_, i) => `l${i}/layer.tar`) }])),
  });
  return tarOf(files);
}

const MB = 1_000_000;

describe('layer analysis', () => {
  it('reads layers, whiteouts and opaque dirs, and computes wasted space and efficiency', async () => {
    const buf = await imageExport(
      [
        [
          { name: 'bin/', type: 'directory' },
          { name: 'bin/sh', size: 1000 },
          { name: 'etc/conf', content: 'a=1\n' },
          { name: 'opt/x/1', size: 10 },
        ],
        [
          { name: 'tmp/big', size: 5 * MB },
          { name: 'var/lib/apt/lists/deb_Packages', size: 3000 },
          { name: 'var/lib/apt/lists/lock', size: 0 },
        ],
        [
          { name: 'tmp/.wh.big' },
          { name: 'etc/conf', content: 'a=2\nb=3\n' },
          { name: 'opt/x/.wh..wh..opq' },
          { name: 'opt/x/2', size: 20 },
        ],
        [{ name: 'a', size: 1 }],
      ],
      [
        { created_by: '/bin/sh -c #(nop) COPY dir:abc in / ' },
        { created_by: '/bin/sh -c #(nop)  ENV A=1', empty_layer: true },
        { created_by: '/bin/sh -c dd if=/dev/zero of=/tmp/big bs=1M count=5 && apt-get update' },
        { created_by: '/bin/sh -c rm /tmp/big' },
        { created_by: '/bin/sh -c echo > /a' },
      ],
    );
    const exp = await readImageExport(Readable.from([buf]));
    expect(exp.layers).toHaveLength(4);
    const a = analyseExport('sha256:x', exp);
    expect(a.layers.map((l) => l.historyIndex)).toEqual([0, 2, 3, 4]);
    expect(a.layers[1]?.createdBy).toContain('dd if=/dev/zero');
    const shipped = 1000 + 4 + 10 + 5 * MB + 3000 + 8 + 20 + 1;
    expect(a.shippedBytes).toBe(shipped);
    const final = 1000 + 8 + 20 + 3000 + 1;
    expect(a.finalBytes).toBe(final);
    expect(a.efficiency).toBeCloseTo(final / shipped, 10);
    expect(a.wastedBytes).toBe(5 * MB + 4 + 10);
    expect(a.wasted[0]).toMatchObject({ path: '/tmp/big', bytes: 5 * MB, layers: [1], removedIn: 2 });
    expect(a.layers[2]).toMatchObject({ removed: 2, changed: 1, added: 1 });

    const kinds = a.hints.map((h) => `${h.kind}:${h.layers.join(',')}`);
    expect(kinds).toContain('package-cache:1');
    expect(kinds).toContain('added-then-deleted:1,2');
    expect(kinds).toContain('combine-runs:1,2,3');
    expect(kinds).toContain('runs-as-root:');

    const tree = treeEntries(replayLayers(exp.layers, 2).tree).map((e) => e.path);
    expect(tree).toContain('/opt/x/2');
    expect(tree).not.toContain('/opt/x/1');
    expect(tree).not.toContain('/tmp/big');
    expect(treeEntries(replayLayers(exp.layers, 1).tree).map((e) => e.path)).toContain('/tmp/big');
  });

  it('reads one file of one layer and stops there', async () => {
    const buf = await imageExport(
      [[{ name: 'etc/conf', content: 'a=1\n' }], [{ name: 'etc/conf', content: 'a=2\n' }]],
      [{ created_by: 'x' }, { created_by: 'y' }],
    );
    const f0 = await findFileInExport(Readable.from([buf]), 'l0/layer.tar', '/etc/conf', 1024);
    const f1 = await findFileInExport(Readable.from([buf]), 'l1/layer.tar', 'etc/conf', 2);
    expect(f0?.data.toString()).toBe('a=1\n');
    expect(f1).toMatchObject({ size: 4, truncated: true });
    expect(f1?.data.toString()).toBe('a=');
    expect(await findFileInExport(Readable.from([buf]), 'l1/layer.tar', '/nope', 10)).toBeUndefined();
  });
});
