import { createHash, randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Readable } from 'node:stream';
import tar from 'tar-stream';
import { FIXTURE_IMAGE, directDocker, spawnDocker } from './docker-cli.ts';

const sha256 = (b: Buffer) => `sha256:${createHash('sha256').update(b).digest('hex')}`;

async function entries(stream: Readable): Promise<Map<string, Buffer>> {
  const out = new Map<string, Buffer>();
  const extract = tar.extract();
  stream.pipe(extract);
  for await (const entry of extract) {
    const chunks: Buffer[] = [];
    for await (const c of entry) chunks.push(c as Buffer);
    out.set(entry.header.name.replace(/^\.\//, ''), Buffer.concat(chunks));
  }
  return out;
}

/** A one-file layer tar of `size` random bytes (random: no engine has it yet). */
async function randomLayer(size: number): Promise<Buffer> {
  const pack = tar.pack();
  pack.entry({ name: 'porthole-pull-test.bin', size, mode: 0o644 }, randomBytes(size));
  pack.finalize();
  const chunks: Buffer[] = [];
  for await (const c of pack) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

export interface FakeRegistry {
  /** `127.0.0.1:PORT` (the engine pulls from a loopback registry over plain HTTP). */
  host: string;
  /** The repository it serves under any name: the fixture's layers plus one new random layer. */
  digest: string;
  close(): Promise<void>;
}

/**
 * A registry (Distribution API v2, read only) on 127.0.0.1 serving one image under any name and
 * tag: the fixture image with one more layer of random bytes and the given labels, so a pull has
 * a layer that already exists and one that downloads with progress. Nothing leaves the machine.
 */
export async function startFakeRegistry(labels: Record<string, string>): Promise<FakeRegistry> {
  const saved = await entries(spawnDocker(directDocker(), ['save', FIXTURE_IMAGE]).stdout as Readable);
  const manifest = (JSON.parse(String(saved.get('manifest.json'))) as Array<{ Config: string; Layers: string[] }>)[0];
  if (!manifest) throw new Error('docker save gave no manifest');
  const layers = manifest.Layers.map((p) => saved.get(p) as Buffer);
  layers.push(await randomLayer(3 << 20));
  const config = JSON.parse(String(saved.get(manifest.Config))) as {
    config: { Labels?: Record<string, string> | null };
    rootfs: { diff_ids: string[] };
    history?: Array<Record<string, unknown>>;
  };
  config.config.Labels = { ...(config.config.Labels ?? {}), ...labels };
  config.rootfs.diff_ids = layers.map(sha256);
  config.history = [...(config.history ?? []), { created: new Date().toISOString(), created_by: 'porthole pull test layer' }];
  const configBlob = Buffer.from(JSON.stringify(config));
  const blobs = new Map([[sha256(configBlob), configBlob], ...layers.map((l) => [sha256(l), l] as const)]);
  const manifestBlob = Buffer.from(
    JSON.stringify({
      schemaVersion: 2,
      mediaType: 'application/vnd.docker.distribution.manifest.v2+json',
      config: { mediaType: 'application/vnd.docker.container.image.v1+json', size: configBlob.length, digest: sha256(configBlob) },
      // Served uncompressed: the engine detects that the "gzip" layer is a plain tar.
      layers: layers.map((l) => ({ mediaType: 'application/vnd.docker.image.rootfs.diff.tar.gzip', size: l.length, digest: sha256(l) })),
    }),
  );

  const server = http.createServer((req, res) => {
    const url = req.url ?? '/';
    const send = (body: Buffer, type: string, digest?: string) => {
      res.writeHead(200, {
        'content-type': type,
        'content-length': body.length,
        'docker-distribution-api-version': 'registry/2.0',
        ...(digest ? { 'docker-content-digest': digest } : {}),
      });
      res.end(req.method === 'HEAD' ? undefined : body);
    };
    if (url === '/v2/') return send(Buffer.from('{}'), 'application/json');
    if (/^\/v2\/.+\/manifests\/[^/]+$/.test(url)) {
      return send(manifestBlob, 'application/vnd.docker.distribution.manifest.v2+json', sha256(manifestBlob));
    }
    const blob = /^\/v2\/.+\/blobs\/(sha256:[0-9a-f]{64})$/.exec(url);
    const found = blob && blobs.get(blob[1] as string);
    if (found) return send(found, 'application/octet-stream', blob[1]);
    res.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ errors: [{ code: 'NOT_FOUND', message: url }] }));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    host: `127.0.0.1:${port}`,
    digest: sha256(manifestBlob),
    close: async () => {
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
    },
  };
}
